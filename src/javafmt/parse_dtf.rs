//! `DateTimeFormatter.ofPattern(p).withResolverStyle(r).parse(text)`, then to an instant the
//! way the oracle (and any library) would: the parsed instant when date, time and offset or
//! zone are there; otherwise the local date and time in the parsed or default zone.
//!
//! Design: parsing is strict about widths, case and the whole input (as `ofPattern` is);
//! it fills optional fields, a field set twice with different values is a conflict, and the
//! resolver style only matters afterwards, when fields become a date and a time.

use super::calendar::{self, Calendar};
use super::error::{quote_input, ParseError};
use super::format::{offset_style, OffsetStyle, MS_PER_DAY};
use super::pattern::{Field, Item};
use super::text::*;
use super::zone::{Zone, NAMES};

/// java.time `ResolverStyle`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolver {
    Smart,
    Strict,
    Lenient,
}

#[derive(Clone, Default)]
struct P {
    era: Option<i64>,
    yoe: Option<i64>,
    year: Option<i64>,
    month: Option<i64>,
    dom: Option<i64>,
    doy: Option<i64>,
    /// ISO day of week, 1 = Monday.
    dow: Option<i64>,
    aligned_dow_in_month: Option<i64>,
    week_year: Option<i64>,
    week: Option<i64>,
    week_of_month: Option<i64>,
    quarter: Option<i64>,
    mjd: Option<i64>,
    ampm: Option<i64>,
    hour_of_ampm: Option<i64>,
    clock_hour_of_ampm: Option<i64>,
    hour: Option<i64>,
    clock_hour: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    nano: Option<i64>,
    milli_of_day: Option<i64>,
    nano_of_day: Option<i64>,
    offset: Option<i64>,
    zone: Option<Zone>,
}

fn put(slot: &mut Option<i64>, v: i64, col: usize) -> Result<(), ParseError> {
    match *slot {
        Some(old) if old != v => Err(ParseError::new(col, format!("conflict at column {col}: {v} contradicts {old} parsed before"))),
        _ => {
            *slot = Some(v);
            Ok(())
        }
    }
}

pub struct Ctx<'a> {
    pub zone: &'a Zone,
    pub resolver: Resolver,
}

/// How a numeric field reads digits.
#[derive(Clone, Copy)]
struct Num {
    min: usize,
    max: usize,
    sign: Sign,
}
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    Normal,
    NotNegative,
    ExceedsPad,
}

fn num_spec(f: &Field) -> Option<Num> {
    let n = f.count;
    let var = |min: usize| Some(Num { min, max: 19, sign: Sign::Normal });
    let fixed = |w: usize| Some(Num { min: w, max: w, sign: Sign::NotNegative });
    match (f.letter, n) {
        ('y' | 'u' | 'Y', 2) => fixed(2),
        ('y' | 'u' | 'Y', 1..=3) => var(n),
        ('y' | 'u' | 'Y', _) => Some(Num { min: n, max: 19, sign: Sign::ExceedsPad }),
        ('M' | 'L' | 'Q' | 'q' | 'd' | 'h' | 'H' | 'k' | 'K' | 'm' | 's', 1) => var(1),
        ('M' | 'L' | 'Q' | 'q' | 'd' | 'h' | 'H' | 'k' | 'K' | 'm' | 's', 2) => fixed(2),
        ('D', 1) => var(1),
        ('D', 2) => Some(Num { min: 2, max: 3, sign: Sign::NotNegative }),
        ('D', _) => fixed(3),
        ('F', _) => var(1),
        ('w' | 'W' | 'e' | 'c', 1) => Some(Num { min: 1, max: 2, sign: Sign::NotNegative }),
        ('w' | 'e', 2) => fixed(2),
        ('g', _) => Some(Num { min: n, max: 19, sign: Sign::Normal }),
        ('n' | 'N' | 'A', 1) => var(1),
        ('n' | 'N' | 'A', _) => fixed(n),
        ('S', _) => fixed(n),
        _ => None,
    }
}

