//! Time zones as Java sees them: IANA names, fixed offsets, Java's legacy three-letter ids,
//! and the English zone names `z` and `v` print and `SimpleDateFormat` parses.
//!
//! Design: zone data comes from chrono-tz (the full IANA database compiled in), not from the
//! host's `Intl`, so Node, browsers and workerd agree to the second. Two Java quirks are
//! modelled here and nowhere else:
//! - `java.util.TimeZone` (used by `SimpleDateFormat`) knows no transitions before 1900: older
//!   instants get the zone's current standard offset, where java.time shows local mean time.
//! - local times in a DST overlap resolve to the later instant in `SimpleDateFormat` and to the
//!   earlier one in java.time; both move a time in a gap forward by the gap's length.

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, Tz};

/// 1900-01-01T00:00:00Z, before which `java.util.TimeZone` ignores the zone's history.
const UTC1900_SECS: i64 = -2_208_988_800;
/// An instant far enough ahead that the zone's current rules apply.
const RULES_PROBE_SECS: i64 = 1_893_456_000; // 2030-01-01 (chrono-tz lists transitions to 2037)

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Fixed(i32),
    Tz(Tz),
}

/// A zone ready for offset look-ups. Cheap to clone.
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    kind: Kind,
    id: String,
    /// Standard offset of the zone's current rules (what `TimeZone` uses before 1900).
    raw_now: i32,
    /// Offset in force at 1900-01-01T00:00Z, where `TimeZone`'s history starts.
    at_1900: i32,
}

/// The offset in force at an instant, split as Java splits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetAt {
    pub total: i32,
    pub dst: i32,
}

/// English names of a zone (Locale.US), as Java 17 prints them.
pub struct ZoneNames {
    pub id: &'static str,
    pub std_short: &'static str,
    pub std_long: &'static str,
    pub dst_short: &'static str,
    pub dst_long: &'static str,
    pub generic_short: &'static str,
    pub generic_long: &'static str,
}

macro_rules! names {
    ($( $id:literal => $ss:literal, $sl:literal, $ds:literal, $dl:literal, $gs:literal, $gl:literal; )*) => {
        &[ $( ZoneNames { id: $id, std_short: $ss, std_long: $sl, dst_short: $ds, dst_long: $dl, generic_short: $gs, generic_long: $gl }, )* ]
    };
}

