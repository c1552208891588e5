//! Resource URLs with date placeholders: `…?where=updated>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'`.
//!
//! Why a parser and not a regex: the format inside a placeholder is a Java pattern with its
//! own quotes, and the URL around it often wraps the placeholder in SQL-ish quotes, so only
//! braces delimit a placeholder (nested braces included, as in the template token
//! `${dateTimeZone:{TimeZone}:…}`). Every format is compiled once, when the URL is read, so
//! a broken one is a diagnostic with its column rather than a failed poll later.
//!
//! What a placeholder renders is decided by the caller's [`Moment`]: the cursor (last poll
//! minus `pollDelay`) for the date descriptors, the poll's own time for `nowTimeZone`.

use crate::javafmt::{JavaDateFormat, Options, Zone};

#[derive(Clone, Debug)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug)]
enum Part {
    Text(String),
    /// `${gmtDate:F}`, `${date:F}`, `${dateTimeZone:Z:F}`, `${nowTimeZone:Z:F}`.
    Date { format: Box<JavaDateFormat>, now: bool },
    /// Bare `${date}`: the resource's own updated-date format, or else this ISO-8601 one.
    BareDate(Option<Box<JavaDateFormat>>),
    /// `${epoch}`, `${epoch:s|ms|us}`, `${milliseconds}`.
    Epoch(EpochUnit),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EpochUnit {
    Seconds,
    Millis,
    Micros,
}

/// A placeholder that cannot be read. `column` counts characters of the URL from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub column: usize,
    pub message: String,
}

/// The instants a URL is rendered for.
#[derive(Clone, Copy, Debug)]
pub struct Moment<'a> {
    /// Epoch ms the date placeholders stand for: the cursor minus `pollDelay`.
    pub since_ms: i64,
    /// Epoch ms of this poll, for `${nowTimeZone:…}`.
    pub now_ms: i64,
    /// The format of a bare `${date}`: the resource's updated-date format.
    pub bare_date: Option<&'a JavaDateFormat>,
}

const DESCRIPTORS: &[&str] = &["gmtDate", "date", "dateTimeZone", "nowTimeZone", "epoch", "milliseconds"];

impl Template {
    /// Reads a URL. Every broken placeholder is reported; the template keeps the rest, with
    /// a broken placeholder kept as its literal text.
    pub fn parse(url: &str) -> (Template, Vec<TemplateError>) {
        let chars: Vec<char> = url.chars().collect();
        let mut parts = Vec::new();
        let mut errors = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if c != '$' || chars.get(i + 1) != Some(&'{') {
                text.push(c);
                i += 1;
                continue;
            }
            let Some(end) = closing_brace(&chars, i) else {
                errors.push(TemplateError {
                    column: i + 1,
                    message: "`${` is never closed: end the placeholder with `}`".into(),
                });
                text.extend(chars.iter().skip(i));
                break;
            };
            let body: String = chars.get(i + 2..end).map(|s| s.iter().collect()).unwrap_or_default();
            match placeholder(&body, i + 3) {
                Ok(part) => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(part);
                }
                Err(e) => {
                    errors.push(e);
                    text.extend(chars.get(i..=end).unwrap_or(&[]).iter());
                }
            }
            i = end + 1;
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        (Template { parts }, errors)
    }

    /// Whether the URL has any placeholder: without one, every poll fetches everything.
    pub fn has_placeholder(&self) -> bool {
        self.parts.iter().any(|p| !matches!(p, Part::Text(_)))
    }

    /// The URL for one poll. Values are inserted as rendered; the transport encodes the URL.
    pub fn render(&self, at: &Moment<'_>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Date { format, now } => out.push_str(&format.format(if *now { at.now_ms } else { at.since_ms })),
                Part::BareDate(iso) => match at.bare_date.or(iso.as_deref()) {
                    Some(f) => out.push_str(&f.format(at.since_ms)),
                    None => out.push_str(&at.since_ms.to_string()),
                },
                Part::Epoch(unit) => {
                    let v = match unit {
                        EpochUnit::Seconds => at.since_ms.div_euclid(1000),
                        EpochUnit::Millis => at.since_ms,
                        EpochUnit::Micros => at.since_ms.saturating_mul(1000),
                    };
                    out.push_str(&v.to_string());
                }
            }
        }
        out
    }
}

