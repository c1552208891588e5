//! What a resource remembers between polls, and how it is kept small and honest.
//!
//! Why versioned and keyed: state outlives code and configuration. A state written for
//! another `idField` or date field would silently mean something else (n8n and Zapier
//! users lost or replayed history that way), so it records what it was written for and is
//! refused, with the reason, when that changed.
//!
//! Size: `seen` holds only what was delivered at or after `cursor - pollDelay` (the window
//! re-read on every poll) plus records dated after the poll time; it never grows with the
//! number of polls. `known` (deletes mode) holds every id of the listing; `hashes` (hash
//! mode) 16 bytes per id.

use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

/// What the state was written for; a change in any of these makes it meaningless.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    #[serde(rename = "idField")]
    pub id_field: String,
    /// The date field the cursor follows (`""` in hash mode).
    #[serde(rename = "dateField")]
    pub date_field: String,
    pub mode: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    pub basis: Basis,
    /// Epoch ms up to which changes were delivered (the source's own timestamps, capped at
    /// the poll time). `None` in hash mode.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cursor: Option<i64>,
    /// `(object id, updated ms)` delivered inside the re-read window, sorted.
    #[serde(default)]
    pub seen: Vec<(String, i64)>,
    /// Deletes mode: every id of the last full listing, sorted, newline-separated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub known: Option<String>,
    /// Hash mode: base64 of sorted (id hash, content hash) pairs, 8 + 8 bytes big-endian.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hashes: Option<String>,
}

/// Why a saved state cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateError {
    NotState(String),
    Version(u32),
    Basis { was: Box<Basis>, now: Box<Basis> },
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::NotState(why) => write!(f, "the saved state is not a poller state: {why}"),
            StateError::Version(v) => write!(
                f,
                "the saved state has version {v}, this library reads version {VERSION}: upgrade the library, or reset the state"
            ),
            StateError::Basis { was, now } => {
                let mut what = Vec::new();
                if was.id_field != now.id_field {
                    what.push(format!("idField was `{}`, now `{}`", was.id_field, now.id_field));
                }
                if was.date_field != now.date_field {
                    what.push(format!("the date field was `{}`, now `{}`", was.date_field, now.date_field));
                }
                if was.mode != now.mode {
                    what.push(format!("change detection was `{}`, now `{}`", was.mode, now.mode));
                }
                write!(
                    f,
                    "the saved state was written for another configuration ({}): reset this resource's state (Poller option reset, or `element-poller run --reset <resource>`; it starts again at \"now\") or restore the old setting",
                    what.join("; ")
                )
            }
        }
    }
}

impl State {
    /// Reads a saved state (JSON), refusing one of another version or basis.
    pub fn load(json: &serde_json::Value, basis: &Basis) -> Result<State, StateError> {
        let version = json.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
        if version != u64::from(VERSION) {
            return Err(StateError::Version(u32::try_from(version).unwrap_or(u32::MAX)));
        }
        let state: State = serde_json::from_value(json.clone()).map_err(|e| StateError::NotState(e.to_string()))?;
        if &state.basis != basis {
            return Err(StateError::Basis { was: Box::new(state.basis), now: Box::new(basis.clone()) });
        }
        Ok(state)
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

pub fn encode_known(ids: &[String]) -> String {
    ids.join("\n")
}

pub fn decode_known(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split('\n').map(str::to_string).collect()
    }
}

pub fn encode_hashes(pairs: &[(u64, u64)]) -> String {
    let mut bytes = Vec::with_capacity(pairs.len() * 16);
    for (a, b) in pairs {
        bytes.extend_from_slice(&a.to_be_bytes());
        bytes.extend_from_slice(&b.to_be_bytes());
    }
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn decode_hashes(s: &str) -> Result<Vec<(u64, u64)>, StateError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s)
        .map_err(|e| StateError::NotState(format!("hashes: {e}")))?;
    if bytes.len() % 16 != 0 {
        return Err(StateError::NotState("hashes: not a whole number of pairs".into()));
    }
    Ok(bytes
        .chunks_exact(16)
        .map(|c| {
            let mut a = [0u8; 8];
            let mut b = [0u8; 8];
            a.copy_from_slice(c.get(..8).unwrap_or(&[0; 8]));
            b.copy_from_slice(c.get(8..).unwrap_or(&[0; 8]));
            (u64::from_be_bytes(a), u64::from_be_bytes(b))
        })
        .collect())
}
