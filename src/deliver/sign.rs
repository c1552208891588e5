//! Callback signatures: Cloud Elements' `Elements-Webhook-Signature` and Standard Webhooks.
//!
//! Why both: existing receivers check Cloud Elements' header (HMAC-SHA256 of the raw body,
//! base64, `sha256=` prefix); new ones should use Standard Webhooks, which also signs the
//! message id and a timestamp so a captured request cannot be replayed later.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Why a signature could not be made or does not verify. Never contains a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    /// The `whsec_` secret is not base64.
    BadSecret,
    Mismatch,
    /// The timestamp is outside the tolerance (seconds off, signed).
    Timestamp(i64),
    Missing(&'static str),
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::BadSecret => f.write_str("the whsec_ secret is not base64 after its prefix"),
            SignError::Mismatch => f.write_str("no signature matches"),
            SignError::Timestamp(off) => write!(f, "the timestamp is {off} s away from now, beyond the tolerance"),
            SignError::Missing(h) => write!(f, "the {h} header is missing or malformed"),
        }
    }
}

fn mac(key: &[u8]) -> Result<HmacSha256, SignError> {
    // HMAC takes keys of any length; the error cannot happen, but is not a panic either.
    HmacSha256::new_from_slice(key).map_err(|_| SignError::BadSecret)
}

/// `sha256=<base64 HMAC-SHA256(key, body)>`, the value of `Elements-Webhook-Signature`.
pub fn elements_signature(key: &str, body: &[u8]) -> Result<String, SignError> {
    let mut m = mac(key.as_bytes())?;
    m.update(body);
    Ok(format!("sha256={}", B64.encode(m.finalize().into_bytes())))
}

/// Checks `Elements-Webhook-Signature` in constant time.
pub fn verify_elements_signature(key: &str, body: &[u8], header: &str) -> Result<(), SignError> {
    let sig = header.trim().strip_prefix("sha256=").ok_or(SignError::Missing("Elements-Webhook-Signature"))?;
    let sig = B64.decode(sig).map_err(|_| SignError::Mismatch)?;
    let mut m = mac(key.as_bytes())?;
    m.update(body);
    m.verify_slice(&sig).map_err(|_| SignError::Mismatch)
}

fn whsec_key(secret: &str) -> Result<Vec<u8>, SignError> {
    let b = secret.trim().strip_prefix("whsec_").unwrap_or(secret.trim());
    B64.decode(b).map_err(|_| SignError::BadSecret)
}

/// `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`, the `webhook-signature` value.
pub fn standard_signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, SignError> {
    let mut m = mac(&whsec_key(secret)?)?;
    m.update(id.as_bytes());
    m.update(b".");
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    Ok(format!("v1,{}", B64.encode(m.finalize().into_bytes())))
}

/// Checks Standard Webhooks headers: any `v1` entry of the space-separated signature list,
/// in constant time, with the timestamp within `tolerance_s` of `now_s` either way.
pub fn verify_standard(
    secret: &str,
    id: &str,
    timestamp: &str,
    signatures: &str,
    body: &[u8],
    now_s: i64,
    tolerance_s: i64,
) -> Result<(), SignError> {
    let ts: i64 = timestamp.trim().parse().map_err(|_| SignError::Missing("webhook-timestamp"))?;
    let off = ts - now_s;
    if off.abs() > tolerance_s {
        return Err(SignError::Timestamp(off));
    }
    let key = whsec_key(secret)?;
    for entry in signatures.split_whitespace() {
        let Some(sig) = entry.strip_prefix("v1,") else { continue };
        let Ok(sig) = B64.decode(sig) else { continue };
        let mut m = mac(&key)?;
        m.update(id.as_bytes());
        m.update(b".");
        m.update(ts.to_string().as_bytes());
        m.update(b".");
        m.update(body);
        if m.verify_slice(&sig).is_ok() {
            return Ok(());
        }
    }
    Err(SignError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_webhooks_published_vector() {
        let secret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
        let body = br#"{"email":"test@example.com","username":"test_user"}"#;
        let sig = standard_signature(secret, "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", 1_649_367_553, body).unwrap();
        assert_eq!(sig, "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
        let id = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
        assert_eq!(verify_standard(secret, id, "1649367553", &format!("v1,AAAA {sig}"), body, 1_649_367_600, 300), Ok(()));
        assert_eq!(verify_standard(secret, id, "1649367553", &sig, b"{}", 1_649_367_600, 300), Err(SignError::Mismatch));
        assert_eq!(verify_standard(secret, id, "1649367553", &sig, body, 1_649_368_000, 300), Err(SignError::Timestamp(-447)));
        assert_eq!(standard_signature("whsec_***", id, 1, body), Err(SignError::BadSecret));
    }

    #[test]
    fn elements_signature_matches_node_crypto() {
        // node -e "console.log(require('crypto').createHmac('sha256','key').update('{\"a\":1}').digest('base64'))"
        let sig = elements_signature("key", br#"{"a":1}"#).unwrap();
        assert_eq!(sig, "sha256=iKZ/JLvNrtDmyZdAS7eadDuvRMa6svTCcyjjAJ0i40I=");
        assert_eq!(verify_elements_signature("key", br#"{"a":1}"#, &sig), Ok(()));
        assert_eq!(verify_elements_signature("other", br#"{"a":1}"#, &sig), Err(SignError::Mismatch));
        assert!(verify_elements_signature("key", br#"{"a":1}"#, "md5=x").is_err());
    }
}
