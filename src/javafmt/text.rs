//! English (Locale.US) names that Java prints and parses for text fields.

pub const MONTHS_LONG: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];
pub const MONTHS_SHORT: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/// Indexed by ISO day of week − 1 (Monday first).
pub const DAYS_LONG: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const DAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub const AMPM: [&str; 2] = ["AM", "PM"];
pub const ERAS_SHORT: [&str; 2] = ["BC", "AD"];
pub const ERAS_LONG: [&str; 2] = ["Before Christ", "Anno Domini"];
pub const ERAS_NARROW: [&str; 2] = ["B", "A"];
pub const QUARTERS_SHORT: [&str; 4] = ["Q1", "Q2", "Q3", "Q4"];
pub const QUARTERS_LONG: [&str; 4] = ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"];

/// CLDR English day periods as java.time's `B` prints them, from minute of day.
pub fn day_period(minute_of_day: u32) -> &'static str {
    match minute_of_day {
        0 => "midnight",
        720 => "noon",
        360..=719 => "in the morning",
        721..=1079 => "in the afternoon",
        1080..=1259 => "in the evening",
        _ => "at night",
    }
}

/// First letter of a name: the narrow form.
pub fn narrow(s: &str) -> &str {
    s.get(..1).unwrap_or(s)
}