fn is_fixed_value(item: Option<&Item>) -> Option<usize> {
    match item {
        Some(Item::Field(f)) => match num_spec(f) {
            Some(Num { min, max, sign: Sign::NotNegative }) if min == max && !matches!(f.letter, 'w' | 'e') => Some(max),
            _ => None,
        },
        _ => None,
    }
}

/// Parses the whole of `text`; returns epoch milliseconds (floor of the instant).
pub fn parse(items: &[Item], text: &str, ctx: &Ctx) -> Result<i64, ParseError> {
    // Sized up front: growing it by doubling showed in profiles.
    let mut t: Vec<char> = Vec::with_capacity(text.len());
    t.extend(text.chars());
    let mut p = P::default();
    let end = parse_seq(items, &t, 0, &mut p)?;
    if end < t.len() {
        return Err(ParseError::new(end + 1, format!("unexpected text at column {}: {} (java.time parses the whole text)", end + 1, quote_input(&t, end))));
    }
    resolve(p, ctx)
}

fn parse_seq(items: &[Item], t: &[char], mut pos: usize, p: &mut P) -> Result<usize, ParseError> {
    let mut i = 0;
    while let Some(item) = items.get(i) {
        match item {
            Item::Literal(s) => {
                for c in s.chars() {
                    if t.get(pos) != Some(&c) {
                        return Err(ParseError::new(pos + 1, format!("expected {:?} at column {}, found {}", c, pos + 1, quote_input(t, pos))));
                    }
                    pos += 1;
                }
            }
            Item::OptionalStart => {
                let end = matching_end(items, i);
                let inner = items.get(i + 1..end).unwrap_or(&[]);
                let mut trial = p.clone();
                if let Ok(np) = parse_seq(inner, t, pos, &mut trial) {
                    *p = trial;
                    pos = np;
                }
                i = end + 1;
                continue;
            }
            Item::OptionalEnd => {}
            Item::Field(f) => {
                // Adjacent value parsing: a variable-width number leaves room for the
                // fixed-width numbers that follow it directly.
                let mut subsequent = 0;
                if num_spec(f).is_some_and(|s| s.min != s.max) {
                    let mut j = i + 1;
                    while let Some(w) = is_fixed_value(items.get(j)) {
                        subsequent += w;
                        j += 1;
                    }
                }
                pos = parse_field(f, t, pos, subsequent, p)?;
            }
        }
        i += 1;
    }
    Ok(pos)
}

