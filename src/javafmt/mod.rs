//! Java date patterns, read and written exactly as the JVM does.
//!
//! Cloud Elements configurations carry `java.text.SimpleDateFormat` patterns
//! (`yyyy-MM-dd'T'HH:mm:ssXXX`, `yyyy-MM-dd' 'HH:mm:ss`, `EEE, dd MMM yyyy HH:mm:ss Z`, …).
//! Reading a date differently from the JVM those patterns were written for means missed or
//! duplicated events, so this module reproduces Java 17 — both `SimpleDateFormat` (the
//! default, as Cloud Elements ran it) and `java.time.format.DateTimeFormatter` — and is
//! checked line by line against real Java output (`tests/java_oracle.rs`).
//!
//! It does not read the clock: the only time-dependent behaviour (`SimpleDateFormat`'s
//! two-digit-year window) is anchored at [`Options::now_ms`].
//!
//! ```
//! use element_poller::javafmt::{JavaDateFormat, Options};
//! let f = JavaDateFormat::new("yyyy-MM-dd' 'HH:mm:ss", Options { zone: Some("America/New_York".into()), ..Options::default() })?;
//! assert_eq!(f.parse("2024-02-29 12:34:56")?, 1_709_228_096_000);
//! assert_eq!(f.format(1_709_228_096_000), "2024-02-29 12:34:56");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Pattern letters
//!
//! | letter | `SimpleDateFormat` (dialect `simple`) | `DateTimeFormatter` (dialect `java.time`) |
//! |---|---|---|
//! | `G` | era `AD`; parses `AD`/`BC` any case | `AD`, `GGGG` `Anno Domini`, `GGGGG` `A` |
//! | `y` | year of era; `yy` two digits, parsed in the window [now−80y, now+20y) when exactly two digits; otherwise any digit count | year of era; `yy` = 2000–2099, `yyyy` ≥ 4 digits and `+` above 9999 |
//! | `u` | day number of week, 1 = Monday | proleptic year (0 = 1 BC) |
//! | `Y` | US week year | US week-based year (Sunday start, not ISO) |
//! | `M` `L` | 1–2 number, 3 `Feb`, 4+ `February`; parses either name, any case | 1–2 number, 3 `Feb`, 4 `February`, 5 `F`; exact case |
//! | `d` `D` `w` `W` | day of month / year, week of year / month | same; counts above 2 (3 for `D`) rejected |
//! | `F` | day of week in month (29th → 5) | aligned day of week in month (29th → 1, JDK 17) |
//! | `E` | `Thu`, 4+ `Thursday`; parses either, any case | 1–3 `Thu`, 4 `Thursday`, 5 `T` |
//! | `e` `c` | rejected | localized day of week, Sunday = 1 |
//! | `a` | `AM`/`PM`; any count | one letter only |
//! | `H k K h` | hours 0–23, 1–24, 0–11, 1–12 | same; more than 2 letters rejected |
//! | `m s` | minutes, seconds | same |
//! | `S` | **milliseconds as an integer** padded to the count; parses any digit count as ms | **fraction**: exactly the count of digits |
//! | `z` | `EST`, 4+ `Eastern Standard Time`; parses names, `GMT±h:mm`, `±hhmm` | same names; parses names and zone ids |
//! | `Z` | `-0500`; parses `±hhmm`, `GMT±hh:mm`, names | 1–3 `-0500`, 4 `GMT-05:00`, 5 `-05:00`/`Z` |
//! | `X` | `-05`, `-0500`, `-05:00`, `Z` for zero; 4+ rejected | up to `XXXXX` (`+HH:MM:ss`) |
//! | `x O V v Q q B n N A g p` | rejected | offsets without `Z`, `GMT+5`, zone id, generic name, quarter, day period, nanos, … |
//! | `[ ]` | literal brackets | optional section |
//! | `' '` | quoted literal, `''` a quote | same |
//! | `# { }` | literal | rejected (reserved) |
//!
//! # Pitfalls that are Java's, kept on purpose
//! - `SimpleDateFormat` ignores text after the pattern (`yyyy-MM-dd` accepts `2024-02-29T10:00`),
//!   skips blanks before each field and, when lenient, rolls `2024-02-30` over to March 1st.
//! - Before 1582-10-15 `SimpleDateFormat` uses the Julian calendar; before 1900 it knows no
//!   zone history (New York is −05:00 in 1800, not local mean time).
//! - `'Z'` in a pattern is a literal letter, not UTC: the zone option applies.
//! - In a DST overlap `SimpleDateFormat` takes the later instant, java.time the earlier.