/// Zone names in the order `SimpleDateFormat` tries them when parsing (first match wins:
/// `BST` is London, `IST` is Jerusalem, as in Java).
pub static NAMES: &[ZoneNames] = names! {
    "UTC" => "UTC", "Coordinated Universal Time", "UTC", "Coordinated Universal Time", "UTC", "Coordinated Universal Time";
    "GMT" => "GMT", "Greenwich Mean Time", "GMT", "Greenwich Mean Time", "GMT", "Greenwich Mean Time";
    "America/New_York" => "EST", "Eastern Standard Time", "EDT", "Eastern Daylight Time", "ET", "Eastern Time";
    "America/Chicago" => "CST", "Central Standard Time", "CDT", "Central Daylight Time", "CT", "Central Time";
    "America/Denver" => "MST", "Mountain Standard Time", "MDT", "Mountain Daylight Time", "MT", "Mountain Time";
    "America/Phoenix" => "MST", "Mountain Standard Time", "MDT", "Mountain Daylight Time", "MT", "Mountain Time";
    "America/Los_Angeles" => "PST", "Pacific Standard Time", "PDT", "Pacific Daylight Time", "PT", "Pacific Time";
    "America/Anchorage" => "AKST", "Alaska Standard Time", "AKDT", "Alaska Daylight Time", "AKT", "Alaska Time";
    "Pacific/Honolulu" => "HST", "Hawaii-Aleutian Standard Time", "HDT", "Hawaii-Aleutian Daylight Time", "HT", "Hawaii-Aleutian Time";
    "America/Halifax" => "AST", "Atlantic Standard Time", "ADT", "Atlantic Daylight Time", "AT", "Atlantic Time";
    "America/St_Johns" => "NST", "Newfoundland Standard Time", "NDT", "Newfoundland Daylight Time", "NT", "Newfoundland Time";
    "America/Sao_Paulo" => "BRT", "Brasilia Standard Time", "BRST", "Brasilia Summer Time", "BRT", "Brasilia Time";
    "America/Mexico_City" => "CST", "Central Standard Time", "CDT", "Central Daylight Time", "CT", "Central Time";
    "America/Toronto" => "EST", "Eastern Standard Time", "EDT", "Eastern Daylight Time", "ET", "Eastern Time";
    "America/Vancouver" => "PST", "Pacific Standard Time", "PDT", "Pacific Daylight Time", "PT", "Pacific Time";
    "Europe/London" => "GMT", "Greenwich Mean Time", "BST", "British Summer Time", "BT", "British Time";
    "Asia/Jerusalem" => "IST", "Israel Standard Time", "IDT", "Israel Daylight Time", "IT", "Israel Time";
    "Europe/Dublin" => "GMT", "Greenwich Mean Time", "IST", "Irish Standard Time", "IT", "Irish Time";
    "Europe/Lisbon" => "WET", "Western European Standard Time", "WEST", "Western European Summer Time", "WET", "Western European Time";
    "Europe/Paris" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Berlin" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Madrid" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Rome" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Amsterdam" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Brussels" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Vienna" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Zurich" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Stockholm" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Warsaw" => "CET", "Central European Standard Time", "CEST", "Central European Summer Time", "CET", "Central European Time";
    "Europe/Athens" => "EET", "Eastern European Standard Time", "EEST", "Eastern European Summer Time", "EET", "Eastern European Time";
    "Europe/Helsinki" => "EET", "Eastern European Standard Time", "EEST", "Eastern European Summer Time", "EET", "Eastern European Time";
    "Europe/Kyiv" => "EET", "Eastern European Standard Time", "EEST", "Eastern European Summer Time", "EET", "Eastern European Time";
    "Europe/Moscow" => "MSK", "Moscow Standard Time", "MSD", "Moscow Summer Time", "MSK", "Moscow Time";
    "Asia/Kolkata" => "IST", "India Standard Time", "IDT", "India Daylight Time", "IT", "India Time";
    "Asia/Kathmandu" => "NPT", "Nepal Time", "NPST", "Nepal Summer Time", "NPT", "Nepal Time";
    "Asia/Dubai" => "GST", "Gulf Standard Time", "GDT", "Gulf Daylight Time", "GT", "Gulf Time";
    "Asia/Karachi" => "PKT", "Pakistan Standard Time", "PKST", "Pakistan Summer Time", "PKT", "Pakistan Time";
    "Asia/Shanghai" => "CST", "China Standard Time", "CDT", "China Daylight Time", "CTT", "China Time";
    "Asia/Hong_Kong" => "HKT", "Hong Kong Standard Time", "HKST", "Hong Kong Summer Time", "HKT", "Hong Kong Time";
    "Asia/Singapore" => "SGT", "Singapore Standard Time", "SGT", "Singapore Standard Time", "SGT", "Singapore Time";
    "Asia/Tokyo" => "JST", "Japan Standard Time", "JDT", "Japan Daylight Time", "JT", "Japan Time";
    "Asia/Seoul" => "KST", "Korean Standard Time", "KDT", "Korean Daylight Time", "KT", "Korean Time";
    "Australia/Sydney" => "AEST", "Australian Eastern Standard Time", "AEDT", "Australian Eastern Daylight Time", "AET", "Eastern Australia Time";
    "Australia/Melbourne" => "AEST", "Australian Eastern Standard Time", "AEDT", "Australian Eastern Daylight Time", "AET", "Eastern Australia Time";
    "Australia/Perth" => "AWST", "Australian Western Standard Time", "AWDT", "Australian Western Daylight Time", "AWT", "Western Australia Time";
    "Pacific/Auckland" => "NZST", "New Zealand Standard Time", "NZDT", "New Zealand Daylight Time", "NZT", "New Zealand Time";
    "Pacific/Chatham" => "CHAST", "Chatham Standard Time", "CHADT", "Chatham Daylight Time", "CHAT", "Chatham Time";
    "Africa/Johannesburg" => "SAST", "South Africa Standard Time", "SAST", "South Africa Standard Time", "SAT", "South Africa Time";
    "Africa/Cairo" => "EET", "Eastern European Standard Time", "EEST", "Eastern European Summer Time", "EET", "Eastern European Time";
};