fn matching_end(items: &[Item], start: usize) -> usize {
    let mut depth = 0;
    for (j, it) in items.iter().enumerate().skip(start) {
        match it {
            Item::OptionalStart => depth += 1,
            Item::OptionalEnd => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    items.len()
}

fn what(f: &Field) -> String {
    let width = match f.count {
        2 if !matches!(f.letter, 'E' | 'G' | 'z' | 'X' | 'x' | 'Z' | 'O' | 'V') => "two-digit ",
        _ => "",
    };
    let name = match f.letter {
        'y' | 'u' => "year",
        'Y' => "week-based year",
        'M' | 'L' if f.count >= 3 => "month name",
        'M' | 'L' => "month",
        'd' => "day of month",
        'D' => "day of year",
        'E' | 'e' | 'c' => "day of week",
        'a' => "AM/PM",
        'H' | 'k' | 'K' | 'h' => "hour",
        'm' => "minutes",
        's' => "seconds",
        'S' => "fraction of second",
        'X' | 'x' | 'Z' | 'O' => "offset",
        'V' | 'z' | 'v' => "time zone",
        'G' => "era",
        'w' => "week of year",
        'W' => "week of month",
        'Q' | 'q' => "quarter",
        _ => "field",
    };
    if f.letter == 'S' {
        return format!("{}-digit fraction of second", f.count);
    }
    if matches!(f.letter, 'y' | 'u' | 'Y') && f.count >= 4 {
        return format!("{}-digit year", f.count);
    }
    format!("{width}{name}")
}

fn fail(f: &Field, t: &[char], at: usize) -> ParseError {
    let found: String = t.iter().skip(at).take(f.count.max(2)).collect();
    let found = if found.is_empty() { "the end of the text".to_string() } else { format!("{found:?}") };
    ParseError::new(at + 1, format!("expected {} at column {}, found {}", what(f), at + 1, found))
}

fn digit(t: &[char], p: usize) -> Option<i64> {
    t.get(p).and_then(|c| c.to_digit(10)).map(i64::from)
}

fn read_number(f: &Field, spec: Num, t: &[char], start: usize, subsequent: usize) -> Result<(i64, usize), ParseError> {
    let mut pos = start;
    let mut negative = false;
    let mut positive = false;
    match t.get(pos) {
        Some('+') => {
            if spec.sign != Sign::ExceedsPad {
                return Err(fail(f, t, start));
            }
            positive = true;
            pos += 1;
        }
        Some('-') => {
            if spec.sign == Sign::NotNegative {
                return Err(fail(f, t, start));
            }
            negative = true;
            pos += 1;
        }
        _ => {}
    }
    let mut max = spec.max + subsequent;
    let mut pass = 0;
    loop {
        let mut len = 0;
        let mut v: i64 = 0;
        while len < max {
            match digit(t, pos + len) {
                Some(d) => {
                    v = v.saturating_mul(10).saturating_add(d);
                    len += 1;
                }
                None => break,
            }
        }
        if len < spec.min {
            return Err(fail(f, t, start));
        }
        if subsequent > 0 && pass == 0 {
            max = spec.min.max(len.saturating_sub(subsequent));
            pass = 1;
            continue;
        }
        if negative && v == 0 {
            return Err(fail(f, t, start));
        }
        if spec.sign == Sign::ExceedsPad {
            if positive && len <= spec.min {
                return Err(fail(f, t, start));
            }
            if !positive && !negative && len > spec.min {
                return Err(fail(f, t, start));
            }
        }
        return Ok((if negative { -v } else { v }, pos + len));
    }
}

fn match_exact(t: &[char], start: usize, names: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, name) in names.iter().enumerate() {
        let n = name.chars().count();
        if best.is_some_and(|(_, l)| l >= n) {
            continue;
        }
        if name.chars().enumerate().all(|(k, c)| t.get(start + k) == Some(&c)) {
            best = Some((i, n));
        }
    }
    best.map(|(i, n)| (i, start + n))
}

fn parse_field(f: &Field, t: &[char], pos: usize, subsequent: usize, p: &mut P) -> Result<usize, ParseError> {
    let n = f.count;
    let col = pos + 1;
    let text_names = |long: &'static [&'static str; 12], short: &'static [&'static str; 12]| -> Vec<&'static str> {
        match n {
            3 => short.to_vec(),
            4 => long.to_vec(),
            _ => long.iter().map(|s| narrow(s)).collect(),
        }
    };
    let text = |names: &[&str], p: usize| match_exact(t, p, names).ok_or_else(|| fail(f, t, p));
    match f.letter {
        'M' | 'L' if n >= 3 => {
            let names = text_names(&MONTHS_LONG, &MONTHS_SHORT);
            let (i, end) = text(&names, pos)?;
            put(&mut p.month, i as i64 + 1, col)?;
            return Ok(end);
        }
        'E' | 'e' | 'c' if f.letter == 'E' || n >= 3 => {
            let names: Vec<&str> = match n {
                4 => DAYS_LONG.to_vec(),
                5 => DAYS_LONG.iter().map(|s| narrow(s)).collect(),
                _ => DAYS_SHORT.to_vec(),
            };
            let (i, end) = text(&names, pos)?;
            put(&mut p.dow, i as i64 + 1, col)?;
            return Ok(end);
        }
        'Q' | 'q' if n >= 3 => {
            let names: &[&str] = if n == 3 { &QUARTERS_SHORT } else if n == 4 { &QUARTERS_LONG } else { &["1", "2", "3", "4"] };
            let (i, end) = text(names, pos)?;
            put(&mut p.quarter, i as i64 + 1, col)?;
            return Ok(end);
        }
        'G' => {
            let names: &[&str] = match n {
                4 => &ERAS_LONG,
                5 => &ERAS_NARROW,
                _ => &ERAS_SHORT,
            };
            let (i, end) = text(names, pos)?;
            put(&mut p.era, i as i64, col)?;
            return Ok(end);
        }
        'a' => {
            let (i, end) = text(&AMPM, pos)?;
            put(&mut p.ampm, i as i64, col)?;
            return Ok(end);
        }
        'B' => {
            let periods = ["midnight", "noon", "in the morning", "in the afternoon", "in the evening", "at night"];
            let (_, end) = text(&periods, pos)?;
            return Ok(end);
        }
        'X' | 'x' | 'Z' if !(f.letter == 'Z' && n == 4) => {
            let (style, zero) = offset_style(f.letter, n);
            let (secs, end) = parse_offset(t, pos, style, zero).ok_or_else(|| fail(f, t, pos))?;
            put(&mut p.offset, secs, col)?;
            return Ok(end);
        }
        'O' | 'Z' => {
            let (secs, end) = parse_localized_offset(t, pos, n == 4).ok_or_else(|| fail(f, t, pos))?;
            put(&mut p.offset, secs, col)?;
            return Ok(end);
        }
        'V' | 'z' | 'v' => {
            let (zone, end) = parse_zone(t, pos, f.letter != 'V').ok_or_else(|| fail(f, t, pos))?;
            if let Some(old) = &p.zone {
                if *old != zone {
                    return Err(ParseError::new(col, format!("conflict at column {col}: two different zones")));
                }
            }
            p.zone = Some(zone);
            return Ok(end);
        }
        _ => {}
    }
    let spec = num_spec(f).ok_or_else(|| fail(f, t, pos))?;
    let (v, end) = read_number(f, spec, t, pos, subsequent)?;
    let slot = match f.letter {
        'y' if n == 2 => return put(&mut p.yoe, 2000 + v, col).map(|_| end),
        'u' if n == 2 => return put(&mut p.year, 2000 + v, col).map(|_| end),
        'Y' if n == 2 => return put(&mut p.week_year, 2000 + v, col).map(|_| end),
        'S' => {
            let scale = 10i64.pow(9u32.saturating_sub(n as u32));
            return put(&mut p.nano, v * scale, col).map(|_| end);
        }
        'e' | 'c' => {
            // Localized day of week, Sunday = 1 in the US.
            let iso = (v + 5).rem_euclid(7) + 1;
            if !(1..=7).contains(&v) {
                return Err(fail(f, t, pos));
            }
            return put(&mut p.dow, iso, col).map(|_| end);
        }
        'y' => &mut p.yoe,
        'u' => &mut p.year,
        'Y' => &mut p.week_year,
        'M' | 'L' => &mut p.month,
        'Q' | 'q' => &mut p.quarter,
        'd' => &mut p.dom,
        'D' => &mut p.doy,
        'F' => &mut p.aligned_dow_in_month,
        'w' => &mut p.week,
        'W' => &mut p.week_of_month,
        'g' => &mut p.mjd,
        'h' => &mut p.clock_hour_of_ampm,
        'K' => &mut p.hour_of_ampm,
        'H' => &mut p.hour,
        'k' => &mut p.clock_hour,
        'm' => &mut p.minute,
        's' => &mut p.second,
        'n' => &mut p.nano,
        'N' => &mut p.nano_of_day,
        'A' => &mut p.milli_of_day,
        _ => return Err(fail(f, t, pos)),
    };
    put(slot, v, col)?;
    Ok(end)
}

