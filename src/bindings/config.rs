//! `validateInstance` and the JSON Schema for JavaScript.
//!
//! The report crosses the border as JSON text and is parsed by the engine's own
//! `JSON.parse`: one crossing, key order kept, no per-field conversions.

use crate::config::{self, Diagnostic, Report, Severity};
use wasm_bindgen::prelude::*;

fn report_text(report: &Report) -> String {
    serde_json::to_string(&report.to_json()).unwrap_or_else(|_| "{\"ok\":false,\"diagnostics\":[]}".into())
}

fn refused(message: String) -> String {
    let d = Diagnostic { severity: Severity::Error, code: "type", path: String::new(), message, line: None, column: None };
    report_text(&Report { ok: false, diagnostics: vec![d], instance: None, config: None })
}

/// The report of `validateInstance`, as JSON text. A string is validated as written (with
/// line and column); anything else is serialized with `JSON.stringify` first (pointers only).
#[wasm_bindgen(js_name = validateInstanceJson)]
pub fn validate_instance_json(input: JsValue) -> String {
    if let Some(text) = input.as_string() {
        return report_text(&config::validate(&text));
    }
    if input.is_null() || input.is_undefined() || !input.is_object() {
        let what = input.js_typeof().as_string().unwrap_or_else(|| "value".into());
        let what = if input.is_null() { "null".to_string() } else { what };
        return refused(format!("expected the instance body as a JSON string or an object, found {what}"));
    }
    match js_sys::JSON::stringify(&input) {
        Ok(s) => match s.as_string() {
            Some(text) => report_text(&config::validate_serialized(&text)),
            None => refused("the value cannot be written as JSON".into()),
        },
        Err(e) => {
            let why = js_sys::Error::from(e).message().as_string().unwrap_or_default();
            // The engine's message names the problem (a cycle, a BigInt), never a value.
            refused(format!("the object cannot be written as JSON ({why}): remove cycles and BigInt values"))
        }
    }
}

/// The JSON Schema of the instance body, as JSON text.
#[wasm_bindgen(js_name = instanceSchemaJson)]
pub fn instance_schema_json() -> String {
    config::json_schema().to_string()
}
