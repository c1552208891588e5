//! Events and their stable ids.
//!
//! Why derived ids: delivery is at-least-once (a crash between the callback's answer and
//! saving the state re-sends), so the id is what lets a receiver drop a repeat. It is a
//! hash of what the event *is* (instance, resource, object, version, type), never of when
//! it was sent, so every retry and every re-poll carries the same one.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Spec;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Created,
    Updated,
    Deleted,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Created => "CREATED",
            EventType::Updated => "UPDATED",
            EventType::Deleted => "DELETED",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Stable: the same on every retry and re-poll.
    pub id: String,
    #[serde(rename = "eventType")]
    pub event_type: EventType,
    /// The record's id (`idField`); absent when none is configured.
    #[serde(rename = "objectId", skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// The resource name.
    #[serde(rename = "objectType")]
    pub object_type: String,
    /// The record's updated (or created) time, epoch ms; the poll time for DELETED and in
    /// hash mode.
    #[serde(rename = "date")]
    pub date_ms: i64,
    /// Position of the record in the poll's records (none for DELETED).
    #[serde(rename = "record", skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
    /// What identifies the object for ordering and ids (the id, or a content hash).
    #[serde(skip)]
    pub object_key: String,
}

impl Event {
    /// `version` is what makes this change of the object unique: its updated time, its
    /// content hash (hash mode), or nothing (a deletion).
    pub(crate) fn new(
        spec: &Spec,
        object_id: Option<String>,
        key: &str,
        date_ms: i64,
        version: &str,
        event_type: EventType,
        record: Option<usize>,
    ) -> Event {
        let id = event_id(&spec.instance_id, &spec.resource, key, version, event_type);
        Event { id, event_type, object_id, object_type: spec.resource.clone(), date_ms, record, object_key: key.to_string() }
    }
}

/// `evt_` and 32 hex digits of SHA-256 over the parts, each length-prefixed so that no two
/// different tuples can collide by concatenation.
pub fn event_id(instance: &str, resource: &str, object: &str, version: &str, event_type: EventType) -> String {
    let mut h = Sha256::new();
    for part in [instance, resource, object, version, event_type.as_str()] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    format!("evt_{}", hex::encode(digest.get(..16).unwrap_or_default()))
}
