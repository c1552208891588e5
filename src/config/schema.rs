//! A JSON Schema (draft 2020-12) of the instance body, for editors and form libraries.
//!
//! It describes what we *accept* (strings for numbers and booleans included, a stringified
//! poller configuration included), so an editor never flags a body that validates; the finer
//! rules (patterns that compile, zones that exist) need `validateInstance`.
//!
//! Kept as a JSON file rather than built with `json!`: the macro's expansion was 32 KiB of
//! wasm code; the text is 5 KiB of data. A test checks that it parses.

use serde_json::Value;

const SCHEMA: &str = include_str!("instance.schema.json");

pub fn json_schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_parses_and_describes_the_body() {
        let s = super::json_schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(s["properties"]["configuration"]["properties"]["event.poller.configuration"].is_object());
        assert!(s["$defs"]["resource"]["properties"]["datesConfiguration"].is_object());
    }
}
