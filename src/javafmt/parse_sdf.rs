//! `SimpleDateFormat.parse` as Java 17 does it.
//!
//! Design: parsing fills calendar fields, each with the order in which it was set (Java's
//! "stamp"), and resolution follows `GregorianCalendar`: the most recently set group of date
//! fields wins, lenient arithmetic rolls over, and non-lenient mode recomputes every field from
//! the instant and fails when one changed. The habits users meet (skipped leading blanks, any
//! digit count unless the next field abuts, case-insensitive names, ignored trailing text,
//! two-digit years in a sliding window) all live here.

use super::calendar::{self, Calendar};
use super::error::{quote_input, ParseError};
use super::format::{Broken, MS_PER_DAY};
use super::pattern::{self, Field, Item};
use super::text::*;
use super::zone::{OffsetAt, Zone, NAMES};
use super::Dialect;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(usize)]
enum F {
    Era,
    Year,
    Month,
    WeekOfYear,
    WeekOfMonth,
    DayOfMonth,
    DayOfYear,
    DayOfWeek,
    DayOfWeekInMonth,
    AmPm,
    Hour,
    HourOfDay,
    Minute,
    Second,
    Millisecond,
    ZoneOffset,
    DstOffset,
    WeekYear,
}
const NF: usize = 18;
const ALL: [F; NF] = [
    F::Era, F::Year, F::Month, F::WeekOfYear, F::WeekOfMonth, F::DayOfMonth, F::DayOfYear,
    F::DayOfWeek, F::DayOfWeekInMonth, F::AmPm, F::Hour, F::HourOfDay, F::Minute, F::Second,
    F::Millisecond, F::ZoneOffset, F::DstOffset, F::WeekYear,
];

/// Calendar fields with Java's set-order stamps (0 = unset).
#[derive(Clone, Default)]
struct Fields {
    value: [i64; NF],
    stamp: [u32; NF],
    next: u32,
}

impl Fields {
    fn set(&mut self, f: F, v: i64) {
        self.next += 1;
        if let (Some(slot), Some(st)) = (self.value.get_mut(f as usize), self.stamp.get_mut(f as usize)) {
            *slot = v;
            *st = self.next + 1;
        }
    }
    fn stamp(&self, f: F) -> u32 {
        self.stamp.get(f as usize).copied().unwrap_or(0)
    }
    fn is_set(&self, f: F) -> bool {
        self.stamp(f) != 0
    }
    fn get(&self, f: F) -> Option<i64> {
        if self.is_set(f) {
            self.value.get(f as usize).copied()
        } else {
            None
        }
    }
    fn or(&self, f: F, default: i64) -> i64 {
        self.get(f).unwrap_or(default)
    }
}

/// What the parser needs besides the pattern.
pub struct Ctx<'a> {
    pub zone: &'a Zone,
    pub lenient: bool,
    /// Start of the two-digit-year window, epoch ms (`now` − 80 years).
    pub century_start_ms: i64,
    pub century_start_year: i64,
}

/// Parses `text`; returns epoch milliseconds. Trailing text is ignored, as Java's
/// `parse(String)` does.
pub fn parse(items: &[Item], text: &str, ctx: &Ctx) -> Result<i64, ParseError> {
    // Sized up front: growing it by doubling showed in profiles.
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    parse_chars(items, &chars, ctx).map(|(ms, _)| ms)
}

