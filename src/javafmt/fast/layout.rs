//! The fixed layout: for texts whose every field has its usual width, the fast path's
//! quickest reader. A branch per field and a byte compare per literal cost more than the
//! rest of a parse; here the whole text is checked in a few 64-bit operations.

use super::super::text::{DAYS_SHORT, MONTHS_SHORT};
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
    /// A zone of varying width ends the pattern, after the fixed part.
    pub(super) tail: Option<Tail>,
    /// Where a three-letter month name and day name sit, when the pattern has them. A short
    /// name is taken only where a non-letter literal follows it, so a long name (which Java
    /// tries first, and which starts with the short one) cannot be there.
    month_name: Option<usize>,
    day_name: Option<usize>,
    /// java.time compares names case-sensitively.
    exact_names: bool,
}

/// The zone that may end a layout.
#[derive(Clone, Copy, Debug)]
pub(super) enum Tail {
    /// `X`, `XX`, `XXX`.
    Iso(usize),
    /// SimpleDateFormat's `z`/`Z`: `+hhmm` or `GMT`.
    Zone,
}

/// What names said: the month (1-based) and the day name's index (0 = Monday).
pub(super) struct Extras {
    pub(super) month: Option<i64>,
    pub(super) weekday: Option<usize>,
}

/// One byte of the layout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    Lit(u8),
    Digit,
    /// A letter of a name or the sign of an offset: checked apart from the words.
    Free,
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
    pub(super) fn new(steps: &[Step], exact_names: bool) -> Option<Layout> {
        let mut shape: Vec<Cell> = Vec::new();
        let mut slots = [Slot::default(); 7];
        let (mut tail, mut month_name, mut day_name) = (None, None, None);
        let mut check_after = false;
        // A name was just laid: the next cell must be a literal that is not a letter.
        let mut after_name = false;
        for step in steps {
            if tail.is_some() {
                return None; // the zone's width varies: only a trailing one is supported
            }
            if after_name && !matches!(step, Step::Byte(b) if !b.is_ascii_alphabetic())
                && !matches!(step, Step::Lit(l) if l.first().is_some_and(|b| !b.is_ascii_alphabetic()))
            {
                return None;
            }
            after_name = false;
            match step {
                Step::Byte(b) => {
                    shape.push(Cell::Lit(*b));
                    check_after = false;
                }
                Step::Lit(l) => {
                    shape.extend(l.iter().map(|b| Cell::Lit(*b)));
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
                    shape.extend(std::iter::repeat_n(Cell::Digit, width));
                    check_after = !*exact;
                }
                Step::Iso(n) => tail = Some(Tail::Iso(*n)),
                Step::Zone => tail = Some(Tail::Zone),
                Step::MonthName | Step::DayName => {
                    let at = Some(shape.len());
                    if matches!(step, Step::MonthName) { month_name = at } else { day_name = at }
                    shape.extend([Cell::Free; 3]);
                    after_name = true;
                    check_after = false;
                }
            }
        }
        // A literal digit would join a greedy field's run; such patterns keep the step reader.
        let literal_digit = shape.iter().any(|c| matches!(c, Cell::Lit(b) if b.is_ascii_digit()));
        if after_name || shape.len() < 8 || literal_digit {
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
                for (k, cell) in shape.iter().skip(offset).take(8).enumerate() {
                    let at = 8 * k as u32;
                    match cell {
                        Cell::Lit(b) => {
                            w.mask |= 0xFF << at;
                            w.want |= u64::from(*b) << at;
                        }
                        Cell::Digit => {
                            w.mask |= 0xF0 << at;
                            w.want |= 0x30 << at;
                            w.six |= 0x06 << at;
                            w.nibble |= 0xF0 << at;
                            w.threes |= 0x30 << at;
                        }
                        Cell::Free => {}
                    }
                }
                w
            })
            .collect();
        Some(Layout { len, words, slots, check_after, tail, month_name, day_name, exact_names })
    }

    /// Field values, or `None` when the text has another shape. A month given by name keeps
    /// its default here: [`Layout::extras`] has it.
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

    /// Whether [`Layout::extras`] has something to read.
    pub(super) fn has_extras(&self) -> bool {
        self.month_name.is_some() || self.day_name.is_some()
    }

    /// The names in a text [`Layout::read`] accepted, or `None` when one is not a name.
    pub(super) fn extras(&self, t: &[u8]) -> Option<Extras> {
        let fixed = t.get(..self.len)?;
        let month = match self.month_name {
            Some(at) => Some(short_name(fixed, at, &MONTHS_SHORT, self.exact_names)? as i64 + 1),
            None => None,
        };
        let weekday = match self.day_name {
            Some(at) => Some(short_name(fixed, at, &DAYS_SHORT, self.exact_names)?),
            None => None,
        };
        Some(Extras { month, weekday })
    }
}

/// The index of the three-letter name at `at`, exactly or ASCII case-insensitively. Names are
/// letters, and a byte ORed with 0x20 equals a lowercase letter only when it is that letter in
/// either case, so one integer compare per name does.
fn short_name(fixed: &[u8], at: usize, names: &[&str], exact: bool) -> Option<usize> {
    let fold = if exact { 0 } else { 0x20 };
    let key = |b: &[u8]| b.iter().fold(0u32, |k, c| (k << 8) | u32::from(c | fold));
    let want = key(fixed.get(at..at + 3)?);
    names.iter().position(|n| key(n.as_bytes()) == want)
}
