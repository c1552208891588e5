//! Guessing the Java pattern behind sample dates, for forms that offer a pattern.
//!
//! Candidates are the patterns Cloud Elements configurations use plus common variants.
//! A candidate that parses every sample strictly *and* prints each back unchanged ranks
//! first; one that only parses them strictly ranks after. Zones play no part: samples
//! are read and re-printed in UTC.

use super::{Dialect, JavaDateFormat, Options, MILLISECONDS};

const CANDIDATES: &[&str] = &[
    "yyyy-MM-dd'T'HH:mm:ssXXX",
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
    "yyyy-MM-dd'T'HH:mm:ssZ",
    "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
    "yyyy-MM-dd'T'HH:mm:ss'Z'",
    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
    "yyyy-MM-dd'T'HH:mm:ss",
    "yyyy-MM-dd'T'HH:mm:ss.SSS",
    "yyyy-MM-dd' 'HH:mm:ss",
    "yyyy-MM-dd HH:mm:ss.SSS",
    "yyyy-MM-dd HH:mm",
    "yyyy-MM-dd",
    "yyyyMMddHHmmss",
    "yyyyMMdd",
    "MM/dd/yyyy HH:mm:ss",
    "MM/dd/yyyy hh:mm:ss a",
    "MM/dd/yyyy",
    "dd/MM/yyyy HH:mm:ss",
    "dd/MM/yyyy",
    "dd.MM.yyyy HH:mm",
    "dd.MM.yyyy",
    "EEE, dd MMM yyyy HH:mm:ss Z",
    "EEE MMM dd HH:mm:ss zzz yyyy",
    "dd-MMM-yy hh:mm a",
    "dd MMM yyyy HH:mm:ss",
    "MMM dd, yyyy",
];

/// Candidate patterns for `samples`, best first (empty when none fits).
pub fn infer(samples: &[&str]) -> Vec<String> {
    let samples: Vec<&str> = samples.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if samples.is_empty() {
        return Vec::new();
    }
    let mut exact = Vec::new();
    let mut parses = Vec::new();
    if samples.iter().all(|s| s.len() >= 10 && s.len() <= 14 && s.bytes().all(|b| b.is_ascii_digit())) {
        exact.push(MILLISECONDS.to_string());
    }
    for pattern in CANDIDATES {
        let opts = Options { dialect: Dialect::Simple, lenient: Some(false), ..Options::default() };
        let Ok(f) = JavaDateFormat::new(pattern, opts) else { continue };
        let mut all_exact = true;
        let mut all_parse = true;
        for s in &samples {
            match f.parse_whole(s) {
                Some(ms) => all_exact &= f.format(ms) == *s,
                None => {
                    all_parse = false;
                    break;
                }
            }
        }
        if all_parse && all_exact {
            exact.push(pattern.to_string());
        } else if all_parse {
            parses.push(pattern.to_string());
        }
    }
    exact.extend(parses);
    exact
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_infers_the_seed_formats() {
        assert_eq!(infer(&["2024-02-29 12:34:56"]).first().map(String::as_str), Some("yyyy-MM-dd' 'HH:mm:ss"));
        assert_eq!(infer(&["2024-02-29T12:34:56+05:30", "2024-03-01T00:00:00Z"]).first().map(String::as_str), Some("yyyy-MM-dd'T'HH:mm:ssXXX"));
        assert_eq!(infer(&["1709210096789"]).first().map(String::as_str), Some("milliseconds"));
        assert!(infer(&["not a date"]).is_empty());
    }
}