/// Java's three-letter ids (`ZoneId.SHORT_IDS`, `TimeZone.getTimeZone`); EST, MST and HST are
/// fixed offsets there, the others aliases of a region.
const SHORT_IDS: &[(&str, &str)] = &[
    ("ACT", "Australia/Darwin"), ("AET", "Australia/Sydney"), ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"), ("AST", "America/Anchorage"), ("BET", "America/Sao_Paulo"),
    ("BST", "Asia/Dhaka"), ("CAT", "Africa/Harare"), ("CNT", "America/St_Johns"),
    ("CST", "America/Chicago"), ("CTT", "Asia/Shanghai"), ("EAT", "Africa/Addis_Ababa"),
    ("ECT", "Europe/Paris"), ("IET", "America/Indiana/Indianapolis"), ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"), ("MIT", "Pacific/Apia"), ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"), ("PLT", "Asia/Karachi"), ("PNT", "America/Phoenix"),
    ("PRT", "America/Puerto_Rico"), ("PST", "America/Los_Angeles"), ("SST", "Pacific/Guadalcanal"),
    ("VST", "Asia/Ho_Chi_Minh"),
];

/// Why a zone name was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl std::fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown time zone {:?}: expected an IANA name such as \"America/New_York\", \"UTC\", or an offset such as \"+05:30\"", self.0)
    }
}

impl Zone {
    pub fn utc() -> Zone {
        Zone { kind: Kind::Fixed(0), id: "UTC".into(), raw_now: 0, at_1900: 0 }
    }

    /// A fixed offset in seconds; the id is written as java.time writes it (`+05:30`, `Z`).
    pub fn fixed(secs: i32) -> Zone {
        Zone { kind: Kind::Fixed(secs), id: offset_id(secs), raw_now: secs, at_1900: secs }
    }

    /// Reads what a user may write: an IANA name, `UTC`/`GMT`/`Z`, an offset (`+05:30`,
    /// `-0800`, `+5`, `GMT+5:30`, `UTC-08:00`) or one of Java's three-letter ids.
    pub fn parse(name: &str) -> Result<Zone, UnknownZone> {
        let s = name.trim();
        match s {
            "UTC" | "Etc/UTC" | "UCT" | "Etc/UCT" | "Universal" | "Zulu" => return Ok(Zone::utc()),
            "Z" => return Ok(Zone::fixed(0)),
            "GMT" | "Etc/GMT" | "UT" | "Greenwich" | "GMT0" => {
                return Ok(Zone { kind: Kind::Fixed(0), id: "GMT".into(), raw_now: 0, at_1900: 0 })
            }
            "EST" => return Ok(Zone { kind: Kind::Fixed(-18_000), id: "EST".into(), raw_now: -18_000, at_1900: -18_000 }),
            "MST" => return Ok(Zone { kind: Kind::Fixed(-25_200), id: "MST".into(), raw_now: -25_200, at_1900: -25_200 }),
            "HST" => return Ok(Zone { kind: Kind::Fixed(-36_000), id: "HST".into(), raw_now: -36_000, at_1900: -36_000 }),
            _ => {}
        }
        if let Some(secs) = parse_offset_id(s) {
            return Ok(Zone::fixed(secs));
        }
        let region = SHORT_IDS.iter().find(|(k, _)| *k == s).map(|(_, v)| *v).unwrap_or(s);
        let tz: Tz = region.parse().map_err(|_| UnknownZone(name.to_string()))?;
        Ok(Zone::from_tz(tz))
    }