mod calendar;
mod error;
mod fast;
mod format;
mod infer;
mod parse_dtf;
mod parse_sdf;
mod pattern;
mod strftime;
mod text;
mod zone;

pub use error::{ParseError, PatternError};
pub use infer::infer as infer_patterns;
pub use parse_dtf::Resolver;
pub use zone::{UnknownZone, Zone};

use format::Broken;
use pattern::Item;

/// Which Java API a pattern is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dialect {
    /// `java.text.SimpleDateFormat` (what Cloud Elements used).
    #[default]
    Simple,
    /// `java.time.format.DateTimeFormatter.ofPattern`.
    JavaTime,
}

impl Dialect {
    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "simple" | "SimpleDateFormat" => Some(Dialect::Simple),
            "java.time" | "DateTimeFormatter" => Some(Dialect::JavaTime),
            _ => None,
        }
    }
}

impl Resolver {
    pub fn parse(s: &str) -> Option<Resolver> {
        match s.to_ascii_lowercase().as_str() {
            "smart" => Some(Resolver::Smart),
            "strict" => Some(Resolver::Strict),
            "lenient" => Some(Resolver::Lenient),
            _ => None,
        }
    }
}

/// Options of [`JavaDateFormat::new`]; the defaults are Java's (and Cloud Elements').
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub dialect: Dialect,
    /// Zone for fields the text lacks and for formatting; default `UTC`.
    pub zone: Option<String>,
    /// `SimpleDateFormat.setLenient`; default `true`.
    pub lenient: Option<bool>,
    /// java.time `ResolverStyle`; default `Smart`.
    pub resolver: Option<Resolver>,
    /// Epoch ms that anchors `SimpleDateFormat`'s two-digit-year window. `None` anchors it at
    /// 2030-01-01 (window 1950–2049); the JavaScript binding passes the current time.
    pub now_ms: Option<i64>,
}

