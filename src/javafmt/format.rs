//! Formatting: an instant, seen in a zone, printed item by item.
//!
//! The instant is broken down once ([`Broken`]) in the dialect's calendar and zone rules;
//! each item then prints from it. The two dialects share the walk and differ per letter
//! (see the table in `mod.rs`).

use super::calendar::{self, Calendar};
use super::pattern::{Field, Item};
use super::text::*;
use super::zone::{OffsetAt, Zone};
use super::Dialect;
use std::fmt::Write;

/// An instant broken down into the fields patterns print.
#[derive(Clone, Debug)]
pub struct Broken {
    pub epoch_day: i64,
    /// Proleptic year in the dialect's calendar (1 BC = 0).
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub day_of_year: u32,
    /// ISO: 1 = Monday … 7 = Sunday.
    pub dow: u32,
    pub week_year: i64,
    pub week: u32,
    pub week_of_month: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub nano: u32,
    pub offset: OffsetAt,
}

pub const MS_PER_DAY: i64 = 86_400_000;

impl Broken {
    pub fn new(epoch_ms: i64, zone: &Zone, dialect: Dialect) -> Broken {
        let legacy = dialect == Dialect::Simple;
        let offset = zone.offset_at(epoch_ms.div_euclid(1000), legacy);
        let local = epoch_ms.saturating_add(offset.total as i64 * 1000);
        Broken::local(local, offset, dialect)
    }

    /// From local milliseconds since 1970-01-01T00:00 and the offset that applies.
    pub fn local(local_ms: i64, offset: OffsetAt, dialect: Dialect) -> Broken {
        let cal = calendar_of(dialect);
        let epoch_day = local_ms.div_euclid(MS_PER_DAY);
        let ms_of_day = local_ms.rem_euclid(MS_PER_DAY);
        let ymd = cal.ymd(epoch_day);
        let day_of_year = (epoch_day - cal.year_start(ymd.year) + 1) as u32;
        let (week_year, week) = calendar::us_week(cal, epoch_day);
        Broken {
            epoch_day,
            year: ymd.year,
            month: ymd.month,
            day: ymd.day,
            day_of_year,
            dow: calendar::iso_dow(epoch_day),
            week_year,
            week,
            week_of_month: calendar::us_week_of_month(epoch_day, ymd.day),
            hour: (ms_of_day / 3_600_000) as u32,
            minute: (ms_of_day / 60_000 % 60) as u32,
            second: (ms_of_day / 1000 % 60) as u32,
            nano: (ms_of_day % 1000) as u32 * 1_000_000,
            offset,
        }
    }

    pub fn millis(&self) -> u32 {
        self.nano / 1_000_000
    }

    pub fn year_of_era(&self) -> i64 {
        if self.year > 0 {
            self.year
        } else {
            1 - self.year
        }
    }
}

pub fn calendar_of(dialect: Dialect) -> Calendar {
    match dialect {
        Dialect::Simple => Calendar::JulianGregorian,
        Dialect::JavaTime => Calendar::ProlepticGregorian,
    }
}

/// Prints `b` with the items of a compiled pattern.
pub fn format(items: &[Item], dialect: Dialect, b: &Broken, zone: &Zone, out: &mut String) {
    for item in items {
        match item {
            Item::Literal(s) => out.push_str(s),
            Item::OptionalStart | Item::OptionalEnd => {}
            Item::Field(f) => {
                if f.pad > 0 {
                    let mut tmp = String::new();
                    field(f, dialect, b, zone, &mut tmp);
                    for _ in tmp.chars().count()..f.pad {
                        out.push(' ');
                    }
                    out.push_str(&tmp);
                } else {
                    field(f, dialect, b, zone, out);
                }
            }
        }
    }
}

fn pad(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:0width$}", v.unsigned_abs(), width = width);
}

