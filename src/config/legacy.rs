//! The legacy `event.poller.urls`: one resource per line,
//! `name|url|xPath|updatedField|updatedFormat|updatedZone|createdField|createdFormat|createdZone`.
//!
//! Cloud Elements migrated these to the JSON form itself; we do the same, so the rest of the
//! library knows one shape. Lines that name resources without a URL relied on URLs built
//! into Cloud Elements' element definitions, which we do not have: those cannot be migrated
//! and say so.

use serde_json::{Map, Value};

/// One migrated resource, or why a line could not be migrated. `line` counts from 0.
pub enum Line {
    Resource { name: String, config: Value },
    NamesOnly { line: usize, names: Vec<String> },
    Broken { line: usize, message: String },
}

const DATE_KEYS: [&str; 6] = [
    "updatedDateField",
    "updatedDateFormat",
    "updatedDateTimezone",
    "createdDateField",
    "createdDateFormat",
    "createdDateTimezone",
];

pub fn migrate(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        let url = fields.get(1).copied().unwrap_or("");
        let looks_like_url = url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://");
        if !looks_like_url {
            // `contacts|leads` or `incidents`: names only.
            out.push(Line::NamesOnly { line: n, names: fields.iter().filter(|f| !f.is_empty()).map(|f| f.to_string()).collect() });
            continue;
        }
        let name = fields.first().copied().unwrap_or("");
        if name.is_empty() {
            out.push(Line::Broken { line: n, message: "the line has a URL but no resource name before the first `|`".into() });
            continue;
        }
        if fields.len() > 9 {
            out.push(Line::Broken {
                line: n,
                message: format!("the line has {} fields; the legacy form has at most 9 (a `|` inside the URL?)", fields.len()),
            });
            continue;
        }
        let mut resource = Map::new();
        resource.insert("url".into(), Value::String(url.to_string()));
        if let Some(x) = fields.get(2).filter(|x| !x.is_empty()) {
            resource.insert("xPath".into(), Value::String(x.to_string()));
        }
        let mut dates = Map::new();
        for (key, value) in DATE_KEYS.iter().zip(fields.iter().skip(3)) {
            if !value.is_empty() {
                dates.insert((*key).into(), Value::String(value.to_string()));
            }
        }
        if !dates.is_empty() {
            resource.insert("datesConfiguration".into(), Value::Object(dates));
        }
        out.push(Line::Resource { name: name.to_string(), config: Value::Object(resource) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_lines_become_json_resources() {
        let lines = migrate("accounts|/hubs/crm/accounts?where=d>=${date}||LastModifiedDate|yyyy-MM-dd'T'HH:mm:ssZ||CreatedDate|yyyy-MM-dd'T'HH:mm:ssZ");
        let Some(Line::Resource { name, config }) = lines.first() else { panic!("not migrated") };
        assert_eq!(name, "accounts");
        assert_eq!(config["url"], "/hubs/crm/accounts?where=d>=${date}");
        assert_eq!(config["datesConfiguration"]["updatedDateField"], "LastModifiedDate");
        assert_eq!(config["datesConfiguration"]["createdDateFormat"], "yyyy-MM-dd'T'HH:mm:ssZ");
        assert!(config["datesConfiguration"].get("updatedDateTimezone").is_none());
    }

    #[test]
    fn names_only_cannot_be_migrated() {
        assert!(matches!(migrate("contacts|leads").first(), Some(Line::NamesOnly { names, .. }) if names.len() == 2));
        assert!(matches!(migrate("contacts\naccounts").get(1), Some(Line::NamesOnly { line: 1, .. })));
    }
}
