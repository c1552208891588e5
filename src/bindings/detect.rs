//! `Detector` for JavaScript: one resource's change detection over raw page text.
//!
//! The page crosses as UTF-8 bytes (the JS side encodes it once with `encodeInto`, into the
//! input buffer) and is never turned into JS objects; only the events and the new state come
//! back, as JSON text.

use crate::config;
use crate::detect::{self, fields, Spec, State};
use super::input::with_input;
use super::js_error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Detector)]
pub struct JsDetector {
    spec: Spec,
    records: fields::Path,
}

#[wasm_bindgen(js_class = Detector)]
impl JsDetector {
    /// `instance`: the instance body as JSON text; `resource`: its name in the poller
    /// configuration; `records_path`: where the records are in a page (`""`: the page is
    /// the array).
    #[wasm_bindgen(constructor)]
    pub fn new(instance: &str, resource: &str, instance_id: &str, records_path: &str) -> Result<JsDetector, JsValue> {
        let cfg = config::validate(instance).into_instance().map_err(|e| js_error("EINSTANCE", &e))?;
        let spec = Spec::for_resource(instance_id, &cfg, resource).map_err(|e| js_error("ERESOURCE", &e.0))?;
        let records = fields::Path::parse(records_path).map_err(|e| js_error("EOPTIONS", &format!("recordsPath: {e}")))?;
        Ok(JsDetector { spec, records })
    }

    /// Detects over one page, the first `len` bytes of the input buffer (UTF-8 that JS wrote
    /// there); `state` is the saved state as JSON text (empty for none). Returns
    /// `{events, state, stats}` as JSON text.
    #[wasm_bindgen(js_name = detectInput)]
    pub fn detect_input(&self, len: usize, state: &str, now_ms: f64) -> Result<String, JsValue> {
        with_input(len, |page| self.detect_page(page, state, now_ms))
            .unwrap_or_else(|| Err(js_error("EPAGE", "the page was not in the input buffer")))
    }

    fn detect_page(&self, page: &[u8], state: &str, now_ms: f64) -> Result<String, JsValue> {
        if !now_ms.is_finite() {
            return Err(js_error("EOPTIONS", "now must be a finite number of epoch milliseconds"));
        }
        let saved: Option<State> = if state.is_empty() {
            None
        } else {
            let v: serde_json::Value = serde_json::from_str(state).map_err(|e| js_error("ESTATE", &format!("the state is not JSON: {e}")))?;
            Some(detect::load_state(&self.spec, &v).map_err(|e| js_error("ESTATE", &e.to_string()))?)
        };
        let out = detect::detect_page(&self.spec, saved.as_ref(), page, &self.records, now_ms as i64)
            .map_err(|e| js_error("EPAGE", &e))?;
        Ok(detect::outcome_json(&out))
    }
}
