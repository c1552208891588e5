//! Change detection: from one poll's records and the saved state to the events to send and
//! the state to commit once they are acknowledged.
//!
//! Why not Cloud Elements' rule as is ("ignore what is not after the last poll"): records
//! share timestamps, so a strict bound loses the second record of a second and an
//! inclusive one repeats the first. Here the cursor is a time *and* the set of
//! `(id, updated)` already delivered in the window that every poll re-reads (`pollDelay`),
//! so a record at the boundary is sent exactly once whether it was seen before or not, and
//! late arrivals inside the window are caught without repeats.
//!
//! Guarantees, for records the API returns:
//! - each `(id, updated time)` inside or after the window is delivered once per committed
//!   state (at-least-once across a crash between delivery and commit, with the same event
//!   `id` so receivers can drop the repeat);
//! - a record older than `cursor - pollDelay` when first seen is not delivered (counted as
//!   `old`): this is what `pollDelay` is for;
//! - what the API never returns (hard deletes without `detectDeletes`, updates overwritten
//!   between two polls) cannot be seen.
//!
//! Pure: the poll's time comes in as an argument; nothing here reads a clock or the network.

mod event;
pub mod fields;
mod state;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::config::{ChangeDetection, Resource};
use crate::javafmt::JavaDateFormat;
pub use event::{event_id, Event, EventType};
pub use fields::{Path, Scalar};
pub use state::{Basis, State, StateError, VERSION as STATE_VERSION};

/// What detection needs to know about one resource.
#[derive(Clone, Debug)]
pub struct Spec {
    pub instance_id: String,
    pub resource: String,
    /// `None` when `idField` is blank: records are then told apart by their content.
    pub id: Option<Path>,
    pub updated: Option<DateSpec>,
    pub created: Option<DateSpec>,
    pub filter_by_updated_date: bool,
    pub tolerance_ms: i64,
    pub poll_delay_ms: i64,
    pub backfill_from_ms: Option<i64>,
    pub mode: ChangeDetection,
    pub detect_deletes: bool,
    basis: Basis,
}

#[derive(Clone, Debug)]
pub struct DateSpec {
    pub field: String,
    pub path: Path,
    pub format: JavaDateFormat,
}

/// Why a resource's configuration cannot drive detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError(pub String);

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Spec {
    pub fn new(instance_id: &str, r: &Resource) -> Result<Spec, SpecError> {
        let path = |what: &str, text: &str| Path::parse(text).map_err(|e| SpecError(format!("resource `{}`: {what} `{text}`: {e}", r.name)));
        let id = if r.id_field.trim().is_empty() { None } else { Some(path("idField", &r.id_field)?) };
        let date = |d: &Option<crate::config::DateField>, what: &str| -> Result<Option<DateSpec>, SpecError> {
            match d {
                Some(d) => Ok(Some(DateSpec { field: d.field.clone(), path: path(what, &d.field)?, format: d.format.clone() })),
                None => Ok(None),
            }
        };
        let updated = date(&r.updated, "updatedDateField")?;
        let created = date(&r.created, "createdDateField")?;
        let follows = if r.filter_by_updated_date { updated.as_ref().or(created.as_ref()) } else { created.as_ref().or(updated.as_ref()) };
        let date_field = match r.change_detection {
            ChangeDetection::Hash => String::new(),
            ChangeDetection::Dates => match follows {
                Some(d) => d.field.clone(),
                None => {
                    return Err(SpecError(format!(
                        "resource `{}` has no date field to detect changes by: configure datesConfiguration, or set \"changeDetection\": \"hash\"",
                        r.name
                    )))
                }
            },
        };
        let mode = match r.change_detection {
            ChangeDetection::Dates => "dates",
            ChangeDetection::Hash => "hash",
        };
        let basis = Basis { id_field: r.id_field.trim().to_string(), date_field, mode: mode.to_string() };
        Ok(Spec {
            instance_id: instance_id.to_string(),
            resource: r.name.clone(),
            id,
            updated,
            created,
            filter_by_updated_date: r.filter_by_updated_date,
            tolerance_ms: r.created_check_tolerance_secs.saturating_mul(1000),
            poll_delay_ms: r.poll_delay_secs.saturating_mul(1000),
            backfill_from_ms: r.backfill_from_ms,
            mode: r.change_detection,
            detect_deletes: r.detect_deletes,
            basis,
        })
    }

    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The date field the cursor follows.
    fn follows(&self) -> Option<&DateSpec> {
        if self.filter_by_updated_date {
            self.updated.as_ref().or(self.created.as_ref())
        } else {
            self.created.as_ref().or(self.updated.as_ref())
        }
    }
}