/// java.time's `SignStyle.EXCEEDS_PAD`: a `+` when the value is wider than the pad.
fn pad_exceeds(out: &mut String, v: i64, width: usize) {
    if v >= 0 && v.to_string().len() > width {
        out.push('+');
    }
    pad(out, v, width);
}

fn field(f: &Field, dialect: Dialect, b: &Broken, zone: &Zone, out: &mut String) {
    match dialect {
        Dialect::Simple => sdf_field(f, b, zone, out),
        Dialect::JavaTime => dtf_field(f, b, zone, out),
    }
}

fn month_idx(b: &Broken) -> usize {
    (b.month as usize).saturating_sub(1).min(11)
}
fn dow_idx(b: &Broken) -> usize {
    (b.dow as usize).saturating_sub(1).min(6)
}

fn sdf_field(f: &Field, b: &Broken, zone: &Zone, out: &mut String) {
    let n = f.count;
    let text = |out: &mut String, arr: &[&str], i: usize| out.push_str(arr.get(i).copied().unwrap_or(""));
    match f.letter {
        'G' => text(out, &ERAS_SHORT, usize::from(b.year > 0)),
        'y' | 'Y' => {
            let y = if f.letter == 'y' { b.year_of_era() } else { b.week_year };
            if n == 2 {
                pad(out, y % 100, 2)
            } else {
                pad(out, y, n)
            }
        }
        'M' | 'L' => match n {
            1 | 2 => pad(out, b.month as i64, n),
            3 => text(out, &MONTHS_SHORT, month_idx(b)),
            _ => text(out, &MONTHS_LONG, month_idx(b)),
        },
        'E' => text(out, if n >= 4 { &DAYS_LONG } else { &DAYS_SHORT }, dow_idx(b)),
        'u' => pad(out, b.dow as i64, n),
        'd' => pad(out, b.day as i64, n),
        'D' => pad(out, b.day_of_year as i64, n),
        'F' => pad(out, ((b.day - 1) / 7 + 1) as i64, n),
        'w' => pad(out, b.week as i64, n),
        'W' => pad(out, b.week_of_month as i64, n),
        'a' => text(out, &AMPM, usize::from(b.hour >= 12)),
        'H' => pad(out, b.hour as i64, n),
        'k' => pad(out, if b.hour == 0 { 24 } else { b.hour as i64 }, n),
        'K' => pad(out, (b.hour % 12) as i64, n),
        'h' => pad(out, if b.hour % 12 == 0 { 12 } else { (b.hour % 12) as i64 }, n),
        'm' => pad(out, b.minute as i64, n),
        's' => pad(out, b.second as i64, n),
        'S' => pad(out, b.millis() as i64, n),
        'z' => sdf_zone_name(out, zone, b.offset, n >= 4),
        'Z' => {
            let mins = b.offset.total / 60;
            out.push(if mins < 0 { '-' } else { '+' });
            let a = mins.unsigned_abs();
            let _ = write!(out, "{:02}{:02}", a / 60, a % 60);
        }
        'X' => {
            if b.offset.total == 0 {
                out.push('Z');
                return;
            }
            let mins = b.offset.total / 60;
            out.push(if mins < 0 { '-' } else { '+' });
            let a = mins.unsigned_abs();
            let _ = match n {
                1 => write!(out, "{:02}", a / 60),
                2 => write!(out, "{:02}{:02}", a / 60, a % 60),
                _ => write!(out, "{:02}:{:02}", a / 60, a % 60),
            };
        }
        _ => {}
    }
}

/// `GMT+05:30`: what Java prints for a zone it has no name for.
fn gmt_hh_mm(out: &mut String, total: i32) {
    let mins = total / 60;
    let a = mins.unsigned_abs();
    let _ = write!(out, "GMT{}{:02}:{:02}", if mins < 0 { '-' } else { '+' }, a / 60, a % 60);
}