/// The index of the `}` that closes the placeholder whose `$` is at `dollar` (nested braces
/// counted, quotes not), or `None` when it is never closed.
pub fn closing_brace(chars: &[char], dollar: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &d) in chars.iter().enumerate().skip(dollar + 1) {
        match d {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads the text between `${` and `}`; `column` is where `body` starts (1-based).
fn placeholder(body: &str, column: usize) -> Result<Part, TemplateError> {
    let (name, rest) = match body.find(':') {
        Some(k) => (body.get(..k).unwrap_or(""), Some(body.get(k + 1..).unwrap_or(""))),
        None => (body, None),
    };
    let rest_col = column + name.chars().count() + 1;
    let err = |col: usize, message: String| TemplateError { column: col, message };
    match (name, rest) {
        ("gmtDate" | "date", Some(fmt)) => date_format(fmt, "UTC", rest_col).map(|f| Part::Date { format: f, now: false }),
        ("date", None) => Ok(Part::BareDate(
            JavaDateFormat::new("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Options::default()).ok().map(Box::new),
        )),
        ("gmtDate", None) => Err(err(column, "`${gmtDate}` needs a format: write `${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}`".into())),
        ("dateTimeZone" | "DateTimeZone" | "nowTimeZone" | "NowTimeZone", Some(rest)) => {
            let (zone, fmt) = split_zone(rest);
            if zone.starts_with('{') {
                return Err(err(rest_col, format!("`{zone}` is a template token: replace it with a time zone such as `GMT` or `America/Denver`")));
            }
            if Zone::parse(zone).is_err() {
                return Err(err(rest_col, format!("unknown time zone `{zone}`: write an IANA name (`America/Denver`), `GMT` or an offset (`-06:00`)")));
            }
            let Some(fmt) = fmt else {
                return Err(err(column, format!("`${{{name}:{zone}}}` needs a format after the zone: `${{{name}:{zone}:yyyy-MM-dd'T'HH:mm:ssXXX}}`")));
            };
            let fmt_col = rest_col + zone.chars().count() + 1;
            let now = name.eq_ignore_ascii_case("nowTimeZone");
            date_format(fmt, zone, fmt_col).map(|f| Part::Date { format: f, now })
        }
        ("dateTimeZone" | "DateTimeZone" | "nowTimeZone" | "NowTimeZone", None) => Err(err(
            column,
            format!("`${{{name}}}` needs a zone and a format: `${{{name}:GMT:yyyy-MM-dd'T'HH:mm:ssXXX}}`"),
        )),
        ("epoch", None) | ("milliseconds", None) => Ok(Part::Epoch(EpochUnit::Millis)),
        ("epoch", Some(unit)) => match unit {
            "s" => Ok(Part::Epoch(EpochUnit::Seconds)),
            "ms" => Ok(Part::Epoch(EpochUnit::Millis)),
            "us" => Ok(Part::Epoch(EpochUnit::Micros)),
            other => Err(err(rest_col, format!("unknown epoch unit `{other}`: write `${{epoch}}` (milliseconds), `${{epoch:s}}`, `${{epoch:ms}}` or `${{epoch:us}}`"))),
        },
        _ => {
            let hint = if crate::javafmt::JavaDateFormat::new(body, Options::default()).is_ok() && body.chars().any(|c| c == 'y' || c == 'H') {
                format!("`{body}` is a date format without a descriptor: write `${{gmtDate:{body}}}`")
            } else if let Some(best) = crate::config::suggest(name, DESCRIPTORS) {
                format!("unknown placeholder `${{{name}…}}`: did you mean `{best}`?")
            } else {
                format!("unknown placeholder `${{{name}…}}`: use gmtDate, date, dateTimeZone, nowTimeZone or epoch")
            };
            Err(err(column, hint))
        }
    }
}

/// `-8:00:yyyy-MM-dd` → (`-8:00`, `yyyy-MM-dd`): an offset zone has a colon of its own.
fn split_zone(rest: &str) -> (&str, Option<&str>) {
    let b = rest.as_bytes();
    let offset_len = match b {
        [s, h1, h2, b':', m1, m2, ..] if (*s == b'+' || *s == b'-') && h1.is_ascii_digit() && h2.is_ascii_digit() && m1.is_ascii_digit() && m2.is_ascii_digit() => Some(6),
        [s, h, b':', m1, m2, ..] if (*s == b'+' || *s == b'-') && h.is_ascii_digit() && m1.is_ascii_digit() && m2.is_ascii_digit() => Some(5),
        _ => None,
    };
    let split = match offset_len {
        Some(n) if rest.len() == n || rest.as_bytes().get(n) == Some(&b':') => Some(n),
        _ => rest.find(':'),
    };
    match split {
        Some(k) => (rest.get(..k).unwrap_or(rest), rest.get(k + 1..)),
        None => (rest, None),
    }
}

fn date_format(fmt: &str, zone: &str, column: usize) -> Result<Box<JavaDateFormat>, TemplateError> {
    JavaDateFormat::new(fmt, Options { zone: Some(zone.to_string()), ..Options::default() })
        .map(Box::new)
        .map_err(|e| match e {
            crate::javafmt::FormatError::Pattern(p) => TemplateError {
                column: column + p.column.saturating_sub(1),
                message: format!("date format `{fmt}`: {}", p.message),
            },
            crate::javafmt::FormatError::Zone(z) => TemplateError { column, message: z.to_string() },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_709_210_096_789; // 2024-02-29T12:34:56.789Z

    fn render(url: &str) -> String {
        let (t, errs) = Template::parse(url);
        assert!(errs.is_empty(), "{url}: {errs:?}");
        t.render(&Moment { since_ms: T, now_ms: T + 60_000, bare_date: None })
    }

    #[test]
    fn every_descriptor_renders() {
        assert_eq!(render("/c?w=x>'${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"), "/c?w=x>'2024-02-29T12:34:56Z'");
        assert_eq!(render("${date:yyyy-MM-dd HH:mm:ss}"), "2024-02-29 12:34:56");
        assert_eq!(render("${date}"), "2024-02-29T12:34:56.789Z");
        assert_eq!(render("${dateTimeZone:America/Denver:yyyy-MM-dd'T'HH:mm:ssXXX}"), "2024-02-29T05:34:56-07:00");
        assert_eq!(render("${DateTimeZone:-8:00:HH:mm}"), "04:34");
        assert_eq!(render("${dateTimeZone:+05:30:HH:mm}"), "18:04");
        assert_eq!(render("${nowTimeZone:GMT:HH:mm}"), "12:35");
        assert_eq!(render("${epoch}|${epoch:s}|${epoch:ms}|${epoch:us}|${milliseconds}"),
            "1709210096789|1709210096|1709210096789|1709210096789000|1709210096789");
        assert_eq!(render("${date:EEE, dd MMM yyyy HH:mm:ss Z}"), "Thu, 29 Feb 2024 12:34:56 +0000");
    }

    #[test]
    fn broken_placeholders_name_their_column() {
        let cases: &[(&str, usize, &str)] = &[
            ("/a?x=${gmtDate:yyyy-MM-dd'T}", 26, "quote"),
            ("/a?x=${gmtDate:yyyy-MM-dd", 6, "never closed"),
            ("/a?x=${dateTimeZone:{TimeZone}:yyyy}", 21, "template token"),
            ("/a?x=${dateTimeZone:Mars/Base:yyyy}", 21, "unknown time zone"),
            ("/a?x=${epoch:0}", 14, "epoch unit"),
            ("/a?x=${gmdDate:yyyy}", 8, "did you mean `gmtDate`"),
            ("/a?x=${yyyy-MM-dd'T'HH:mm}", 8, "without a descriptor"),
            ("/a?x=${configuration.api_key}", 8, "unknown placeholder"),
        ];
        for (url, col, text) in cases {
            let (_, errs) = Template::parse(url);
            let e = errs.first().unwrap_or_else(|| panic!("{url}: no error"));
            assert_eq!(e.column, *col, "{url}: {e:?}");
            assert!(e.message.contains(text), "{url}: {e:?}");
        }
    }

    #[test]
    fn quotes_do_not_end_placeholders_and_text_survives() {
        let (t, errs) = Template::parse("/hubs/crm/accounts?where=d>='${date:yyyy-MM-dd'T'HH:mm:ssZ}''");
        assert!(errs.is_empty());
        assert!(t.has_placeholder());
        let out = t.render(&Moment { since_ms: 0, now_ms: 0, bare_date: None });
        assert_eq!(out, "/hubs/crm/accounts?where=d>='1970-01-01T00:00:00+0000''");
        let (plain, _) = Template::parse("/hubs/general/contacts");
        assert!(!plain.has_placeholder());
    }
}
