//! The fixed layout: for texts whose every field has its usual width, the fast path's
//! quickest reader. A branch per field and a byte compare per literal cost more than the
//! rest of a parse; here the whole text is checked in a few 64-bit operations.

use super::{NumField, Step, Values, DEFAULTS};

/// The text's shape when every field has its usual width (`yyyy` four digits, `MM` two, …):
/// checked eight bytes at a time and read at fixed offsets, with no per-item branching. Where
/// a text deviates (a one-digit day, a longer year) the step-by-step reader takes over, and
/// wherever the layout answers, that reader would answer the same: a greedy field is taken
/// only when a non-digit follows it, as a greedy reader would stop there.
#[derive(Clone, Debug)]
pub(super) struct Layout {
    /// Bytes the fixed part covers, at least eight.
    pub(super) len: usize,
    /// Per eight-byte word at `offset`: `(x & mask) == want` checks literals exactly and the
    /// high nibble of digits; `((x + six) & nibble) == threes` then rejects `:`…`?`.
    words: Vec<Word>,
    /// Where each field's digits are, in `NumField` order: fixed slots rather than a list, so
    /// values stay in registers (an array written field by field and then copied stalled on
    /// store forwarding).
    slots: [Slot; 7],
    /// A greedy field ends the fixed part: the byte after must not be a digit.
    check_after: bool,
    /// An `X` zone follows the fixed part.
    pub(super) iso: Option<usize>,
}

/// A field's digits: `width` 0 when the pattern lacks the field (Java's default then).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    offset: usize,
    width: usize,
}

impl Slot {
    #[inline(always)]
    fn value(self, fixed: &[u8], default: i64) -> i64 {
        let Some(digits) = fixed.get(self.offset..self.offset + self.width) else {
            return default;
        };
        let d = |i: usize| digits.get(i).map_or(0, |b| i64::from(b.wrapping_sub(b'0')));
        // The common widths without a loop.
        match self.width {
            0 => default,
            2 => d(0) * 10 + d(1),
            4 => ((d(0) * 10 + d(1)) * 10 + d(2)) * 10 + d(3),
            _ => digits.iter().fold(0, |v, b| v * 10 + i64::from(b.wrapping_sub(b'0'))),
        }
    }
}

#[derive(Clone, Debug)]
struct Word {
    offset: usize,
    mask: u64,
    want: u64,
    six: u64,
    nibble: u64,
    threes: u64,
}

impl Layout {
    pub(super) fn new(steps: &[Step]) -> Option<Layout> {
        // Per byte: Some(literal) or None for a digit.
        let mut shape: Vec<Option<u8>> = Vec::new();
        let mut slots = [Slot::default(); 7];
        let mut iso = None;
        let mut check_after = false;
        for step in steps {
            if iso.is_some() {
                return None; // the zone's width varies: only a trailing one is supported
            }
            match step {
                Step::Byte(b) => {
                    shape.push(Some(*b));
                    check_after = false;
                }
                Step::Lit(l) => {
                    shape.extend(l.iter().map(|b| Some(*b)));
                    check_after = l.is_empty() && check_after;
                }
                Step::Num { field, max, exact } => {
                    let width = if *exact {
                        *max
                    } else {
                        match field {
                            NumField::Year => 4,
                            NumField::Milli => 3,
                            _ => 2,
                        }
                    };
                    *slots.get_mut(*field as usize)? = Slot { offset: shape.len(), width };
                    shape.extend(std::iter::repeat_n(None, width));
                    check_after = !*exact;
                }
                Step::Iso(n) => iso = Some(*n),
                // Names vary in width: the step reader takes these.
                Step::MonthName | Step::DayName | Step::Rfc822 => return None,
            }
        }
        // A literal digit would join a greedy field's run; such patterns keep the step reader.
        if shape.len() < 8 || shape.iter().flatten().any(u8::is_ascii_digit) {
            return None;
        }
        let len = shape.len();
        let mut offsets: Vec<usize> = (0..len / 8).map(|k| k * 8).collect();
        if len % 8 != 0 {
            offsets.push(len - 8);
        }
        let words = offsets
            .into_iter()
            .map(|offset| {
                let mut w = Word { offset, mask: 0, want: 0, six: 0, nibble: 0, threes: 0 };
                for (k, byte) in shape.iter().skip(offset).take(8).enumerate() {
                    let at = 8 * k as u32;
                    match byte {
                        Some(b) => {
                            w.mask |= 0xFF << at;
                            w.want |= u64::from(*b) << at;
                        }
                        None => {
                            w.mask |= 0xF0 << at;
                            w.want |= 0x30 << at;
                            w.six |= 0x06 << at;
                            w.nibble |= 0xF0 << at;
                            w.threes |= 0x30 << at;
                        }
                    }
                }
                w
            })
            .collect();
        Some(Layout { len, words, slots, check_after, iso })
    }

    /// Field values, or `None` when the text has another shape.
    #[inline(always)]
    pub(super) fn read(&self, t: &[u8]) -> Option<Values> {
        let fixed = t.get(..self.len)?;
        let mut bad = 0u64;
        for w in &self.words {
            let bytes: [u8; 8] = fixed.get(w.offset..w.offset + 8)?.try_into().ok()?;
            let x = u64::from_le_bytes(bytes);
            // No carry crosses bytes: where the first test passes, digits are 0x30..=0x3F.
            bad |= ((x & w.mask) ^ w.want) | ((x.wrapping_add(w.six) & w.nibble) ^ w.threes);
        }
        if bad != 0 || (self.check_after && t.get(self.len).is_some_and(u8::is_ascii_digit)) {
            return None;
        }
        let [y, mo, d, h, mi, s, ms] = &self.slots;
        let [dy, dmo, dd, dh, dmi, ds, dms] = DEFAULTS;
        Some([
            y.value(fixed, dy),
            mo.value(fixed, dmo),
            d.value(fixed, dd),
            h.value(fixed, dh),
            mi.value(fixed, dmi),
            s.value(fixed, ds),
            ms.value(fixed, dms),
        ])
    }
}