fn sdf_zone_name(out: &mut String, zone: &Zone, off: OffsetAt, long: bool) {
    match zone.names() {
        Some(n) => out.push_str(match (off.dst != 0, long) {
            (false, false) => n.std_short,
            (false, true) => n.std_long,
            (true, false) => n.dst_short,
            (true, true) => n.dst_long,
        }),
        None => gmt_hh_mm(out, off.total),
    }
}

fn dtf_field(f: &Field, b: &Broken, zone: &Zone, out: &mut String) {
    let n = f.count;
    let text = |out: &mut String, arr: &[&str], i: usize, n: usize| {
        let s = arr.get(i).copied().unwrap_or("");
        out.push_str(if n == 5 { narrow(s) } else { s })
    };
    let year_like = |out: &mut String, v: i64| match n {
        2 => pad(out, (v % 100).abs(), 2),
        1..=3 => pad(out, v, n),
        _ => pad_exceeds(out, v, n),
    };
    match f.letter {
        'G' => {
            let i = usize::from(b.year > 0);
            match n {
                4 => text(out, &ERAS_LONG, i, n),
                5 => text(out, &ERAS_NARROW, i, n),
                _ => text(out, &ERAS_SHORT, i, n),
            }
        }
        'u' => year_like(out, b.year),
        'y' => year_like(out, b.year_of_era()),
        'Y' => year_like(out, b.week_year),
        'M' | 'L' => match n {
            1 | 2 => pad(out, b.month as i64, n),
            3 => text(out, &MONTHS_SHORT, month_idx(b), n),
            _ => text(out, &MONTHS_LONG, month_idx(b), n),
        },
        'Q' | 'q' => {
            let q = (b.month - 1) / 3 + 1;
            match n {
                1 | 2 => pad(out, q as i64, n),
                3 => text(out, &QUARTERS_SHORT, q as usize - 1, n),
                4 => text(out, &QUARTERS_LONG, q as usize - 1, n),
                _ => pad(out, q as i64, 1),
            }
        }
        'd' => pad(out, b.day as i64, n),
        'D' => pad(out, b.day_of_year as i64, n),
        'F' => pad(out, ((b.day - 1) % 7 + 1) as i64, n),
        'w' => pad(out, b.week as i64, n),
        'W' => pad(out, b.week_of_month as i64, n),
        'E' => text(out, if n == 4 || n == 5 { &DAYS_LONG } else { &DAYS_SHORT }, dow_idx(b), n),
        'e' | 'c' => match n {
            1 | 2 => pad(out, (b.dow % 7 + 1) as i64, n),
            3 => text(out, &DAYS_SHORT, dow_idx(b), n),
            _ => text(out, &DAYS_LONG, dow_idx(b), n),
        },
        'a' => out.push_str(AMPM.get(usize::from(b.hour >= 12)).copied().unwrap_or("")),
        'B' => out.push_str(day_period(b.hour * 60 + b.minute)),
        'H' => pad(out, b.hour as i64, n),
        'k' => pad(out, if b.hour == 0 { 24 } else { b.hour as i64 }, n),
        'K' => pad(out, (b.hour % 12) as i64, n),
        'h' => pad(out, if b.hour % 12 == 0 { 12 } else { (b.hour % 12) as i64 }, n),
        'm' => pad(out, b.minute as i64, n),
        's' => pad(out, b.second as i64, n),
        'S' => {
            let digits = format!("{:09}", b.nano);
            out.push_str(digits.get(..n.min(9)).unwrap_or(""));
        }
        'n' => pad(out, b.nano as i64, n),
        'N' => pad(out, (b.hour as i64 * 3600 + b.minute as i64 * 60 + b.second as i64) * 1_000_000_000 + b.nano as i64, n),
        'A' => pad(out, (b.hour as i64 * 3600 + b.minute as i64 * 60 + b.second as i64) * 1000 + b.millis() as i64, n),
        'g' => pad(out, b.epoch_day + 40_587, n),
        'V' => out.push_str(zone.id()),
        'v' => match (zone.names(), zone.is_fixed()) {
            (Some(names), _) => out.push_str(if n == 4 { names.generic_long } else { names.generic_short }),
            (None, Some(_)) => out.push_str(zone.id()),
            (None, None) => gmt_hh_mm(out, b.offset.total),
        },
        'z' => match (zone.names(), zone.is_fixed()) {
            (Some(_), _) => sdf_zone_name(out, zone, b.offset, n == 4),
            (None, Some(_)) => out.push_str(zone.id()),
            (None, None) => gmt_hh_mm(out, b.offset.total),
        },
        'O' => localized_offset(out, b.offset.total, n == 4),
        'X' | 'x' | 'Z' => {
            let (style, zero) = offset_style(f.letter, n);
            if f.letter == 'Z' && n == 4 {
                localized_offset(out, b.offset.total, true);
            } else if b.offset.total == 0 {
                out.push_str(zero);
            } else {
                offset_pattern(out, b.offset.total, style);
            }
        }
        _ => {}
    }
}