/// As [`parse`], also returning how many characters were used.
pub fn parse_chars(items: &[Item], t: &[char], ctx: &Ctx) -> Result<(i64, usize), ParseError> {
    let mut fields = Fields::default();
    let mut pos = 0usize;
    let mut ambiguous_year = false;
    let mut zone_override: Option<Zone> = None;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Literal(s) => {
                for c in s.chars() {
                    if t.get(pos) != Some(&c) {
                        return Err(ParseError::new(pos + 1, format!("expected {:?} at column {}, found {}", c, pos + 1, quote_input(t, pos))));
                    }
                    pos += 1;
                }
            }
            Item::Field(f) => {
                let obey = pattern::obeys_count(items.get(i + 1));
                pos = sub_parse(t, pos, f, obey, ctx, &mut fields, &mut ambiguous_year, &mut zone_override)?;
            }
            Item::OptionalStart | Item::OptionalEnd => {}
        }
    }
    let mut ms = resolve(&fields, ctx, zone_override.as_ref())?;
    if ambiguous_year && ms < ctx.century_start_ms {
        if let Some(v) = fields.value.get_mut(F::Year as usize) {
            *v += 100; // Java's addYear(100): the value changes, the set order does not
        }
        ms = resolve(&fields, ctx, zone_override.as_ref())?;
    }
    Ok((ms, pos))
}

fn expected(f: &Field) -> &'static str {
    match f.letter {
        'G' => "an era (AD or BC)",
        'y' => "a year",
        'Y' => "a week year",
        'M' | 'L' if f.count >= 3 => "a month name",
        'M' | 'L' => "a month number",
        'w' => "a week of year",
        'W' => "a week of month",
        'D' => "a day of year",
        'd' => "a day of month",
        'F' => "a day of week in month",
        'E' => "a day name",
        'u' => "a day number of week",
        'a' => "AM or PM",
        'H' | 'k' | 'K' | 'h' => "an hour",
        'm' => "minutes",
        's' => "seconds",
        'S' => "milliseconds",
        'z' | 'Z' => "a time zone",
        'X' if f.count == 1 => "an ISO 8601 offset (Z or +05)",
        'X' if f.count == 2 => "an ISO 8601 offset (Z or +0530)",
        'X' => "an ISO 8601 offset (Z or +05:30)",
        _ => "a field",
    }
}

fn fail(t: &[char], at: usize, f: &Field) -> ParseError {
    ParseError::new(at + 1, format!("expected {} at column {}, found {}", expected(f), at + 1, quote_input(t, at)))
}

/// DecimalFormat-like integer: optional '-', then digits; at most `max` characters.
fn number(t: &[char], start: usize, max: usize) -> Option<(i64, usize)> {
    let end = start.saturating_add(max).min(t.len());
    let mut p = start;
    let neg = t.get(p) == Some(&'-') && p < end;
    if neg {
        p += 1;
    }
    let digits_start = p;
    let mut v: i64 = 0;
    while p < end {
        match t.get(p).and_then(|c| java_digit(*c)) {
            Some(d) => {
                v = v.saturating_mul(10).saturating_add(d as i64);
                p += 1;
            }
            None => break,
        }
    }
    if p == digits_start {
        return None;
    }
    // Java keeps an int: huge values are out of every field's range anyway.
    let v = v.min(i32::MAX as i64);
    Some((if neg { -v } else { v }, p))
}

/// `Character.digit(c, 10)` for the decimal digit blocks Java knows (ASCII, fullwidth,
/// Arabic-Indic, Devanagari, …): `DecimalFormat` reads them all.
fn java_digit(c: char) -> Option<u32> {
    if let Some(d) = c.to_digit(10) {
        return Some(d);
    }
    const ZEROS: [u32; 19] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    ];
    let cp = c as u32;
    ZEROS.iter().find(|&&z| cp >= z && cp <= z + 9).map(|z| cp - z)
}

/// Longest case-insensitive match among `names` at `start`; returns (index, end).
/// The longest of `names` at `start` (the first of equally long ones): its index and end.
fn match_names(t: &[char], start: usize, names: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, name) in names.iter().enumerate() {
        if let Some(end) = region_end(t, start, name) {
            if best.is_none_or(|(_, e)| end > e) {
                best = Some((i, end));
            }
        }
    }
    best
}

