//! From events to signed callback requests, in the body Cloud Elements sent.
//!
//! Why batches carry their own records: Cloud Elements repeated the whole polled page in
//! every notification; we put in each notification the raw records of its own events
//! (at most 10), written out as they came from the API, never re-serialized.
//!
//! Pure: the HTTP call and its retries are the poller's; here is only what to send.

pub mod sign;

use chrono::{DateTime, SecondsFormat};
use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::config::Secret;
use crate::detect::Event;
pub use sign::{elements_signature, standard_signature, verify_elements_signature, verify_standard, SignError};

/// At most this many events per notification, as Cloud Elements did for polling.
pub const MAX_EVENTS: usize = 10;

/// Where notifications go, and how they are signed.
#[derive(Clone, Debug)]
pub struct Target {
    pub element_key: String,
    pub instance_id: String,
    pub callback_url: String,
    /// `event.notification.signature.key`: a `whsec_` secret selects Standard Webhooks,
    /// anything else Cloud Elements' `Elements-Webhook-Signature`.
    pub signature_key: Option<Secret>,
}

/// One POST to the callback URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// Stable: a hash of its events' ids, so a re-sent notification has the same id.
    pub id: String,
    pub body: String,
    pub event_ids: Vec<String>,
}

#[derive(Serialize)]
struct Body<'a> {
    message: Message<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Message<'a> {
    element_key: &'a str,
    instance_id: &'a str,
    event_id: &'a str,
    events: Vec<EventOut<'a>>,
    raw: Raw<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventOut<'a> {
    id: &'a str,
    event_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    object_id: Option<&'a str>,
    object_type: &'a str,
    date: String,
    poll_date: String,
    element_key: &'a str,
}

struct Raw<'a> {
    resource: &'a str,
    records: Vec<&'a RawValue>,
    poll_date: i64,
}

impl Serialize for Raw<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry(self.resource, &self.records)?;
        m.serialize_entry("pollDate", &self.poll_date)?;
        m.serialize_entry("objectType", self.resource)?;
        m.end()
    }
}

/// ISO-8601 UTC, with milliseconds only when there are any (`2018-08-20T15:29:06Z`).
pub fn iso(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Millis, true).replace(".000Z", "Z"))
        .unwrap_or_else(|| ms.to_string())
}

/// The notifications for one resource's events of one poll, in event order.
pub fn notifications(t: &Target, resource: &str, events: &[Event], records: &[&RawValue], poll_ms: i64) -> Vec<Notification> {
    let poll_date = iso(poll_ms - poll_ms.rem_euclid(1000));
    events
        .chunks(MAX_EVENTS)
        .map(|batch| {
            let event_ids: Vec<String> = batch.iter().map(|e| e.id.clone()).collect();
            let id = notification_id(&event_ids);
            let mut seen = std::collections::BTreeSet::new();
            let raw_records: Vec<&RawValue> = batch
                .iter()
                .filter_map(|e| e.record)
                .filter(|i| seen.insert(*i))
                .filter_map(|i| records.get(i).copied())
                .collect();
            let body = Body {
                message: Message {
                    element_key: &t.element_key,
                    instance_id: &t.instance_id,
                    event_id: &id,
                    events: batch
                        .iter()
                        .map(|e| EventOut {
                            id: &e.id,
                            event_type: e.event_type.as_str(),
                            object_id: e.object_id.as_deref(),
                            object_type: &e.object_type,
                            date: iso(e.date_ms),
                            poll_date: poll_date.clone(),
                            element_key: &t.element_key,
                        })
                        .collect(),
                    raw: Raw { resource, records: raw_records, poll_date: poll_ms },
                },
            };
            let body = serde_json::to_string(&body).unwrap_or_default();
            Notification { id, body, event_ids }
        })
        .collect()
}