/// `appendOffset(pattern, noOffsetText)` in strict parsing.
fn parse_offset(t: &[char], pos: usize, style: OffsetStyle, zero: &str) -> Option<(i64, usize)> {
    if zero.chars().enumerate().all(|(k, c)| t.get(pos + k) == Some(&c)) {
        return Some((0, pos + zero.chars().count()));
    }
    let sign = match t.get(pos)? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let colon = style.colon();
    let mut p = pos + 1;
    let two = |p: usize| Some(digit(t, p)? * 10 + digit(t, p + 1)?);
    let h = two(p)?;
    p += 2;
    let part = |p: &mut usize, required: bool| -> Option<Option<i64>> {
        let start = *p;
        let mut q = start;
        if colon {
            if t.get(q) != Some(&':') {
                return if required { None } else { Some(None) };
            }
            q += 1;
        }
        match two(q) {
            Some(v) => {
                *p = q + 2;
                Some(Some(v))
            }
            None if required => None,
            None => Some(None),
        }
    };
    let (m, s) = match style {
        OffsetStyle::HHmm => (part(&mut p, false)?, None),
        OffsetStyle::HHMM | OffsetStyle::HH_MM => (part(&mut p, true)?, None),
        OffsetStyle::HHMMss | OffsetStyle::HH_MM_ss => {
            let m = part(&mut p, true)?;
            (m, part(&mut p, false)?)
        }
    };
    let (m, s) = (m.unwrap_or(0), s.unwrap_or(0));
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let total = h * 3600 + m * 60 + s;
    if total > 18 * 3600 {
        return None;
    }
    Some((sign * total, p))
}