/// `String.regionMatches(true, …)`, which text fields use.
fn region_matches(t: &[char], start: usize, s: &str) -> bool {
    region_end(t, start, s).is_some()
}

/// Where `s` ends when the text holds it at `start`, compared as [`region_matches`] does.
fn region_end(t: &[char], start: usize, s: &str) -> Option<usize> {
    let mut p = start;
    for c in s.chars() {
        match t.get(p) {
            Some(x) if same_ignoring_case(*x, c) => p += 1,
            _ => return None,
        }
    }
    Some(p)
}

/// Java's per-character rule: equal, or equal upper cases, or equal lower cases of the upper
/// cases (so `ſ` matches `s` through `S`). ASCII pairs, nearly every call, skip the Unicode
/// tables, which made the case mapping most of an `EEE, dd MMM yyyy` parse.
fn same_ignoring_case(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b);
    }
    // Java maps one char to one char; where Unicode's full mapping has several, it keeps it.
    fn one(c: char, mut mapped: impl Iterator<Item = char>) -> char {
        match (mapped.next(), mapped.next()) {
            (Some(m), None) => m,
            _ => c,
        }
    }
    let (ua, ub) = (one(a, a.to_uppercase()), one(b, b.to_uppercase()));
    ua == ub || one(ua, ua.to_lowercase()) == one(ub, ub.to_lowercase())
}

#[allow(clippy::too_many_arguments)]
fn sub_parse(
    t: &[char],
    start: usize,
    f: &Field,
    obey: bool,
    ctx: &Ctx,
    fields: &mut Fields,
    ambiguous_year: &mut bool,
    zone_override: &mut Option<Zone>,
) -> Result<usize, ParseError> {
    let mut pos = start;
    while matches!(t.get(pos), Some(' ') | Some('\t')) {
        pos += 1;
    }
    if pos >= t.len() {
        return Err(fail(t, pos, f));
    }
    let max = if obey { f.count } else { usize::MAX };
    let num = |p: usize| number(t, p, max).ok_or_else(|| fail(t, p, f));
    match f.letter {
        'G' => {
            let (i, end) = match_names(t, pos, &ERAS_SHORT).ok_or_else(|| fail(t, pos, f))?;
            fields.set(F::Era, i as i64);
            Ok(end)
        }
        'y' | 'Y' => {
            let (mut v, end) = num(pos)?;
            let two_digits = f.count <= 2
                && end - pos == 2
                && t.get(pos).is_some_and(|c| c.is_ascii_digit())
                && t.get(pos + 1).is_some_and(|c| c.is_ascii_digit());
            if two_digits {
                let amb = ctx.century_start_year.rem_euclid(100);
                *ambiguous_year = v == amb;
                v += ctx.century_start_year.div_euclid(100) * 100 + if v < amb { 100 } else { 0 };
            }
            fields.set(if f.letter == 'y' { F::Year } else { F::WeekYear }, v);
            Ok(end)
        }
        'M' | 'L' => {
            if f.count <= 2 {
                let (v, end) = num(pos)?;
                fields.set(F::Month, v - 1);
                return Ok(end);
            }
            let (i, end) = match_names(t, pos, &MONTHS_LONG)
                .or_else(|| match_names(t, pos, &MONTHS_SHORT))
                .ok_or_else(|| fail(t, pos, f))?;
            fields.set(F::Month, i as i64);
            Ok(end)
        }
        'E' => {
            let (i, end) = match_names(t, pos, &DAYS_LONG)
                .or_else(|| match_names(t, pos, &DAYS_SHORT))
                .ok_or_else(|| fail(t, pos, f))?;
            // Java's DAY_OF_WEEK: 1 = Sunday.
            fields.set(F::DayOfWeek, ((i + 1) % 7 + 1) as i64);
            Ok(end)
        }
        'a' => {
            let (i, end) = match_names(t, pos, &AMPM).ok_or_else(|| fail(t, pos, f))?;
            fields.set(F::AmPm, i as i64);
            Ok(end)
        }
        'z' | 'Z' => parse_zone(t, pos, f, fields, zone_override, ctx),
        'X' => {
            let c = t.get(pos).copied().unwrap_or(' ');
            if c == 'Z' {
                fields.set(F::ZoneOffset, 0);
                fields.set(F::DstOffset, 0);
                return Ok(pos + 1);
            }
            let sign = match c {
                '+' => 1,
                '-' => -1,
                _ => return Err(fail(t, pos, f)),
            };
            let (mins, end) = numeric_zone(t, pos + 1, f.count, f.count == 3).ok_or_else(|| fail(t, pos, f))?;
            fields.set(F::ZoneOffset, sign * mins * 60_000);
            fields.set(F::DstOffset, 0);
            Ok(end)
        }
        _ => {
            let (v, end) = num(pos)?;
            if !ctx.lenient && ((f.letter == 'k' && !(1..=24).contains(&v)) || (f.letter == 'h' && !(1..=12).contains(&v))) {
                return Err(fail(t, pos, f));
            }
            let (field, v) = match f.letter {
                'd' => (F::DayOfMonth, v),
                'D' => (F::DayOfYear, v),
                'F' => (F::DayOfWeekInMonth, v),
                'w' => (F::WeekOfYear, v),
                'W' => (F::WeekOfMonth, v),
                'u' => (F::DayOfWeek, if v == 7 { 1 } else { v + 1 }),
                'H' => (F::HourOfDay, v),
                'k' => (F::HourOfDay, if v == 24 { 0 } else { v }),
                'K' => (F::Hour, v),
                'h' => (F::Hour, if v == 12 { 0 } else { v }),
                'm' => (F::Minute, v),
                's' => (F::Second, v),
                _ => (F::Millisecond, v),
            };
            fields.set(field, v);
            Ok(end)
        }
    }
}

