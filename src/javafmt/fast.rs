//! A byte-level fast path for the shapes that dominate real data: all-numeric
//! `SimpleDateFormat` patterns (`yyyy-MM-dd' 'HH:mm:ss`, `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, …)
//! over ASCII text with every value in its normal range.
//!
//! Design: it never decides anything the full parser would decide differently. Whenever the
//! text leaves the happy shape (blanks, signs, two-digit years, out-of-range values, years
//! before 1583, DST questions in strict mode) it returns `None` and the caller runs the full
//! `parse_sdf`, so results are identical by construction; the oracle test and a property
//! test below check it.

use super::calendar;
use super::pattern::{self, Item};
use super::zone::Zone;

#[derive(Clone, Debug)]
enum Step {
    Lit(Vec<u8>),
    /// A numeric field: which one, the letter count, whether the next item is numeric.
    Num { field: NumField, count: usize, obey: bool },
    /// `X`, `XX`, `XXX`.
    Iso(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumField {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Milli,
}

#[derive(Clone, Debug)]
pub struct FastPlan {
    steps: Vec<Step>,
}

impl FastPlan {
    /// A plan for `SimpleDateFormat` items, when every item is one the fast path knows.
    pub fn new(items: &[Item]) -> Option<FastPlan> {
        let mut steps = Vec::new();
        let mut seen = [false; 7];
        for (i, item) in items.iter().enumerate() {
            match item {
                // Any ASCII literal: where the text then deviates (extra blanks, signs), the
                // next number finds no digit and the full parser takes over.
                Item::Literal(s) if s.is_ascii() => steps.push(Step::Lit(s.as_bytes().to_vec())),
                Item::Field(f) => {
                    let field = match (f.letter, f.count) {
                        ('y', n) if n >= 3 => NumField::Year,
                        ('M', 1..=2) => NumField::Month,
                        ('d', _) => NumField::Day,
                        ('H', _) => NumField::Hour,
                        ('m', _) => NumField::Minute,
                        ('s', _) => NumField::Second,
                        ('S', _) => NumField::Milli,
                        ('X', n) => {
                            steps.push(Step::Iso(n));
                            continue;
                        }
                        _ => return None,
                    };
                    let slot = seen.get_mut(field as usize)?;
                    if *slot {
                        return None; // a field twice: let the full parser order them
                    }
                    *slot = true;
                    let obey = pattern::obeys_count(items.get(i + 1));
                    steps.push(Step::Num { field, count: f.count, obey });
                }
                _ => return None,
            }
        }
        // Without a year the date defaults to 1970, fine; without month/day to January 1st.
        Some(FastPlan { steps })
    }

    /// Epoch ms, or `None` to let the full parser decide.
    pub fn parse(&self, t: &[u8], zone: &Zone, lenient: bool) -> Option<i64> {
        let (mut y, mut mo, mut d, mut h, mut mi, mut s, mut ms) = (1970i64, 1i64, 1i64, 0i64, 0i64, 0i64, 0i64);
        let mut offset: Option<i64> = None;
        let mut p = 0usize;
        for step in &self.steps {
            match step {
                Step::Lit(l) => {
                    let end = p + l.len();
                    if t.get(p..end)? != l.as_slice() {
                        return None;
                    }
                    p = end;
                }
                Step::Num { field, count, obey } => {
                    let max = if *obey { *count } else { 9 };
                    let start = p;
                    let mut v = 0i64;
                    while p - start < max {
                        match t.get(p) {
                            Some(b) if b.is_ascii_digit() => {
                                v = v * 10 + i64::from(b - b'0');
                                p += 1;
                            }
                            _ => break,
                        }
                    }
                    if p == start || (!obey && t.get(p).is_some_and(u8::is_ascii_digit)) {
                        return None;
                    }
                    match field {
                        NumField::Year => y = v,
                        NumField::Month => mo = v,
                        NumField::Day => d = v,
                        NumField::Hour => h = v,
                        NumField::Minute => mi = v,
                        NumField::Second => s = v,
                        NumField::Milli => ms = v,
                    }
                }
                Step::Iso(n) => match t.get(p)? {
                    b'Z' => {
                        offset = Some(0);
                        p += 1;
                    }
                    sign @ (b'+' | b'-') => {
                        let dig = |i: usize| t.get(i).filter(|b| b.is_ascii_digit()).map(|b| i64::from(b - b'0'));
                        let hh = dig(p + 1)? * 10 + dig(p + 2)?;
                        let mut q = p + 3;
                        let mm = match n {
                            1 => 0,
                            2 => {
                                let v = dig(q)? * 10 + dig(q + 1)?;
                                q += 2;
                                v
                            }
                            _ => {
                                if t.get(q) != Some(&b':') {
                                    return None;
                                }
                                let v = dig(q + 1)? * 10 + dig(q + 2)?;
                                q += 3;
                                v
                            }
                        };
                        if hh > 13 || mm > 59 {
                            return None;
                        }
                        let sign = if *sign == b'-' { -1 } else { 1 };
                        offset = Some(sign * (hh * 60 + mm) * 60_000);
                        p = q;
                    }
                    _ => return None,
                },
            }
        }
        if !(1583..=9999).contains(&y) || !(1..=12).contains(&mo) || h > 23 || mi > 59 || s > 59 || ms > 999 {
            return None;
        }
        let cal = calendar::Calendar::ProlepticGregorian;
        if d < 1 || d > i64::from(calendar::month_length(cal, y, mo as u32)) {
            return None;
        }
        let local = calendar::days_from_civil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + ms;
        match offset {
            Some(off) => Some(local - off),
            None => match zone.is_fixed() {
                Some(off) => Some(local - i64::from(off) * 1000),
                // Strict mode must reject DST gaps: leave named zones to the full parser.
                None if !lenient => None,
                None => {
                    let secs = zone.resolve_local(local.div_euclid(1000), true);
                    Some(secs * 1000 + local.rem_euclid(1000))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_sdf, pattern, Dialect};
    use super::*;

    /// Differential check: wherever the fast path answers, the full parser answers the same.
    #[test]
    fn ok_fast_path_agrees_with_full_parser_on_mutations() {
        let patterns = ["yyyy-MM-dd' 'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyyMMddHHmmss", "MM/dd/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssX"];
        let seeds = ["2024-02-29 12:34:56", "2024-02-29T12:34:56.789+05:30", "20240229123456", "02/29/2024 12:34:56", "2024-02-29T12:34:56-08"];
        let alphabet = b"0123456789 -+:TZ.x/\t";
        let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let zones = [Zone::utc(), Zone::parse("America/New_York").unwrap_or_else(|_| Zone::utc())];
        let mut answered = 0;
        for (pat, seed) in patterns.iter().zip(seeds) {
            let items = pattern::compile(pat, Dialect::Simple).unwrap_or_default();
            let plan = FastPlan::new(&items).unwrap_or_else(|| panic!("no plan for {pat}"));
            for _ in 0..4000 {
                let mut text: Vec<u8> = seed.as_bytes().to_vec();
                for _ in 0..(next() % 3 + 1) {
                    let i = (next() % (text.len() as u64 + 1)) as usize;
                    let c = alphabet[(next() % alphabet.len() as u64) as usize];
                    match next() % 3 {
                        0 if i < text.len() => text[i] = c,
                        1 => text.insert(i.min(text.len()), c),
                        _ if i < text.len() => {
                            text.remove(i);
                        }
                        _ => {}
                    }
                }
                let s = String::from_utf8_lossy(&text).to_string();
                for zone in &zones {
                    for lenient in [true, false] {
                        if let Some(fast) = plan.parse(s.as_bytes(), zone, lenient) {
                            answered += 1;
                            let ctx = parse_sdf::Ctx { zone, lenient, century_start_ms: 0, century_start_year: 1950 };
                            assert_eq!(parse_sdf::parse(&items, &s, &ctx), Ok(fast), "{pat} {s:?} lenient={lenient} {}", zone.id());
                        }
                    }
                }
            }
        }
        assert!(answered > 1000, "the fast path answered only {answered} times");
    }
}