fn notification_id(event_ids: &[String]) -> String {
    let mut h = Sha256::new();
    for id in event_ids {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    let digest = h.finalize();
    format!("msg_{}", hex::encode(digest.get(..16).unwrap_or_default()))
}

/// The request headers for one attempt (`now_s`: the attempt's Unix time, signed by
/// Standard Webhooks).
pub fn headers(t: &Target, n: &Notification, now_s: i64) -> Result<Vec<(String, String)>, SignError> {
    let mut h = vec![("Content-Type".to_string(), "application/json".to_string())];
    match &t.signature_key {
        Some(k) if k.expose().starts_with("whsec_") => {
            h.push(("webhook-id".into(), n.id.clone()));
            h.push(("webhook-timestamp".into(), now_s.to_string()));
            h.push(("webhook-signature".into(), standard_signature(k.expose(), &n.id, now_s, n.body.as_bytes())?));
        }
        Some(k) => h.push(("Elements-Webhook-Signature".into(), elements_signature(k.expose(), n.body.as_bytes())?)),
        None => {}
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{Event, EventType};

    fn event(i: usize, t: i64) -> Event {
        Event {
            id: format!("evt_{i}"),
            event_type: EventType::Created,
            object_id: Some(i.to_string()),
            object_type: "contacts".into(),
            date_ms: t,
            record: Some(i),
            object_key: i.to_string(),
        }
    }

    #[test]
    fn batches_of_ten_with_their_own_raw_records() {
        let raws: Vec<String> = (0..23).map(|i| format!(r#"{{"contactId": {i},  "x": "y"}}"#)).collect();
        let records: Vec<Box<RawValue>> = raws.iter().map(|r| RawValue::from_string(r.clone()).unwrap()).collect();
        let refs: Vec<&RawValue> = records.iter().map(|b| b.as_ref()).collect();
        let events: Vec<Event> = (0..23).map(|i| event(i, 1_534_778_946_000 + i as i64)).collect();
        let t = Target { element_key: "icontact".into(), instance_id: "42".into(), callback_url: "https://x".into(), signature_key: None };
        let ns = notifications(&t, "contacts", &events, &refs, 1_534_778_974_827);
        assert_eq!(ns.iter().map(|n| n.event_ids.len()).collect::<Vec<_>>(), vec![10, 10, 3]);
        let v: serde_json::Value = serde_json::from_str(&ns[2].body).unwrap();
        let m = &v["message"];
        assert_eq!(m["elementKey"], "icontact");
        assert_eq!(m["eventId"], ns[2].id.as_str());
        assert_eq!(m["events"][0]["date"], "2018-08-20T15:29:06.020Z");
        assert_eq!(m["events"][0]["pollDate"], "2018-08-20T15:29:34Z");
        assert_eq!(m["events"][0]["eventType"], "CREATED");
        assert_eq!(m["raw"]["pollDate"], 1_534_778_974_827i64);
        assert_eq!(m["raw"]["objectType"], "contacts");
        assert_eq!(m["raw"]["contacts"].as_array().unwrap().len(), 3);
        // Raw records travel exactly as the API wrote them.
        assert!(ns[2].body.contains(r#"{"contactId": 20,  "x": "y"}"#));
        // Same events, same notification id.
        assert_eq!(notifications(&t, "contacts", &events, &refs, 9).iter().map(|n| n.id.clone()).collect::<Vec<_>>(),
            ns.iter().map(|n| n.id.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn headers_sign_with_the_configured_scheme() {
        let n = Notification { id: "msg_1".into(), body: "{}".into(), event_ids: vec![] };
        let mut t = Target { element_key: "k".into(), instance_id: "1".into(), callback_url: "https://x".into(), signature_key: Some(Secret::new("key")) };
        let h = headers(&t, &n, 100).unwrap();
        let sig = h.iter().find(|(k, _)| k == "Elements-Webhook-Signature").unwrap();
        assert_eq!(verify_elements_signature("key", b"{}", &sig.1), Ok(()));
        t.signature_key = Some(Secret::new("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"));
        let h = headers(&t, &n, 100).unwrap();
        let get = |k: &str| h.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap();
        assert_eq!(get("webhook-id"), "msg_1");
        assert_eq!(verify_standard("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_1", &get("webhook-timestamp"), &get("webhook-signature"), b"{}", 100, 300), Ok(()));
        assert!(!format!("{h:?}").contains("C2FVsBQ"), "the secret never appears in headers");
    }
}