/// `hh[:]mm` after a sign; returns minutes. `count` 1 is `X` (hours only).
fn numeric_zone(t: &[char], start: usize, count: usize, colon: bool) -> Option<(i64, usize)> {
    let digit = |p: usize| t.get(p).and_then(|c| c.to_digit(10)).map(i64::from);
    let mut p = start;
    let mut hours = digit(p)?;
    p += 1;
    match digit(p) {
        Some(d) => {
            hours = hours * 10 + d;
            p += 1;
        }
        None if count > 0 || !colon => return None,
        None => {}
    }
    if hours > 23 {
        return None;
    }
    let mut minutes = 0;
    if count != 1 {
        if colon {
            if t.get(p) != Some(&':') {
                return None;
            }
            p += 1;
        }
        minutes = digit(p)? * 10 + digit(p + 1)?;
        p += 2;
        if minutes > 59 {
            return None;
        }
    }
    Some((hours * 60 + minutes, p))
}

fn parse_zone(
    t: &[char],
    pos: usize,
    f: &Field,
    fields: &mut Fields,
    zone_override: &mut Option<Zone>,
    ctx: &Ctx,
) -> Result<usize, ParseError> {
    let c = t.get(pos).copied().unwrap_or(' ');
    let set = |fields: &mut Fields, raw: i64, dst: i64| {
        fields.set(F::ZoneOffset, raw);
        fields.set(F::DstOffset, dst);
    };
    if c == '+' || c == '-' {
        let sign = if c == '+' { 1 } else { -1 };
        let (mins, end) = numeric_zone(t, pos + 1, 0, false).ok_or_else(|| fail(t, pos, f))?;
        set(fields, sign * mins * 60_000, 0);
        return Ok(end);
    }
    if region_matches(t, pos, "GMT") {
        let p = pos + 3;
        let sign = match t.get(p) {
            Some('+') => 1,
            Some('-') => -1,
            _ => {
                set(fields, 0, 0);
                return Ok(p);
            }
        };
        let (mins, end) = numeric_zone(t, p + 1, 0, true).ok_or_else(|| fail(t, pos, f))?;
        set(fields, sign * mins * 60_000, 0);
        return Ok(end);
    }
    // Zone names: the SDF's own zone first, then every zone Java knows, in table order.
    // As Java, a name switches the zone and fixes only the DST part: standard names give 0,
    // daylight names the zone's savings, and a name used for both leaves it to the zone.
    let own = ctx.zone.names();
    for names in own.into_iter().chain(NAMES.iter()) {
        let candidates = [(names.std_long, 1), (names.std_short, 2), (names.dst_long, 3), (names.dst_short, 4)];
        for (name, idx) in candidates {
            if region_matches(t, pos, name) {
                let zone = Zone::parse(names.id).unwrap_or_else(|_| Zone::utc());
                let same_name = match idx {
                    1 => names.std_long.eq_ignore_ascii_case(names.dst_long),
                    2 => names.std_short.eq_ignore_ascii_case(names.dst_short),
                    _ => false,
                };
                let dst = if idx >= 3 { zone_dst_savings(&zone) as i64 * 1000 } else { 0 };
                if !same_name {
                    if let Some(st) = fields.stamp.get_mut(F::ZoneOffset as usize) {
                        *st = 0;
                    }
                    fields.set(F::DstOffset, dst);
                }
                *zone_override = Some(zone);
                return Ok(pos + name.chars().count());
            }
        }
    }
    Err(fail(t, pos, f))
}

