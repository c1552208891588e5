//! `verifySignature` for receivers of our callbacks.

use crate::deliver::{verify_elements_signature, verify_standard};
use wasm_bindgen::prelude::*;

/// Checks a callback: Standard Webhooks headers when `secret` starts with `whsec_`, else
/// `Elements-Webhook-Signature`. Returns `""` when it verifies, else the reason (which
/// never contains the secret).
#[wasm_bindgen(js_name = verifySignatureRaw)]
pub fn verify_signature_raw(secret: &str, body: &[u8], headers: &str, now_ms: f64, tolerance_s: f64) -> String {
    // `headers`: JSON text of the four relevant headers (absent ones null).
    let h: serde_json::Value = serde_json::from_str(headers).unwrap_or(serde_json::Value::Null);
    let get = |k: &str| h.get(k).and_then(serde_json::Value::as_str).map(str::to_string);
    let (elements_signature, webhook_id, webhook_timestamp, webhook_signature) =
        (get("elements-webhook-signature"), get("webhook-id"), get("webhook-timestamp"), get("webhook-signature"));
    let result = if secret.starts_with("whsec_") {
        match (webhook_id, webhook_timestamp, webhook_signature) {
            (Some(id), Some(ts), Some(sig)) => {
                verify_standard(secret, &id, &ts, &sig, body, (now_ms / 1000.0) as i64, tolerance_s as i64)
            }
            _ => return "the webhook-id, webhook-timestamp or webhook-signature header is missing".into(),
        }
    } else {
        match elements_signature {
            Some(sig) => verify_elements_signature(secret, body, &sig),
            None => return "the Elements-Webhook-Signature header is missing".into(),
        }
    };
    match result {
        Ok(()) => String::new(),
        Err(e) => e.to_string(),
    }
}