/// `GMT`, `GMT+5`, `GMT+05:30` (`O`/`OOOO`).
fn parse_localized_offset(t: &[char], pos: usize, full: bool) -> Option<(i64, usize)> {
    if !"GMT".chars().enumerate().all(|(k, c)| t.get(pos + k) == Some(&c)) {
        return None;
    }
    let mut p = pos + 3;
    let sign = match t.get(p) {
        Some('+') => 1,
        Some('-') => -1,
        _ => return Some((0, p)),
    };
    p += 1;
    let h;
    if full {
        h = digit(t, p)? * 10 + digit(t, p + 1)?;
        p += 2;
    } else {
        let d1 = digit(t, p)?;
        p += 1;
        h = match digit(t, p) {
            Some(d2) => {
                p += 1;
                d1 * 10 + d2
            }
            None => d1,
        };
    }
    let mut m = 0;
    let mut s = 0;
    if t.get(p) == Some(&':') {
        m = digit(t, p + 1)? * 10 + digit(t, p + 2)?;
        p += 3;
        if t.get(p) == Some(&':') {
            s = digit(t, p + 1)? * 10 + digit(t, p + 2)?;
            p += 3;
        }
    } else if full {
        return None;
    }
    if h > 18 || m > 59 || s > 59 {
        return None;
    }
    Some((sign * (h * 3600 + m * 60 + s), p))
}