/// `TimeZone.getDSTSavings()`: one hour for zones that observe DST (30 minutes at Lord Howe).
fn zone_dst_savings(zone: &Zone) -> i32 {
    let probe = 1_893_456_000 + 15 * 86_400; // January 2030
    let a = zone.offset_at(probe, true);
    let b = zone.offset_at(probe + 182 * 86_400, true);
    a.dst.max(b.dst)
}

/// `getDayOfWeekDateOnOrBefore`: the epoch day of `java_dow` (1 = Sunday) on or before `day`.
fn dow_on_or_before(day: i64, java_dow: i64) -> i64 {
    let sunday_idx = calendar::sunday_index(day);
    day - (sunday_idx - (java_dow - 1)).rem_euclid(7)
}

/// `GregorianCalendar.computeTime` on the parsed fields.
fn resolve(fl: &Fields, ctx: &Ctx, zone_override: Option<&Zone>) -> Result<i64, ParseError> {
    let zone = zone_override.unwrap_or(ctx.zone);
    if !ctx.lenient {
        check_ranges(fl)?;
    }
    let bad = || ParseError::new(1, "the date is out of the supported range".to_string());
    let mut year = fl.or(F::Year, 1970);
    if fl.get(F::Era) == Some(0) {
        year = 1 - year;
    }
    let week_date = fl.is_set(F::WeekYear) && fl.stamp(F::WeekYear) > fl.stamp(F::Year);
    if year.abs() > 1_000_000 || fl.or(F::WeekYear, 0).abs() > 1_000_000 {
        return Err(bad());
    }
    let lim = |v: i64| v.clamp(i32::MIN as i64, i32::MAX as i64);
    let day: i64 = if week_date {
        let cal = Calendar::JulianGregorian;
        let wy = fl.or(F::WeekYear, 1970);
        let woy = lim(fl.or(F::WeekOfYear, 1));
        let dow = fl.or(F::DayOfWeek, 1);
        let days = (dow - 1).rem_euclid(7) + 7 * (woy - 1);
        let d = calendar::from_us_week(cal, wy, 1, 0) + days;
        if !ctx.lenient {
            let (y2, w2) = calendar::us_week(cal, d);
            // GregorianCalendar.getWeekYear counts across the era boundary differently:
            // a week date of an AD week year that falls in BC does not validate.
            let crosses_era = wy >= 1 && cal.ymd(d).year <= 0;
            if y2 != wy || w2 as i64 != woy || crosses_era {
                return Err(ParseError::new(1, "the week date does not exist"));
            }
        }
        d
    } else {
        // GregorianCalendar computes the date in each calendar system and picks by year;
        // in 1582 it takes whichever result falls on its side of the cutover.
        let gfd = date_in(fl, year, Calendar::ProlepticGregorian);
        let jfd = date_in(fl, year, Calendar::Julian);
        let cut = calendar::GREGORIAN_CUTOVER_DAY;
        if year > 1582 || (year == 1582 && gfd >= cut) {
            gfd
        } else if year < 1582 || jfd < cut || ctx.lenient {
            jfd
        } else {
            return Err(ParseError::new(1, "the date falls in the ten days the Gregorian reform skipped (1582-10-05 to 1582-10-14)"));
        }
    };

    // Time of day: HOUR_OF_DAY, or HOUR + AM_PM, whichever was set last.
    let hod_st = fl.stamp(F::HourOfDay);
    let hour_st = if fl.is_set(F::Hour) && fl.is_set(F::AmPm) { fl.stamp(F::Hour).max(fl.stamp(F::AmPm)) } else { 0 };
    let mut best = hour_st.max(hod_st);
    if best == 0 {
        best = fl.stamp(F::Hour).max(fl.stamp(F::AmPm));
    }
    let mut tod: i64 = 0;
    if best != 0 {
        if best == hod_st {
            tod += lim(fl.or(F::HourOfDay, 0));
        } else {
            tod += lim(fl.or(F::Hour, 0)) + 12 * lim(fl.or(F::AmPm, 0));
        }
    }
    tod = tod * 60 + lim(fl.or(F::Minute, 0));
    tod = tod * 60 + lim(fl.or(F::Second, 0));
    tod = tod * 1000 + lim(fl.or(F::Millisecond, 0));
    let day = day + tod.div_euclid(MS_PER_DAY);
    if day.abs() > calendar::MAX_EPOCH_DAY {
        return Err(bad());
    }
    let local = day * MS_PER_DAY + tod.rem_euclid(MS_PER_DAY);
    // Offsets: both parsed (numeric zones), only DST (zone names), or neither.
    let used = match (fl.get(F::ZoneOffset), fl.get(F::DstOffset)) {
        (Some(raw), dst) => OffsetAt { total: ((raw + dst.unwrap_or(0)) / 1000) as i32, dst: (dst.unwrap_or(0) / 1000) as i32 },
        (None, Some(dst)) => {
            let at = zone.offset_for_local(local.div_euclid(1000), true);
            OffsetAt { total: at.total - at.dst + (dst / 1000) as i32, dst: (dst / 1000) as i32 }
        }
        (None, None) => zone.offset_for_local(local.div_euclid(1000), true),
    };
    let ms = local - used.total as i64 * 1000;
    if !ctx.lenient {
        // Fields are recomputed with the zone's offset at the instant (so a time in a DST
        // gap comes back with another hour), except the parts that were parsed.
        let at = zone.offset_at(ms.div_euclid(1000), true);
        let seen = match (fl.get(F::ZoneOffset), fl.get(F::DstOffset)) {
            (Some(_), _) => used,
            (None, Some(dst)) => OffsetAt { total: at.total - at.dst + (dst / 1000) as i32, dst: (dst / 1000) as i32 },
            (None, None) => at,
        };
        recheck(fl, ms, seen, week_date)?;
    }
    Ok(ms)
}