    pub fn from_tz(tz: Tz) -> Zone {
        let raw_now = DateTime::from_timestamp(RULES_PROBE_SECS, 0)
            .map(|t| tz.offset_from_utc_datetime(&t.naive_utc()).base_utc_offset().num_seconds() as i32)
            .unwrap_or(0);
        let at_1900 = DateTime::from_timestamp(UTC1900_SECS, 0)
            .map(|t| tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc())
            .unwrap_or(raw_now);
        Zone { kind: Kind::Tz(tz), id: tz.name().to_string(), raw_now, at_1900 }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn is_fixed(&self) -> Option<i32> {
        match self.kind {
            Kind::Fixed(s) => Some(s),
            Kind::Tz(_) => None,
        }
    }

    /// The English names Java prints for this zone, when it has any.
    pub fn names(&self) -> Option<&'static ZoneNames> {
        let id = match self.id.as_str() {
            "Etc/UTC" | "Etc/UCT" | "UCT" | "Universal" | "Zulu" => "UTC",
            "Etc/GMT" | "GMT0" | "Greenwich" | "UT" => "GMT",
            "Asia/Calcutta" => "Asia/Kolkata",
            "Asia/Katmandu" => "Asia/Kathmandu",
            "US/Eastern" => "America/New_York",
            "US/Central" => "America/Chicago",
            "US/Mountain" => "America/Denver",
            "US/Pacific" => "America/Los_Angeles",
            "Europe/Kiev" => "Europe/Kyiv",
            other => other,
        };
        NAMES.iter().find(|n| n.id == id)
    }

    /// Offset at an instant. `legacy` selects `java.util.TimeZone` behaviour (no history
    /// before 1900).
    pub fn offset_at(&self, utc_secs: i64, legacy: bool) -> OffsetAt {
        match self.kind {
            Kind::Fixed(s) => OffsetAt { total: s, dst: 0 },
            Kind::Tz(tz) => {
                if legacy && utc_secs < UTC1900_SECS {
                    return OffsetAt { total: self.raw_now, dst: 0 };
                }
                match DateTime::from_timestamp(utc_secs, 0) {
                    Some(t) => {
                        let o = tz.offset_from_utc_datetime(&t.naive_utc());
                        OffsetAt { total: o.fix().local_minus_utc(), dst: o.dst_offset().num_seconds() as i32 }
                    }
                    None => OffsetAt { total: self.raw_now, dst: 0 },
                }
            }
        }
    }

    /// Turns local seconds (since 1970-01-01T00:00 local) into UTC seconds. Gaps move forward
    /// by their length; overlaps take the later instant when `legacy`, else the earlier.
    pub fn resolve_local(&self, local_secs: i64, legacy: bool) -> i64 {
        local_secs - self.offset_for_local(local_secs, legacy).total as i64
    }