/// A zone id (`America/New_York`, `Z`, `+05:30`, `UTC`, `GMT-08:00`) or, with `names`,
/// a zone name (`EST`, `Eastern Standard Time`).
fn parse_zone(t: &[char], pos: usize, names: bool) -> Option<(Zone, usize)> {
    let rest: String = t.iter().skip(pos).collect();
    if names {
        // Longest name first, as java.time's name tree matches.
        let mut best: Option<(&str, &str)> = None;
        for n in NAMES.iter() {
            for name in [n.std_long, n.dst_long, n.std_short, n.dst_short, n.generic_long, n.generic_short] {
                if rest.starts_with(name) && best.is_none_or(|(b, _)| name.len() > b.len()) {
                    let id = match name {
                        // java.time's own picks for ambiguous abbreviations.
                        "BST" | "BT" => "Pacific/Bougainville",
                        "IST" | "IT" => "Africa/Abidjan",
                        "Greenwich Mean Time" | "GMT" | "British Summer Time" | "British Time" => "Africa/Abidjan",
                        _ => n.id,
                    };
                    best = Some((name, id));
                }
            }
        }
        if let Some((name, id)) = best {
            if name != "UTC" && name != "GMT" {
                let zone = Zone::parse(id).ok()?;
                return Some((zone, pos + name.chars().count()));
            }
        }
    }
    if rest.starts_with('Z') {
        return Some((Zone::fixed(0), pos + 1));
    }
    if rest.starts_with('+') || rest.starts_with('-') {
        let (secs, end) = parse_offset(t, pos, OffsetStyle::HH_MM_ss, "\u{0}")?;
        return Some((Zone::fixed(secs as i32), end));
    }
    for prefix in ["UTC", "GMT", "UT"] {
        if let Some(after) = rest.strip_prefix(prefix) {
            let p = pos + prefix.len();
            if after.starts_with('+') || after.starts_with('-') {
                let (secs, end) = parse_offset(t, p, OffsetStyle::HH_MM_ss, "\u{0}")?;
                return Some((Zone::fixed(secs as i32), end));
            }
            return Some((Zone::parse(prefix).ok()?, p));
        }
    }
    // Region ids: the longest IANA name that the text starts with.
    let mut best: Option<chrono_tz::Tz> = None;
    for tz in chrono_tz::TZ_VARIANTS.iter() {
        let name = tz.name();
        let region = name.len() > 3 && name.contains('/') || matches!(name, "CET" | "EET" | "MET" | "WET");
        if region && rest.starts_with(name) && best.is_none_or(|b| name.len() > b.name().len()) {
            best = Some(*tz);
        }
    }
    let tz = best?;
    Some((Zone::from_tz(tz), pos + tz.name().len()))
}

fn err(msg: impl Into<String>) -> ParseError {
    ParseError::new(1, msg)
}

fn check(v: i64, lo: i64, hi: i64, what: &str) -> Result<i64, ParseError> {
    if v < lo || v > hi {
        Err(err(format!("invalid value for {what}: {v} (valid {lo}..{hi})")))
    } else {
        Ok(v)
    }
}

fn cross(a: Option<i64>, actual: i64, what: &str) -> Result<(), ParseError> {
    match a {
        Some(v) if v != actual => Err(err(format!("conflict: {what} {v} does not match the date ({actual})"))),
        _ => Ok(()),
    }
}

