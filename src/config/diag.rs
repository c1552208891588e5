//! Diagnostics and the table of their codes.
//!
//! Codes are a public contract: forms and CI scripts match on them, so a code never changes
//! meaning. `RULES` is the one list; the README's table is checked against it by a test.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// JSON pointer (RFC 6901) into the instance body; inside a stringified poller
    /// configuration it continues into the configuration.
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Every code, its severity and what it means. Order: as a reader meets them.
pub const RULES: &[(&str, Severity, &str)] = &[
    ("json-syntax", Severity::Error, "the text is not JSON (line:col of the first problem, and what to write)"),
    ("json-comment", Severity::Error, "a `//` or `/* */` comment; the rest is still checked"),
    ("json-trailing-comma", Severity::Error, "a comma before `}` or `]`; the rest is still checked"),
    ("json-truncated", Severity::Error, "the text ends inside a value: it was cut off"),
    ("json-fragment", Severity::Error, "members without the enclosing `{ }`; checked as if wrapped"),
    ("json-duplicate-key", Severity::Warning, "a key given twice in one object; the last one counts"),
    ("input-too-large", Severity::Error, "the text is larger than any configuration (16 MiB)"),
    ("input-shape", Severity::Info, "the text is a poller configuration or `configuration` object alone, not a whole instance body"),
    ("required", Severity::Error, "a required key is missing"),
    ("type", Severity::Error, "a value has the wrong JSON type"),
    ("unknown-key", Severity::Warning, "a key this element-instance body does not have (with a suggestion when one is close)"),
    ("misplaced-key", Severity::Warning, "a known key at the wrong level (e.g. `createdCheckTolerance` inside `datesConfiguration`)"),
    ("placeholder-value", Severity::Warning, "a value still reads like documentation (`<minutes>`, `<INSTANCE_NAME>`)"),
    ("normalized-string-config", Severity::Info, "`event.poller.configuration` was a string holding JSON; read as an object"),
    ("normalized-string-value", Severity::Info, "a number or boolean written as a string (`\"15\"`, `\"true\"`); converted"),
    ("normalized-legacy-urls", Severity::Info, "the legacy pipe-delimited `event.poller.urls` was migrated to the JSON form"),
    ("normalized-defaults", Severity::Info, "defaults made explicit for a resource (`filterByUpdatedDate`, `pollDelay`, …)"),
    ("legacy-urls", Severity::Error, "a line of `event.poller.urls` that cannot be migrated"),
    ("date-format", Severity::Error, "a date pattern that does not compile (column inside the pattern)"),
    ("date-format-lossy", Severity::Warning, "a pattern that compiles but does not read what it seems to (`SSSSSS`, a zone in the format and a time zone key)"),
    ("timezone", Severity::Error, "a time zone that does not exist"),
    ("date-field-missing", Severity::Warning, "a date field without its format, or a format without its field"),
    ("same-date-field", Severity::Info, "the created and the updated date are the same field: every event will be CREATED"),
    ("no-dates", Severity::Warning, "a resource without `datesConfiguration`: nothing can tell new records from old ones"),
    ("url", Severity::Error, "a resource URL that is neither a path nor an http(s) URL"),
    ("url-stray", Severity::Error, "a URL ending in stray characters (`}'`, an unbalanced quote)"),
    ("url-space", Severity::Warning, "leading or trailing blanks in a URL"),
    ("url-no-placeholder", Severity::Info, "a URL without a date placeholder: every poll fetches everything and filters locally"),
    ("template", Severity::Error, "a broken `${…}` placeholder: unclosed, unknown descriptor, bad zone or format (column inside the URL)"),
    ("callback-url", Severity::Error, "the callback URL is missing or not an http(s) URL"),
    ("callback-insecure", Severity::Warning, "the callback URL is plain http to a host that is not loopback"),
    ("callback-element", Severity::Warning, "the callback URL is Cloud Elements' events endpoint of a different element"),
    ("config-url", Severity::Warning, "another configuration URL (`oauth.callback.url`, `base.url`) that is not an http(s) URL"),
    ("refresh-interval", Severity::Error, "`event.poller.refresh_interval` is not a positive whole number of minutes"),
    ("nothing-to-poll", Severity::Error, "events are enabled with polling but there is no resource to poll"),
    ("events-disabled", Severity::Info, "a poller configuration is present but events are not enabled"),
    ("vendor-type", Severity::Warning, "`event.vendor.type` is not `polling` although a poller configuration is given, or unknown"),
    ("id-field", Severity::Warning, "an `idField` that is blank or looks copied from another resource"),
    ("number-range", Severity::Error, "a number out of its range (negative `pollDelay`, `pageSize` 0, not whole)"),
    ("detection", Severity::Error, "our extensions `backfillFrom` (ISO-8601 or epoch ms), `changeDetection` (`dates` or `hash`), `detectDeletes` hold a wrong value, or a resource has nothing to detect changes by"),
];

/// The severity a code is always reported with.
pub fn severity_of(code: &str) -> Severity {
    RULES.iter().find(|(c, _, _)| *c == code).map(|(_, s, _)| *s).unwrap_or(Severity::Error)
}

/// Appends a key to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_push(base: &str, key: &str) -> String {
    let mut p = String::with_capacity(base.len() + key.len() + 1);
    p.push_str(base);
    p.push('/');
    for c in key.chars() {
        match c {
            '~' => p.push_str("~0"),
            '/' => p.push_str("~1"),
            c => p.push(c),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for (code, _, what) in RULES {
            assert!(seen.insert(code), "{code} twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{code}");
            assert!(!what.is_empty());
        }
    }

    #[test]
    fn pointers_escape() {
        assert_eq!(pointer_push("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