    /// The offset that [`Zone::resolve_local`] applies to a local time.
    pub fn offset_for_local(&self, local_secs: i64, legacy: bool) -> OffsetAt {
        match self.kind {
            Kind::Fixed(s) => OffsetAt { total: s, dst: 0 },
            Kind::Tz(_) => {
                if legacy && local_secs - (self.at_1900 as i64) < UTC1900_SECS {
                    return OffsetAt { total: self.raw_now, dst: 0 };
                }
                // The offsets in force within a day of the local time are the candidates;
                // those that map back to the same local time are valid.
                let cands = [-86_400i64, 0, 86_400].map(|d| self.offset_at(local_secs + d, legacy));
                // Mostly the three are one offset: check each distinct total once (a zone
                // lookup is most of a parse in a named zone).
                let mut checked: [Option<(i32, bool)>; 3] = [None; 3];
                let mut maps_back = |o: &OffsetAt| {
                    if let Some((_, ok)) = checked.iter().flatten().find(|(t, _)| *t == o.total) {
                        return *ok;
                    }
                    let ok = self.offset_at(local_secs - o.total as i64, legacy).total == o.total;
                    if let Some(slot) = checked.iter_mut().find(|c| c.is_none()) {
                        *slot = Some((o.total, ok));
                    }
                    ok
                };
                let valid = cands.iter().copied().filter(|o| maps_back(o));
                // Overlap: legacy takes the later instant (smaller offset), java.time the earlier.
                let pick = if legacy { valid.min_by_key(|o| o.total) } else { valid.max_by_key(|o| o.total) };
                // No valid offset: a gap. The offset before it is the smaller one.
                let fallback = || cands.iter().copied().min_by_key(|o| o.total).unwrap_or(OffsetAt { total: 0, dst: 0 });
                pick.unwrap_or_else(fallback)
            }
        }
    }
}

/// `+05:30`, `-08:00`, `+05:30:15`, `Z` for zero: the java.time offset id.
pub fn offset_id(secs: i32) -> String {
    if secs == 0 {
        return "Z".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    }
}

/// Reads `+05:30`, `-0800`, `+5`, `+05`, with an optional `GMT`/`UTC`/`UT` prefix.
fn parse_offset_id(s: &str) -> Option<i32> {
    let rest = s
        .strip_prefix("GMT")
        .or_else(|| s.strip_prefix("UTC"))
        .or_else(|| s.strip_prefix("UT"))
        .unwrap_or(s);
    let mut chars = rest.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let body = chars.as_str();
    let digits: String = body.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let colon_parts: Vec<&str> = body.split(':').collect();
    let (h, m, sec) = if colon_parts.len() > 1 {
        let n = |i: usize| colon_parts.get(i).and_then(|p| p.parse::<i32>().ok());
        (n(0)?, n(1)?, if colon_parts.len() > 2 { n(2)? } else { 0 })
    } else {
        let n = |a: usize, b: usize| digits.get(a..b).and_then(|p| p.parse::<i32>().ok());
        match digits.len() {
            1 | 2 => (n(0, digits.len())?, 0, 0),
            3 => (n(0, 1)?, n(1, 3)?, 0),
            4 => (n(0, 2)?, n(2, 4)?, 0),
            6 => (n(0, 2)?, n(2, 4)?, n(4, 6)?),
            _ => return None,
        }
    };
    if h > 18 || m > 59 || sec > 59 || (h == 18 && (m > 0 || sec > 0)) {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_names_and_offsets() {
        assert_eq!(Zone::parse("+05:30").map(|z| z.is_fixed()), Ok(Some(19_800)));
        assert_eq!(Zone::parse("GMT-8").map(|z| z.is_fixed()), Ok(Some(-28_800)));
        assert_eq!(Zone::parse("EST").map(|z| z.is_fixed()), Ok(Some(-18_000)));
        assert_eq!(Zone::parse("PST").map(|z| z.id().to_string()), Ok("America/Los_Angeles".into()));
        assert!(Zone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn ok_gap_and_overlap() {
        let ny = Zone::parse("America/New_York").unwrap_or_else(|_| Zone::utc());
        // 2024-03-10 02:30 local does not exist: both dialects give 03:30 EDT (07:30Z).
        let gap_local = 1_710_037_800; // 2024-03-10T02:30 as if UTC
        assert_eq!(ny.resolve_local(gap_local, true), 1_710_055_800);
        assert_eq!(ny.resolve_local(gap_local, false), 1_710_055_800);
        // 2024-11-03 01:30 happens twice: legacy takes EST (06:30Z), java.time EDT (05:30Z).
        let overlap_local = 1_730_597_400;
        assert_eq!(ny.resolve_local(overlap_local, true), 1_730_615_400);
        assert_eq!(ny.resolve_local(overlap_local, false), 1_730_611_800);
    }
}