/// Why a format could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    Pattern(PatternError),
    Zone(UnknownZone),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Pattern(e) => e.fmt(f),
            FormatError::Zone(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FormatError {}

#[derive(Clone, Debug)]
enum Kind {
    /// Compiled items, and the byte-level fast path when the pattern allows one.
    Pattern(Vec<Item>, Option<Box<fast::FastPlan>>),
    /// The word `milliseconds`: epoch milliseconds as a decimal integer.
    Milliseconds,
}

/// A compiled Java date pattern with its zone and parsing options.
#[derive(Clone, Debug)]
pub struct JavaDateFormat {
    pattern: String,
    kind: Kind,
    dialect: Dialect,
    zone: Zone,
    lenient: bool,
    resolver: Resolver,
    century_start_ms: i64,
    century_start_year: i64,
}

/// The pattern word Cloud Elements uses for epoch milliseconds.
pub const MILLISECONDS: &str = "milliseconds";

const DEFAULT_NOW_MS: i64 = 1_893_456_000_000; // 2030-01-01T00:00:00Z

impl JavaDateFormat {
    pub fn new(pattern: &str, options: Options) -> Result<JavaDateFormat, FormatError> {
        let kind = if pattern == MILLISECONDS {
            Kind::Milliseconds
        } else {
            let items = pattern::compile(pattern, options.dialect).map_err(FormatError::Pattern)?;
            let resolver = options.resolver.unwrap_or(Resolver::Smart);
            let plan = fast::FastPlan::new(&items, options.dialect, resolver).map(Box::new);
            Kind::Pattern(items, plan)
        };
        let zone = match &options.zone {
            Some(z) => Zone::parse(z).map_err(FormatError::Zone)?,
            None => Zone::utc(),
        };
        let now = options.now_ms.unwrap_or(DEFAULT_NOW_MS).clamp(-1_000_000_000_000_000, 1_000_000_000_000_000);
        let (century_start_ms, century_start_year) = minus_80_years(now);
        Ok(JavaDateFormat {
            pattern: pattern.to_string(),
            kind,
            dialect: options.dialect,
            zone,
            lenient: options.lenient.unwrap_or(true),
            resolver: options.resolver.unwrap_or(Resolver::Smart),
            century_start_ms,
            century_start_year,
        })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// Parses every text, as `parseMany` does in JavaScript, keeping each failure's column
    /// and message (where JavaScript gets NaN).
    pub fn parse_many<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Result<i64, ParseError>> {
        texts.iter().map(|t| self.parse_bytes(t.as_ref().as_bytes())).collect()
    }

    /// Parses `text` to epoch milliseconds.
    pub fn parse(&self, text: &str) -> Result<i64, ParseError> {
        match self.plan().and_then(|p| p.parse(text.as_bytes(), &self.zone, self.lenient)) {
            Some(ms) => Ok(ms),
            None => self.parse_full(text),
        }
    }

    /// Parses UTF-8 bytes; the fast path reads them without a UTF-8 check, anything else is
    /// checked and handed to the full parser. For callers that hold bytes already (the batch
    /// binding), so a batch never pays for a string per item.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<i64, ParseError> {
        match self.plan().and_then(|p| p.parse(bytes, &self.zone, self.lenient)) {
            Some(ms) => Ok(ms),
            None => self.parse_full_bytes(bytes),
        }
    }

    /// Parses NUL-separated UTF-8 texts, the batch form `parseMany` hands over: epoch ms as
    /// `f64` per text (JavaScript's number), NaN where a text does not parse. Empty input is
    /// one empty text. Native and wasm run this same loop, so the benchmark compares like
    /// with like. Each text meets the fast path once: whatever it cannot read goes straight to
    /// the full parser.
    pub fn parse_separated(&self, bytes: &[u8], out: &mut Vec<f64>) {
        let mut rest = bytes;
        loop {
            // The fast path reads from the start of the rest and says where it stopped: a NUL
            // there (or the end) is the text's end, with no search for it. A tail before the
            // separator: SimpleDateFormat ignores it, so the answer stands; java.time refuses
            // it, and the full parser says why.
            let fast = self.plan().and_then(|p| Some((p.takes_tail(), p.parse_prefix(rest, &self.zone, self.lenient)?)));
            if let Some((takes_tail, (ms, used))) = fast {
                let end = match rest.get(used) {
                    None | Some(0) => Some(used),
                    Some(_) if takes_tail => Some(memchr::memchr(0, rest).unwrap_or(rest.len())),
                    Some(_) => None,
                };
                if let Some(end) = end {
                    out.push(ms as f64);
                    match rest.get(end + 1..) {
                        Some(after) => rest = after,
                        None => return,
                    }
                    continue;
                }
            }
            let end = memchr::memchr(0, rest);
            let piece = rest.get(..end.unwrap_or(rest.len())).unwrap_or_default();
            out.push(self.parse_full_bytes(piece).map_or(f64::NAN, |ms| ms as f64));
            match end {
                Some(e) => rest = rest.get(e + 1..).unwrap_or_default(),
                None => return,
            }
        }
    }

    /// The fast path, when the pattern has one.
    fn plan(&self) -> Option<&fast::FastPlan> {
        match &self.kind {
            Kind::Pattern(_, Some(plan)) => Some(plan),
            _ => None,
        }
    }

    /// The dialect's full parser (or epoch milliseconds), without the fast path.
    fn parse_full(&self, text: &str) -> Result<i64, ParseError> {
        match (&self.kind, self.dialect) {
            (Kind::Milliseconds, _) => parse_millis(text),
            (Kind::Pattern(items, _), Dialect::Simple) => parse_sdf::parse(items, text, &self.sdf_ctx()),
            (Kind::Pattern(items, _), Dialect::JavaTime) => {
                parse_dtf::parse(items, text, &parse_dtf::Ctx { zone: &self.zone, resolver: self.resolver })
            }
        }
    }

    fn parse_full_bytes(&self, bytes: &[u8]) -> Result<i64, ParseError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.parse_full(text),
            Err(e) => Err(ParseError::new(e.valid_up_to(), "text that is not UTF-8".to_string())),
        }
    }

    fn sdf_ctx(&self) -> parse_sdf::Ctx<'_> {
        parse_sdf::Ctx {
            zone: &self.zone,
            lenient: self.lenient,
            century_start_ms: self.century_start_ms,
            century_start_year: self.century_start_year,
        }
    }

    /// Parses `text` and requires every character to be used (`SimpleDateFormat` otherwise
    /// ignores trailing text). For inference and validation, where a tail means a wrong pattern.
    pub fn parse_whole(&self, text: &str) -> Option<i64> {
        match (&self.kind, self.dialect) {
            (Kind::Pattern(items, _), Dialect::Simple) => {
                let chars: Vec<char> = text.chars().collect();
                match parse_sdf::parse_chars(items, &chars, &self.sdf_ctx()) {
                    Ok((ms, used)) if used == chars.len() => Some(ms),
                    _ => None,
                }
            }
            _ => self.parse(text).ok(),
        }
    }

    /// Formats epoch milliseconds in the format's zone.
    pub fn format(&self, epoch_ms: i64) -> String {
        self.format_in(epoch_ms, &self.zone)
    }

    /// Formats epoch milliseconds in another zone.
    pub fn format_in(&self, epoch_ms: i64, zone: &Zone) -> String {
        let items = match &self.kind {
            Kind::Milliseconds => return epoch_ms.to_string(),
            Kind::Pattern(items, _) => items,
        };
        // Beyond ±1,000,000 years nothing is meaningful; clamp instead of failing.
        let limit = calendar::MAX_EPOCH_DAY * format::MS_PER_DAY / 2;
        let ms = epoch_ms.clamp(-limit, limit);
        let b = Broken::new(ms, zone, self.dialect);
        let mut out = String::with_capacity(32);
        format::format(items, self.dialect, &b, zone, &mut out);
        out
    }

    /// The chrono `strftime` string that formats exactly like this pattern, if one exists.
    pub fn strftime(&self) -> Option<String> {
        match &self.kind {
            Kind::Milliseconds => None,
            Kind::Pattern(items, _) => strftime::to_strftime(items, self.dialect),
        }
    }
}