/// `GregorianCalendar.getFixedDate` in one calendar system: the most recently set group of
/// date fields decides (day of month, week of month, day of week in month, day of year,
/// week of year).
fn date_in(fl: &Fields, year: i64, cal: Calendar) -> i64 {
    let lim = |v: i64| v.clamp(i32::MIN as i64, i32::MAX as i64);
    let st = |f: F| fl.stamp(f);
    let agg = |a: u32, b: u32| if a == 0 || b == 0 { 0 } else { a.max(b) };
        let dow_st = st(F::DayOfWeek);
        let mut dom_st = st(F::DayOfMonth);
        let mut wom_st = agg(st(F::WeekOfMonth), dow_st);
        let mut dowim_st = agg(st(F::DayOfWeekInMonth), dow_st);
        let doy_st = st(F::DayOfYear);
        let mut woy_st = agg(st(F::WeekOfYear), dow_st);
        let mut best = dom_st.max(wom_st).max(dowim_st).max(doy_st).max(woy_st);
        if best == 0 {
            wom_st = st(F::WeekOfMonth);
            dowim_st = st(F::DayOfWeekInMonth).max(dow_st);
            woy_st = st(F::WeekOfYear);
            best = wom_st.max(dowim_st).max(woy_st);
            if best == 0 {
                dom_st = st(F::Month);
                best = dom_st;
            }
        }
        let month_based = best == dom_st
            || (best == wom_st && st(F::WeekOfMonth) >= st(F::WeekOfYear))
            || (best == dowim_st && st(F::DayOfWeekInMonth) >= st(F::WeekOfYear));
        let first_dow = 1; // Sunday, Locale.US
        if month_based {
            let month = lim(fl.or(F::Month, 0));
            let first = cal.day(year, month + 1, 1);
            if best == dom_st {
                first + lim(fl.or(F::DayOfMonth, 1)) - 1
            } else {
                let use_wom = if wom_st == dowim_st {
                    st(F::WeekOfMonth) >= st(F::DayOfWeekInMonth)
                } else {
                    best == wom_st
                };
                if use_wom {
                    let mut fdw = dow_on_or_before(first + 6, first_dow);
                    if fdw - first >= 1 {
                        fdw -= 7;
                    }
                    if let Some(dow) = fl.get(F::DayOfWeek) {
                        fdw = dow_on_or_before(fdw + 6, dow);
                    }
                    fdw + 7 * (lim(fl.or(F::WeekOfMonth, 1)) - 1)
                } else {
                    let dow = fl.or(F::DayOfWeek, first_dow);
                    let dowim = lim(fl.or(F::DayOfWeekInMonth, 1));
                    if dowim >= 0 {
                        dow_on_or_before(first + 7 * dowim - 1, dow)
                    } else {
                        let last = cal.day(year, month + 2, 1) - 1;
                        dow_on_or_before(last, dow) + 7 * (dowim + 1)
                    }
                }
            }
        } else {
            let jan1 = cal.year_start(year);
            if best == doy_st {
                jan1 + lim(fl.or(F::DayOfYear, 1)) - 1
            } else {
                let mut fdw = dow_on_or_before(jan1 + 6, first_dow);
                if fdw - jan1 >= 1 {
                    fdw -= 7;
                }
                if let Some(dow) = fl.get(F::DayOfWeek) {
                    if dow != first_dow {
                        fdw = dow_on_or_before(fdw + 6, dow);
                    }
                }
                fdw + 7 * (lim(fl.or(F::WeekOfYear, 1)) - 1)
            }
        }
}

