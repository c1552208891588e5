//! The element-instance body: read it as people really write it, say precisely what is
//! wrong, and hand the poller a normalized, typed configuration.
//!
//! Why tolerant *and* strict: Cloud Elements' own published configurations hold stringified
//! JSON, `"15"` for numbers, legacy pipe-delimited URLs, comments, trailing commas and typos.
//! Refusing them would make the library useless; accepting them silently would hide the
//! mistakes that cost events. So everything that can be understood is normalized and
//! reported (`info`), everything doubtful is a `warning`, and only what would poll wrongly
//! or not at all is an `error`. A form can show every diagnostic at its line and column.
//!
//! Pure: no clock, no I/O. The same code runs in the CLI, the web page and the Worker.

mod diag;
mod legacy;
mod model;
mod rules;
mod schema;
mod secrets;
mod source;

pub use diag::{Diagnostic, Severity, RULES};
pub use model::{ChangeDetection, DateField, Instance, Resource, Secret};
pub use schema::json_schema;
pub use secrets::{mask_url_password, split_userinfo, MASK};

/// The outcome of validating one body.
#[derive(Clone, Debug)]
pub struct Report {
    /// No error-severity diagnostic.
    pub ok: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// The normalized body with secrets masked, when the text could be read at all.
    pub instance: Option<serde_json::Value>,
    /// The typed configuration for the poller, when there is no error.
    pub config: Option<Instance>,
}

impl Report {
    /// The typed configuration, or one message naming the first errors (paths, codes and
    /// messages only: never a value, so never a secret).
    pub fn into_instance(self) -> Result<Instance, String> {
        if let Some(cfg) = self.config {
            return Ok(cfg);
        }
        let errors: Vec<String> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .take(5)
            .map(|d| format!("{} {}: {}", d.path, d.code, d.message))
            .collect();
        Err(format!("the instance is not valid: {}", errors.join("; ")))
    }

    /// The report as the JavaScript API returns it (without the typed config).
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("ok".into(), self.ok.into());
        out.insert(
            "diagnostics".into(),
            serde_json::to_value(&self.diagnostics).unwrap_or(serde_json::Value::Array(Vec::new())),
        );
        if let Some(i) = &self.instance {
            out.insert("instance".into(), i.clone());
        }
        serde_json::Value::Object(out)
    }
}

/// Larger than any configuration; beyond it we do not even parse.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Validates the text of an instance body (or of a poller configuration alone).
pub fn validate(text: &str) -> Report {
    rules::run(text, true)
}

/// Validates a body that arrived as a value (a JS object), serialized as JSON: diagnostics
/// carry JSON pointers but no line and column, which would point into our serialization.
pub fn validate_serialized(json: &str) -> Report {
    rules::run(json, false)
}

/// The closest of `candidates` to `word`, when one is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for &c in candidates {
        let cl = c.to_ascii_lowercase();
        if cl == lower {
            return Some(c);
        }
        let distance = strsim::damerau_levenshtein(&lower, &cl);
        let limit = (c.len().max(word.len()) / 4).clamp(1, 3);
        if distance <= limit {
            let score = strsim::jaro_winkler(&lower, &cl);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((c, score));
            }
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["updatedDateTimezone", "updatedDateField", "createdDateTimezone"];
        assert_eq!(suggest("updateDateTimezone", &keys), Some("updatedDateTimezone"));
        assert_eq!(suggest("UPDATEDDATEFIELD", &keys), Some("updatedDateField"));
        assert_eq!(suggest("colour", &keys), None);
    }
}