/// `milliseconds`: an optionally signed decimal integer, surrounding blanks allowed.
fn parse_millis(text: &str) -> Result<i64, ParseError> {
    let s = text.trim();
    s.parse::<i64>().map_err(|_| {
        ParseError::new(
            text.len() - text.trim_start().len() + 1,
            format!("expected epoch milliseconds (a whole number) at column 1, found {:?}", s.chars().take(24).collect::<String>()),
        )
    })
}

/// `now` minus 80 years in UTC, as `Calendar.add(YEAR, -80)`: (epoch ms, year).
fn minus_80_years(now_ms: i64) -> (i64, i64) {
    let utc = Zone::utc();
    let b = Broken::new(now_ms, &utc, Dialect::Simple);
    let year = b.year - 80;
    let cal = calendar::Calendar::JulianGregorian;
    let day = b.day.min(calendar::month_length(cal, year, b.month));
    let epoch_day = cal.day(year, b.month as i64, day as i64);
    let ms_of_day = now_ms.rem_euclid(format::MS_PER_DAY);
    (epoch_day * format::MS_PER_DAY + ms_of_day, if year > 0 { year } else { 1 - year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_parse_many_keeps_order_and_each_error() {
        let f = JavaDateFormat::new("yyyy-MM-dd'T'HH:mm:ssXXX", Options::default()).unwrap_or_else(|e| panic!("{e}"));
        let all = f.parse_many(&["1970-01-01T00:00:01Z", "nope", "1970-01-01T00:00:02+00:00"]);
        assert_eq!(all.first(), Some(&Ok(1000)));
        assert!(matches!(all.get(1), Some(Err(e)) if e.column == 1));
        assert_eq!(all.get(2), Some(&Ok(2000)));
        assert!(f.parse_many::<&str>(&[]).is_empty());
    }
}