fn field_name(f: F) -> &'static str {
    match f {
        F::Era => "era",
        F::Year => "year",
        F::Month => "month",
        F::WeekOfYear => "week of year",
        F::WeekOfMonth => "week of month",
        F::DayOfMonth => "day of month",
        F::DayOfYear => "day of year",
        F::DayOfWeek => "day of week",
        F::DayOfWeekInMonth => "day of week in month",
        F::AmPm => "AM/PM",
        F::Hour => "hour",
        F::HourOfDay => "hour of day",
        F::Minute => "minute",
        F::Second => "second",
        F::Millisecond => "millisecond",
        F::ZoneOffset => "zone offset",
        F::DstOffset => "DST offset",
        F::WeekYear => "week year",
    }
}

/// Non-lenient `Calendar`: every set field within its fixed range.
fn check_ranges(fl: &Fields) -> Result<(), ParseError> {
    for f in ALL {
        let Some(v) = fl.get(f) else { continue };
        let (lo, hi) = match f {
            F::Era => (0, 1),
            F::Year => (1, 292_278_994),
            F::Month => (0, 11),
            F::WeekOfYear => (1, 53),
            F::WeekOfMonth => (0, 6),
            F::DayOfMonth => (1, 31),
            F::DayOfYear => (1, 366),
            F::DayOfWeek => (1, 7),
            F::DayOfWeekInMonth => (-6, 6),
            F::AmPm => (0, 1),
            F::Hour => (0, 11),
            F::HourOfDay => (0, 23),
            F::Minute | F::Second => (0, 59),
            F::Millisecond => (0, 999),
            F::ZoneOffset => (-13 * 3_600_000, 14 * 3_600_000),
            F::DstOffset => (0, 2 * 3_600_000),
            F::WeekYear => continue,
        };
        if v < lo || v > hi {
            return Err(ParseError::new(1, format!("{} {} is out of range (strict parsing)", field_name(f), display_value(f, v))));
        }
    }
    Ok(())
}