/// A record that produced no event, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadRecord {
    /// Position in the poll's records.
    pub index: usize,
    #[serde(rename = "objectId", skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    pub reason: String,
}

/// Counts of one poll: every record lands in exactly one of `delivered`, `old`,
/// `duplicates`, `unchanged`, `baseline` or `bad`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub records: usize,
    pub delivered: usize,
    /// Older than the re-read window when first seen.
    pub old: usize,
    /// Already delivered (or twice in this poll).
    pub duplicates: usize,
    /// Hash mode: content unchanged.
    pub unchanged: usize,
    /// First poll: recorded as the starting point, not sent.
    pub baseline: usize,
    pub bad: Vec<BadRecord>,
    /// Deletes mode: ids that disappeared.
    pub deleted: usize,
}

/// The result of one poll of one resource.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Ordered by date, then object id.
    pub events: Vec<Event>,
    /// To save once every event was acknowledged.
    pub state: State,
    pub stats: Stats,
}

/// A record as the engine reads it: its raw text and the fields extracted from it.
struct Read<'a> {
    index: usize,
    raw: &'a str,
    id: Option<String>,
    time: Option<i64>,
    other: Option<Result<i64, String>>,
}

/// Runs detection over records given as raw JSON texts (see [`fields::records`]).
pub fn detect(spec: &Spec, saved: Option<&State>, records: &[&RawValue], now_ms: i64) -> Outcome {
    let raws: Vec<&str> = records.iter().map(|r| r.get()).collect();
    detect_texts(spec, saved, &raws, now_ms)
}

pub fn detect_texts(spec: &Spec, saved: Option<&State>, records: &[&str], now_ms: i64) -> Outcome {
    let mut stats = Stats { records: records.len(), ..Stats::default() };
    let reads = read_all(spec, records, &mut stats);
    let mut out = match spec.mode {
        ChangeDetection::Dates => by_dates(spec, saved, reads, now_ms, stats),
        ChangeDetection::Hash => by_hash(spec, saved, &reads, now_ms, stats),
    };
    if spec.detect_deletes {
        deletes(spec, saved, records, &mut out, now_ms);
    }
    out
}

fn read_all<'a>(spec: &Spec, records: &[&'a str], stats: &mut Stats) -> Vec<Read<'a>> {
    let follows = spec.follows();
    let other = match spec.mode {
        ChangeDetection::Dates if spec.created.is_some() && spec.updated.is_some() => {
            if spec.filter_by_updated_date { spec.created.as_ref() } else { spec.updated.as_ref() }
        }
        _ => None,
    };
    let mut paths: Vec<&Path> = Vec::new();
    if let Some(p) = &spec.id {
        paths.push(p);
    }
    let time_slot = follows.filter(|_| spec.mode == ChangeDetection::Dates).map(|d| {
        paths.push(&d.path);
        paths.len() - 1
    });
    let other_slot = other.map(|d| {
        paths.push(&d.path);
        paths.len() - 1
    });
    let extractor = fields::Extractor::new(&paths);
    let mut out = Vec::with_capacity(records.len());
    for (index, raw) in records.iter().enumerate() {
        let values = match extractor.extract(raw) {
            Ok(v) => v,
            Err(e) => {
                stats.bad.push(BadRecord { index, object_id: None, reason: format!("the record is not JSON: {e}") });
                continue;
            }
        };
        let id = match &spec.id {
            Some(_) => match values.first().cloned().flatten() {
                Some(Scalar::Str(s)) if !s.is_empty() => Some(s),
                Some(Scalar::Num(n)) => Some(canonical_number(&n)),
                Some(other) => {
                    let what = match other {
                        Scalar::Null => "null",
                        Scalar::Bool(_) => "a boolean",
                        Scalar::Composite => "an object or array",
                        _ => "empty",
                    };
                    stats.bad.push(BadRecord { index, object_id: None, reason: format!("the id (`{}`) is {what}", spec.basis.id_field) });
                    continue;
                }
                None => {
                    stats.bad.push(BadRecord { index, object_id: None, reason: format!("the record has no `{}`", spec.basis.id_field) });
                    continue;
                }
            },
            None => Some(format!("sha256:{}", hex16(&content_digest(raw)))),
        };
        let time = match (time_slot, follows) {
            (Some(slot), Some(d)) => match read_date(d, values.get(slot).cloned().flatten()) {
                Ok(t) => Some(t),
                Err(reason) => {
                    let object_id = spec.id.as_ref().and(id.clone());
                    stats.bad.push(BadRecord { index, object_id, reason });
                    continue;
                }
            },
            _ => None,
        };
        let other = match (other_slot, other) {
            (Some(slot), Some(d)) => Some(read_date(d, values.get(slot).cloned().flatten())),
            _ => None,
        };
        out.push(Read { index, raw, id, time, other });
    }
    out
}