/// The `appendOffset` pattern and the text for a zero offset of `X`, `x` and `Z`.
pub fn offset_style(letter: char, n: usize) -> (OffsetStyle, &'static str) {
    use OffsetStyle::*;
    match (letter, n) {
        ('X', 1) => (HHmm, "Z"),
        ('X', 2) => (HHMM, "Z"),
        ('X', 3) => (HH_MM, "Z"),
        ('X', 4) => (HHMMss, "Z"),
        ('X', _) => (HH_MM_ss, "Z"),
        ('x', 1) => (HHmm, "+00"),
        ('x', 2) => (HHMM, "+0000"),
        ('x', 3) => (HH_MM, "+00:00"),
        ('x', 4) => (HHMMss, "+0000"),
        ('x', _) => (HH_MM_ss, "+00:00"),
        ('Z', 5) => (HH_MM_ss, "Z"),
        _ => (HHMM, "+0000"),
    }
}

/// java.time `appendOffset` patterns; lower-case parts are printed only when not zero.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetStyle {
    HHmm,
    HHMM,
    HH_MM,
    HHMMss,
    HH_MM_ss,
}

impl OffsetStyle {
    pub fn colon(self) -> bool {
        matches!(self, OffsetStyle::HH_MM | OffsetStyle::HH_MM_ss)
    }
}

fn offset_pattern(out: &mut String, total: i32, style: OffsetStyle) {
    let a = total.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    out.push(if total < 0 { '-' } else { '+' });
    let _ = write!(out, "{h:02}");
    let sep = if style.colon() { ":" } else { "" };
    match style {
        OffsetStyle::HHmm => {
            if m != 0 {
                let _ = write!(out, "{m:02}");
            }
        }
        OffsetStyle::HHMM | OffsetStyle::HH_MM => {
            let _ = write!(out, "{sep}{m:02}");
        }
        OffsetStyle::HHMMss | OffsetStyle::HH_MM_ss => {
            let _ = write!(out, "{sep}{m:02}");
            if s != 0 {
                let _ = write!(out, "{sep}{s:02}");
            }
        }
    }
}

/// `O` / `OOOO` / `ZZZZ`: `GMT`, `GMT+5`, `GMT+05:30`, seconds when not zero.
fn localized_offset(out: &mut String, total: i32, full: bool) {
    out.push_str("GMT");
    if total == 0 {
        return;
    }
    let a = total.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    out.push(if total < 0 { '-' } else { '+' });
    if full {
        let _ = write!(out, "{h:02}:{m:02}");
        if s != 0 {
            let _ = write!(out, ":{s:02}");
        }
    } else {
        let _ = write!(out, "{h}");
        if m != 0 || s != 0 {
            let _ = write!(out, ":{m:02}");
            if s != 0 {
                let _ = write!(out, ":{s:02}");
            }
        }
    }
}
