//! Calendar arithmetic on epoch days, for both dialects.
//!
//! java.time is proleptic Gregorian. `SimpleDateFormat` uses `GregorianCalendar`, which is
//! Julian before 1582-10-15: the same instant has another year, month and day there. Weeks
//! follow `Locale.US` in both dialects (Sunday first, one day is enough for week 1), which
//! is not ISO. Everything here is integer arithmetic with no failure: callers bound the
//! range of epoch days first (see `MAX_EPOCH_DAY`).

/// First day of the Gregorian calendar in `GregorianCalendar` (1582-10-15), as an epoch day.
pub const GREGORIAN_CUTOVER_DAY: i64 = -141_427;

/// Days beyond which we refuse to compute (about ±1,000,000 years); keeps every multiplication
/// far from overflow whatever the input.
pub const MAX_EPOCH_DAY: i64 = 365_250_000;

/// Which calendar system turns epoch days into year, month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    /// java.time: Gregorian rules for every date.
    ProlepticGregorian,
    /// `java.util.GregorianCalendar`: Julian before [`GREGORIAN_CUTOVER_DAY`].
    JulianGregorian,
    /// Julian rules for every date (one half of `GregorianCalendar`'s arithmetic).
    Julian,
}

/// A calendar date; `year` is proleptic (1 BC = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Epoch day of a proleptic Gregorian date (month and day may be out of range: they roll).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let (y, m) = normalize_month(year, month);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + (day - 1)
}

/// Proleptic Gregorian date of an epoch day.
pub fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    Ymd { year: if m <= 2 { y + 1 } else { y }, month: m as u32, day: d as u32 }
}

/// Epoch day of a Julian calendar date (month and day may roll).
pub fn days_from_julian(year: i64, month: i64, day: i64) -> i64 {
    let (y, m) = normalize_month(year, month);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(4);
    let yoe = y - era * 4;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    era * 1461 + yoe * 365 + doy + (day - 1) - 719_470
}

/// Julian calendar date of an epoch day.
pub fn julian_from_days(z: i64) -> Ymd {
    let z = z + 719_470;
    let era = z.div_euclid(1461);
    let doe = z - era * 1461;
    let yoe = (doe / 365).min(3);
    let doy = doe - 365 * yoe;
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 4;
    Ymd { year: if m <= 2 { y + 1 } else { y }, month: m as u32, day: d as u32 }
}

fn normalize_month(year: i64, month: i64) -> (i64, i64) {
    let m0 = month - 1;
    (year + m0.div_euclid(12), m0.rem_euclid(12) + 1)
}

pub fn is_leap(cal: Calendar, year: i64) -> bool {
    match cal {
        Calendar::JulianGregorian if year < 1582 => year.rem_euclid(4) == 0,
        Calendar::Julian => year.rem_euclid(4) == 0,
        _ => year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0),
    }
}

pub fn month_length(cal: Calendar, year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(cal, year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Calendar {
    pub fn ymd(self, day: i64) -> Ymd {
        match self {
            Calendar::JulianGregorian if day < GREGORIAN_CUTOVER_DAY => julian_from_days(day),
            Calendar::Julian => julian_from_days(day),
            _ => civil_from_days(day),
        }
    }

    /// Epoch day of a date whose month and day may roll over (lenient arithmetic).
    pub fn day(self, year: i64, month: i64, day: i64) -> i64 {
        if self == Calendar::Julian {
            return days_from_julian(year, month, day);
        }
        let g = days_from_civil(year, month, day);
        match self {
            Calendar::JulianGregorian if g < GREGORIAN_CUTOVER_DAY => days_from_julian(year, month, day),
            _ => g,
        }
    }

    /// Epoch day of January 1st of `year`.
    pub fn year_start(self, year: i64) -> i64 {
        self.day(year, 1, 1)
    }
}

/// ISO day of week, 1 = Monday … 7 = Sunday.
pub fn iso_dow(day: i64) -> u32 {
    ((day + 3).rem_euclid(7) + 1) as u32
}

/// Day of week counted from Sunday = 0, as US weeks start.
pub fn sunday_index(day: i64) -> i64 {
    (day + 4).rem_euclid(7)
}

/// The US week-based year and week of an epoch day: week 1 is the Sunday-started week that
/// holds January 1st.
pub fn us_week(cal: Calendar, day: i64) -> (i64, u32) {
    let week_start = day - sunday_index(day);
    let wy = cal.ymd(week_start + 6).year;
    let w1 = cal.year_start(wy);
    let w1 = w1 - sunday_index(w1);
    (wy, ((week_start - w1) / 7 + 1) as u32)
}

/// US week of month: week 1 holds the 1st.
pub fn us_week_of_month(day: i64, dom: u32) -> u32 {
    let first = day - (dom as i64 - 1);
    ((dom as i64 - 1 + sunday_index(first)) / 7 + 1) as u32
}

/// Epoch day of `dow` (Sunday = 0) in US week `week` of week-year `wy`.
pub fn from_us_week(cal: Calendar, wy: i64, week: i64, sunday_dow: i64) -> i64 {
    let w1 = cal.year_start(wy);
    let w1 = w1 - sunday_index(w1);
    w1 + (week - 1) * 7 + sunday_dow
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_round_trips_both_calendars() {
        for d in (-800_000..800_000).step_by(37) {
            let g = civil_from_days(d);
            assert_eq!(days_from_civil(g.year, g.month as i64, g.day as i64), d);
            let j = julian_from_days(d);
            assert_eq!(days_from_julian(j.year, j.month as i64, j.day as i64), d, "{j:?}");
        }
    }

    #[test]
    fn ok_known_dates() {
        assert_eq!(civil_from_days(0), Ymd { year: 1970, month: 1, day: 1 });
        // 1582-10-15 Gregorian follows 1582-10-04 Julian.
        assert_eq!(julian_from_days(GREGORIAN_CUTOVER_DAY - 1), Ymd { year: 1582, month: 10, day: 4 });
        // 1500-03-01 proleptic is 1500-02-20 Julian (SimpleDateFormat shows the latter).
        let d = days_from_civil(1500, 3, 1);
        assert_eq!(Calendar::JulianGregorian.ymd(d), Ymd { year: 1500, month: 2, day: 20 });
        // US week-year: Sunday 2024-12-29 is in week 1 of 2025.
        let d = days_from_civil(2024, 12, 29);
        assert_eq!(us_week(Calendar::ProlepticGregorian, d), (2025, 1));
        assert_eq!(us_week(Calendar::ProlepticGregorian, days_from_civil(2024, 2, 29)), (2024, 9));
    }
}