/// `42`, `42.0` and `"42"` are one id.
fn canonical_number(n: &str) -> String {
    if let Ok(i) = n.parse::<i64>() {
        return i.to_string();
    }
    match n.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

fn read_date(d: &DateSpec, v: Option<Scalar>) -> Result<i64, String> {
    let text = match v {
        Some(Scalar::Str(s)) => s,
        Some(Scalar::Num(n)) => n,
        Some(Scalar::Null) | None => return Err(format!("the record has no `{}`", d.field)),
        Some(Scalar::Bool(_)) | Some(Scalar::Composite) => return Err(format!("`{}` is not a date", d.field)),
    };
    d.format.parse(text.trim()).map_err(|e| format!("`{}` = {:?} does not match `{}`: {}", d.field, truncate(&text), d.format.pattern(), e.message))
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 64 {
        format!("{}…", s.chars().take(64).collect::<String>())
    } else {
        s.to_string()
    }
}

fn by_dates(spec: &Spec, saved: Option<&State>, reads: Vec<Read<'_>>, now_ms: i64, mut stats: Stats) -> Outcome {
    let first = saved.and_then(|s| s.cursor).is_none();
    let cursor = saved.and_then(|s| s.cursor).or(spec.backfill_from_ms).unwrap_or(now_ms);
    let low = cursor.saturating_sub(spec.poll_delay_ms);
    let baseline = first && spec.backfill_from_ms.is_none();
    let seen: HashSet<(&str, i64)> = saved.map(|s| s.seen.iter().map(|(id, t)| (id.as_str(), *t)).collect()).unwrap_or_default();
    let mut taken: HashSet<(String, i64)> = HashSet::new();
    let mut events = Vec::new();
    let mut delivered: Vec<(String, i64)> = Vec::new();
    for r in &reads {
        let (Some(id), Some(t)) = (r.id.as_deref(), r.time) else { continue };
        if t < low {
            stats.old += 1;
            continue;
        }
        if seen.contains(&(id, t)) || !taken.insert((id.to_string(), t)) {
            stats.duplicates += 1;
            continue;
        }
        if baseline {
            // First poll: remember what is inside the window, send nothing old.
            stats.baseline += 1;
            delivered.push((id.to_string(), t));
            continue;
        }
        let event_type = classify(spec, t, r.other.as_ref());
        if let Some(Err(reason)) = &r.other {
            stats.bad.push(BadRecord { index: r.index, object_id: spec.id.as_ref().map(|_| id.to_string()), reason: format!("{reason}; sent as UPDATED") });
        }
        events.push(Event::new(spec, spec.id.as_ref().map(|_| id.to_string()), id, t, &t.to_string(), event_type, Some(r.index)));
        delivered.push((id.to_string(), t));
    }
    stats.delivered = events.len();
    events.sort_by(|a, b| (a.date_ms, &a.object_key).cmp(&(b.date_ms, &b.object_key)));

    // The cursor follows the source's timestamps, never past the poll time: a record dated
    // in the future (clock skew, bad data) is remembered in `seen` instead.
    let newest = delivered.iter().map(|(_, t)| *t).max();
    let next_cursor = match newest {
        Some(t) => cursor.max(t.min(now_ms)),
        None => cursor,
    };
    let next_cursor = if baseline { next_cursor.max(now_ms) } else { next_cursor };
    let keep_from = next_cursor.saturating_sub(spec.poll_delay_ms);
    let mut next_seen: BTreeSet<(String, i64)> = saved
        .map(|s| s.seen.iter().filter(|(_, t)| *t >= keep_from).cloned().collect())
        .unwrap_or_default();
    next_seen.extend(delivered.into_iter().filter(|(_, t)| *t >= keep_from));
    let state = State {
        version: state::VERSION,
        basis: spec.basis.clone(),
        cursor: Some(next_cursor),
        seen: next_seen.into_iter().collect(),
        known: saved.and_then(|s| s.known.clone()),
        hashes: None,
    };
    Outcome { events, state, stats }
}

/// Cloud Elements' rule: CREATED when updated and created are within the tolerance.
fn classify(spec: &Spec, t: i64, other: Option<&Result<i64, String>>) -> EventType {
    match (&spec.updated, &spec.created) {
        (Some(_), Some(_)) => match other {
            Some(Ok(o)) => {
                if (t - o).abs() <= spec.tolerance_ms {
                    EventType::Created
                } else {
                    EventType::Updated
                }
            }
            _ => EventType::Updated,
        },
        (None, Some(_)) => EventType::Created,
        _ => EventType::Updated,
    }
}

fn by_hash(spec: &Spec, saved: Option<&State>, reads: &[Read<'_>], now_ms: i64, mut stats: Stats) -> Outcome {
    let first = saved.and_then(|s| s.hashes.as_ref()).is_none();
    let baseline = first && spec.backfill_from_ms.is_none();
    let before: BTreeMap<u64, u64> = saved
        .and_then(|s| s.hashes.as_deref())
        .and_then(|h| state::decode_hashes(h).ok())
        .map(|v| v.into_iter().collect())
        .unwrap_or_default();
    let mut after = before.clone();
    let mut events = Vec::new();
    let mut this_poll: HashSet<u64> = HashSet::new();
    for r in reads {
        let Some(id) = r.id.as_deref() else { continue };
        let key = u64_of(id.as_bytes());
        let content = u64_of(&content_digest(r.raw));
        if !this_poll.insert(key) {
            stats.duplicates += 1;
            continue;
        }
        let event_type = match before.get(&key) {
            None => EventType::Created,
            Some(&c) if c != content => EventType::Updated,
            Some(_) => {
                stats.unchanged += 1;
                continue;
            }
        };
        after.insert(key, content);
        if baseline {
            stats.baseline += 1;
            continue;
        }
        // The content hash stands in for a date in the id: a new version, a new event.
        events.push(Event::new(spec, spec.id.as_ref().map(|_| id.to_string()), id, now_ms, &format!("{content:016x}"), event_type, Some(r.index)));
    }
    stats.delivered = events.len();
    let pairs: Vec<(u64, u64)> = after.into_iter().collect();
    let state = State {
        version: state::VERSION,
        basis: spec.basis.clone(),
        cursor: None,
        seen: Vec::new(),
        known: saved.and_then(|s| s.known.clone()),
        hashes: Some(state::encode_hashes(&pairs)),
    };
    Outcome { events, state, stats }
}

/// Deletes mode: the page is the full listing; ids gone since the last listing are DELETED.
fn deletes(spec: &Spec, saved: Option<&State>, records: &[&str], out: &mut Outcome, now_ms: i64) {
    let Some(idp) = &spec.id else { return };
    let ex = fields::Extractor::new(&[idp]);
    let now_ids: BTreeSet<String> = records
        .iter()
        .filter_map(|r| match ex.extract(r).ok()?.into_iter().next().flatten()? {
            Scalar::Str(s) if !s.is_empty() => Some(s),
            Scalar::Num(n) => Some(canonical_number(&n)),
            _ => None,
        })
        .collect();
    if let Some(known) = saved.and_then(|s| s.known.as_deref()) {
        for gone in state::decode_known(known).into_iter().filter(|id| !now_ids.contains(id)) {
            out.events.push(Event::new(spec, Some(gone.clone()), &gone, now_ms, "", EventType::Deleted, None));
            out.stats.deleted += 1;
        }
    }
    let ids: Vec<String> = now_ids.into_iter().collect();
    out.state.known = Some(state::encode_known(&ids));
}

/// SHA-256 of a record's content with its keys sorted and whitespace removed, so that a
/// re-ordered or re-indented but equal record hashes the same.
fn content_digest(raw: &str) -> [u8; 32] {
    let canonical = match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(v) => canonical_json(&v),
        Err(_) => raw.to_string(),
    };
    Sha256::digest(canonical.as_bytes()).into()
}

fn canonical_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(map) => {
            let sorted: BTreeMap<&String, String> = map.iter().map(|(k, v)| (k, canonical_json(v))).collect();
            let inner: Vec<String> = sorted
                .into_iter()
                .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap_or_default()))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        serde_json::Value::Array(items) => format!("[{}]", items.iter().map(canonical_json).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

fn u64_of(bytes: &[u8]) -> u64 {
    let d: [u8; 32] = Sha256::digest(bytes).into();
    let mut b = [0u8; 8];
    b.copy_from_slice(d.get(..8).unwrap_or(&[0; 8]));
    u64::from_be_bytes(b)
}

fn hex16(d: &[u8]) -> String {
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Loads a saved state for `spec`, or explains why it cannot be used.
pub fn load_state(spec: &Spec, json: &serde_json::Value) -> Result<State, StateError> {
    State::load(json, &spec.basis)
}