fn display_value(f: F, v: i64) -> i64 {
    if f == F::Month {
        v + 1
    } else {
        v
    }
}

/// Non-lenient `Calendar`: recompute the fields from the instant; each one set must match.
/// After a week date, year, month and day were set by `setWeekDate` and are not compared.
fn recheck(fl: &Fields, ms: i64, used: OffsetAt, week_date: bool) -> Result<(), ParseError> {
    let b = Broken::local(ms + used.total as i64 * 1000, used, Dialect::Simple);
    // Smallest unit first: the field that overflowed is named, not the one it carried into.
    for f in ALL.iter().rev().copied() {
        let Some(v) = fl.get(f) else { continue };
        let actual = match f {
            F::Era | F::Year | F::Month | F::DayOfMonth if week_date => continue,
            F::Era => i64::from(b.year > 0),
            F::Year => b.year_of_era(),
            F::Month => b.month as i64 - 1,
            F::WeekOfYear => b.week as i64,
            F::WeekOfMonth => b.week_of_month as i64,
            F::DayOfMonth => b.day as i64,
            F::DayOfYear => b.day_of_year as i64,
            F::DayOfWeek => (b.dow % 7 + 1) as i64,
            F::DayOfWeekInMonth => ((b.day - 1) / 7 + 1) as i64,
            F::AmPm => i64::from(b.hour >= 12),
            F::Hour => (b.hour % 12) as i64,
            F::HourOfDay => b.hour as i64,
            F::Minute => b.minute as i64,
            F::Second => b.second as i64,
            F::Millisecond => b.millis() as i64,
            F::ZoneOffset | F::DstOffset | F::WeekYear => continue,
        };
        if actual != v {
            return Err(ParseError::new(
                1,
                format!("{} {} does not exist here (strict parsing: it would become {})", field_name(f), display_value(f, v), display_value(f, actual)),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::same_ignoring_case;

    /// `String.regionMatches(true, …)` compares upper cases, then lower cases of those.
    #[test]
    fn ok_case_rule_is_javas_not_unicode_lowercase() {
        assert!(same_ignoring_case('s', 'S') && same_ignoring_case('S', 's'));
        assert!(same_ignoring_case('\u{17F}', 's')); // ſ: upper case S
        assert!(same_ignoring_case('\u{212A}', 'k')); // Kelvin sign: lower case k
        assert!(same_ignoring_case('\u{C9}', '\u{E9}')); // É é
        assert!(!same_ignoring_case('\u{DF}', 's')); // ß stays ß
        assert!(!same_ignoring_case('a', 'b'));
    }
}