/// Fields → instant, following `ResolverStyle` as java.time does.
fn resolve(mut p: P, ctx: &Ctx) -> Result<i64, ParseError> {
    use Resolver::*;
    let style = ctx.resolver;
    let cal = Calendar::ProlepticGregorian;
    const YMAX: i64 = 999_999_999;
    // Year from year-of-era.
    if let Some(yoe) = p.yoe {
        if style != Lenient {
            check(yoe, 1, YMAX + 1, "year of era")?;
        }
        match p.era {
            None if style == Strict => {
                if let Some(y) = p.year {
                    put(&mut p.year, if y > 0 { yoe } else { 1 - yoe }, 1)?;
                    p.yoe = None;
                }
            }
            None => {
                let y = if p.year.is_none_or(|y| y > 0) { yoe } else { 1 - yoe };
                put(&mut p.year, y, 1)?;
                p.yoe = None;
            }
            Some(1) => {
                put(&mut p.year, yoe, 1)?;
                p.yoe = None;
                p.era = None;
            }
            Some(0) => {
                put(&mut p.year, 1 - yoe, 1)?;
                p.yoe = None;
                p.era = None;
            }
            Some(e) => return Err(err(format!("invalid value for era: {e}"))),
        }
    }
    if let Some(y) = p.year {
        if y.abs() > 1_000_000 {
            return Err(err(format!("year {y} is out of the supported range (±1,000,000)")));
        }
    }
    // Date.
    let mut date: Option<i64> = None;
    if let Some(mjd) = p.mjd {
        if mjd.abs() > calendar::MAX_EPOCH_DAY {
            return Err(err("modified Julian day out of range"));
        }
        date = Some(mjd - 40_587);
    }
    if let Some(y) = p.year {
        if let (Some(m), Some(d)) = (p.month, p.dom) {
            let day = if style == Lenient {
                lenient_ymd(y, m, d)
            } else {
                let m = check(m, 1, 12, "month")?;
                let mut d = check(d, 1, 31, "day of month")?;
                let len = calendar::month_length(cal, y, m as u32) as i64;
                if style == Smart {
                    d = d.min(len);
                } else if d > len {
                    return Err(err(format!("invalid date: day {d} of a month with {len} days")));
                }
                calendar::days_from_civil(y, m, d)
            };
            set_date(&mut date, day)?;
            p.month = None;
            p.dom = None;
        } else if let Some(doy) = p.doy {
            if p.month.is_none() && p.dom.is_none() {
                let day = if style == Lenient {
                    cal.year_start(y) + doy.clamp(-400_000_000, 400_000_000) - 1
                } else {
                    check(doy, 1, 366, "day of year")?;
                    let len = if calendar::is_leap(cal, y) { 366 } else { 365 };
                    if doy > len {
                        return Err(err(format!("invalid date: day of year {doy} in a year with {len} days")));
                    }
                    cal.year_start(y) + doy - 1
                };
                set_date(&mut date, day)?;
                p.doy = None;
            }
        }
    }
    if let (Some(wy), Some(w), Some(dow)) = (p.week_year, p.week, p.dow) {
        if date.is_none() && wy.abs() <= 1_000_000 {
            if style != Lenient {
                check(w, 1, 53, "week of week-based year")?;
            }
            let day = calendar::from_us_week(cal, wy, w.clamp(-100_000, 100_000), dow % 7);
            if style == Strict && calendar::us_week(cal, day) != (wy, w as u32) {
                return Err(err("invalid week date"));
            }
            set_date(&mut date, day)?;
            p.week_year = None;
            p.week = None;
        }
    }
    // Time.
    if let Some(ch) = p.clock_hour.take() {
        if style == Strict || (style == Smart && ch != 0) {
            check(ch, 1, 24, "clock hour of day")?;
        }
        put(&mut p.hour, if ch == 24 { 0 } else { ch }, 1)?;
    }
    if let Some(ch) = p.clock_hour_of_ampm.take() {
        if style == Strict || (style == Smart && ch != 0) {
            check(ch, 1, 12, "clock hour of AM/PM")?;
        }
        put(&mut p.hour_of_ampm, if ch == 12 { 0 } else { ch }, 1)?;
    }
    if let (Some(ap), Some(hap)) = (p.ampm, p.hour_of_ampm) {
        if style != Lenient {
            check(ap, 0, 1, "AM/PM")?;
            check(hap, 0, 11, "hour of AM/PM")?;
        }
        put(&mut p.hour, ap * 12 + hap, 1)?;
        p.ampm = None;
        p.hour_of_ampm = None;
    }
    if let Some(a) = p.milli_of_day.take() {
        if style != Lenient {
            check(a, 0, MS_PER_DAY - 1, "milli of day")?;
        }
        put(&mut p.hour, a / 3_600_000, 1)?;
        put(&mut p.minute, a / 60_000 % 60, 1)?;
        put(&mut p.second, a / 1000 % 60, 1)?;
        put(&mut p.nano, a % 1000 * 1_000_000, 1)?;
    }
    if let Some(nd) = p.nano_of_day.take() {
        if style != Lenient {
            check(nd, 0, 86_400_000_000_000 - 1, "nano of day")?;
        }
        put(&mut p.hour, nd / 3_600_000_000_000, 1)?;
        put(&mut p.minute, nd / 60_000_000_000 % 60, 1)?;
        put(&mut p.second, nd / 1_000_000_000 % 60, 1)?;
        put(&mut p.nano, nd % 1_000_000_000, 1)?;
    }
    let mut excess_days = 0;
    let mut nanos_of_day: Option<i64> = None;
    if let Some(h) = p.hour {
        let (m, s, n) = (p.minute.unwrap_or(0), p.second.unwrap_or(0), p.nano.unwrap_or(0));
        if style == Lenient {
            let total = (h as i128) * 3_600_000_000_000 + (m as i128) * 60_000_000_000 + (s as i128) * 1_000_000_000 + n as i128;
            let day = 86_400_000_000_000i128;
            excess_days = (total.div_euclid(day)).clamp(-400_000_000, 400_000_000) as i64;
            nanos_of_day = Some(total.rem_euclid(day) as i64);
        } else {
            check(m, 0, 59, "minute of hour")?;
            check(s, 0, 59, "second of minute")?;
            check(n, 0, 999_999_999, "nano of second")?;
            if style == Smart && h == 24 && m == 0 && s == 0 && n == 0 {
                excess_days = 1;
                nanos_of_day = Some(0);
            } else {
                check(h, 0, 23, "hour of day")?;
                nanos_of_day = Some(((h * 60 + m) * 60 + s) * 1_000_000_000 + n);
            }
        }
    } else if p.minute.is_some() || p.second.is_some() || p.nano.is_some() || p.hour_of_ampm.is_some() {
        return Err(err("no time of day can be resolved: an hour field is missing (h or K needs a)"));
    }
    if p.hour_of_ampm.is_some() {
        return Err(err("no time of day can be resolved: h or K needs a"));
    }
    let Some(day) = date else {
        return Err(err("no date can be resolved from the parsed fields (java.time needs year, month and day, or year and day of year)"));
    };
    let nod = nanos_of_day.unwrap_or(0);
    let day = day + excess_days;
    if day.abs() > calendar::MAX_EPOCH_DAY {
        return Err(err("the date is out of the supported range"));
    }
    // Cross-check what was not used to build the date and time.
    let ymd = calendar::civil_from_days(day);
    let hour = nod / 3_600_000_000_000;
    if excess_days == 0 {
        cross(p.ampm, hour / 12, "AM/PM")?;
    }
    cross(p.dow, calendar::iso_dow(day) as i64, "day of week")?;
    cross(p.month, ymd.month as i64, "month")?;
    cross(p.dom, ymd.day as i64, "day of month")?;
    cross(p.doy, day - cal.year_start(ymd.year) + 1, "day of year")?;
    cross(p.aligned_dow_in_month, ((ymd.day - 1) % 7 + 1) as i64, "aligned day of week in month")?;
    cross(p.quarter, ((ymd.month - 1) / 3 + 1) as i64, "quarter")?;
    cross(p.week_of_month, calendar::us_week_of_month(day, ymd.day) as i64, "week of month")?;
    let (wy, w) = calendar::us_week(cal, day);
    cross(p.week, w as i64, "week of week-based year")?;
    cross(p.week_year, wy, "week-based year")?;
    // STRICT leaves year-of-era without era unresolved: it only cross-checks.
    cross(p.yoe, if ymd.year > 0 { ymd.year } else { 1 - ymd.year }, "year of era")?;
    if p.yoe.is_none() || p.era.is_some() {
        cross(p.era, i64::from(ymd.year > 0), "era")?;
    }
    let local_secs = day * 86_400 + nod.div_euclid(1_000_000_000);
    let utc_secs = match (p.offset, &p.zone) {
        (Some(off), _) => local_secs - off,
        (None, Some(z)) => z.resolve_local(local_secs, false),
        (None, None) => ctx.zone.resolve_local(local_secs, false),
    };
    Ok(utc_secs * 1000 + nod.rem_euclid(1_000_000_000) / 1_000_000)
}

fn set_date(date: &mut Option<i64>, day: i64) -> Result<(), ParseError> {
    match *date {
        Some(d) if d != day => Err(err("conflict: the date fields name two different dates")),
        _ => {
            *date = Some(day);
            Ok(())
        }
    }
}

/// `LocalDate.of(y, 1, 1).plusMonths(m - 1).plusDays(d - 1)`.
fn lenient_ymd(y: i64, m: i64, d: i64) -> i64 {
    let m0 = m.clamp(-12_000_000, 12_000_000) - 1;
    let y2 = y + m0.div_euclid(12);
    let m2 = m0.rem_euclid(12) + 1;
    calendar::days_from_civil(y2, m2, 1) + d.clamp(-400_000_000, 400_000_000) - 1
}

