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

use std::borrow::Cow;
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
        let date_field = match r.change_detection {
            ChangeDetection::Hash => String::new(),
            ChangeDetection::Dates => match followed(r.filter_by_updated_date, updated.as_ref(), created.as_ref()) {
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

    /// The spec of the resource called `name` in a validated instance.
    pub fn for_resource(instance_id: &str, instance: &crate::config::Instance, name: &str) -> Result<Spec, SpecError> {
        let Some(r) = instance.resources.iter().find(|r| r.name == name) else {
            let names: Vec<&str> = instance.resources.iter().map(|r| r.name.as_str()).collect();
            return Err(SpecError(format!("no resource `{name}` in the poller configuration (it has: {})", names.join(", "))));
        };
        Spec::new(instance_id, r)
    }

    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// `now` cut down to what the date format can say (`yyyy-MM-dd HH:mm:ss` → whole
    /// seconds, `yyyy-MM-dd` → the day, in the format's zone): a record written just after
    /// a poll, in the same second, carries a time *before* that poll, and must still count
    /// as new. Formatting and parsing back is exactly that cut.
    pub fn floor_now(&self, now_ms: i64) -> i64 {
        match self.follows() {
            Some(d) if self.mode == ChangeDetection::Dates => d.format.parse(&d.format.format(now_ms)).map(|t| t.min(now_ms)).unwrap_or(now_ms),
            _ => now_ms,
        }
    }

    /// The date field the cursor follows.
    fn follows(&self) -> Option<&DateSpec> {
        followed(self.filter_by_updated_date, self.updated.as_ref(), self.created.as_ref())
    }
}

/// The date the cursor follows: the updated one (or the created one when
/// `filterByUpdatedDate` is false), else whichever is configured.
fn followed<'a>(by_updated: bool, updated: Option<&'a DateSpec>, created: Option<&'a DateSpec>) -> Option<&'a DateSpec> {
    if by_updated {
        updated.or(created)
    } else {
        created.or(updated)
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

/// A record as the engine reads it: its raw text, its time, and the fields that are only
/// looked at when the record turns out to matter (id, the other date).
struct Read<'a> {
    index: usize,
    raw: &'a str,
    id: Option<Scalar<'a>>,
    time: Option<i64>,
    other: Option<Scalar<'a>>,
}

/// Runs detection over records given as raw JSON texts (see [`fields::records`]).
pub fn detect(spec: &Spec, saved: Option<&State>, records: &[&RawValue], now_ms: i64) -> Outcome {
    let raws: Vec<&str> = records.iter().map(|r| r.get()).collect();
    detect_texts(spec, saved, &raws, now_ms)
}

pub fn detect_texts(spec: &Spec, saved: Option<&State>, records: &[&str], now_ms: i64) -> Outcome {
    let mut stats = Stats { records: records.len(), ..Stats::default() };
    let plan = Plan::new(spec);
    let mut reads = Vec::with_capacity(records.len());
    for (index, raw) in records.iter().enumerate() {
        match plan.extractor.extract(raw) {
            Ok(values) => {
                if let Some(r) = plan.read(spec, index, &values, raw, &mut stats) {
                    reads.push(r);
                }
            }
            Err(e) => stats.bad.push(BadRecord { index, object_id: None, reason: format!("the record is not JSON: {e}") }),
        }
    }
    finish(spec, saved, reads, records, now_ms, stats)
}

/// Runs detection over records already parsed (as by `serde_json`); each is written back
/// to text once, for content hashes and the callback body.
pub fn detect_json(spec: &Spec, saved: Option<&State>, records: &[serde_json::Value], now_ms: i64) -> Outcome {
    let texts: Vec<String> = records.iter().map(serde_json::Value::to_string).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    detect_texts(spec, saved, &refs, now_ms)
}

/// Runs detection over a whole page of text, reading the records at `records_path` in one
/// pass without keeping them (dates mode); hash and deletes modes keep raw slices.
pub fn detect_page(spec: &Spec, saved: Option<&State>, page: &[u8], records_path: &Path, now_ms: i64) -> Result<Outcome, String> {
    // Content hashes (hash mode, records without an id) and full listings need the records.
    if spec.mode == ChangeDetection::Hash || spec.detect_deletes || spec.id.is_none() {
        let text = std::str::from_utf8(page).map_err(|e| format!("the page is not UTF-8: {e}"))?;
        let records = fields::records(text, records_path)?;
        return Ok(detect(spec, saved, &records, now_ms));
    }
    let plan = Plan::new(spec);
    let values = fields::scan(page, records_path, &plan.extractor)?;
    let width = plan.extractor.len().max(1);
    let count = values.len() / width;
    let mut stats = Stats { records: count, ..Stats::default() };
    let mut reads = Vec::with_capacity(count);
    for (index, chunk) in values.chunks(width).enumerate() {
        if let Some(r) = plan.read(spec, index, chunk, "", &mut stats) {
            reads.push(r);
        }
    }
    Ok(finish(spec, saved, reads, &[], now_ms, stats))
}

fn finish(spec: &Spec, saved: Option<&State>, reads: Vec<Read<'_>>, records: &[&str], now_ms: i64, stats: Stats) -> Outcome {
    let mut out = match spec.mode {
        ChangeDetection::Dates => by_dates(spec, saved, reads, now_ms, stats),
        ChangeDetection::Hash => by_hash(spec, saved, &reads, now_ms, stats),
    };
    if spec.detect_deletes {
        deletes(spec, saved, records, &mut out, now_ms);
    }
    out.stats.bad.sort_by_key(|b| b.index);
    out
}

/// The outcome as JSON text (`{events, state, stats}`), serialized in one go.
pub fn outcome_json(out: &Outcome) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        events: &'a [Event],
        state: &'a State,
        stats: &'a Stats,
    }
    serde_json::to_string(&Body { events: &out.events, state: &out.state, stats: &out.stats })
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

/// Which fields to read, and where each lands in the extractor's output.
struct Plan<'s> {
    extractor: fields::Extractor,
    time: Option<(usize, &'s DateSpec)>,
    /// Where the date used only for classification lands.
    other: Option<usize>,
}

impl<'s> Plan<'s> {
    fn new(spec: &'s Spec) -> Plan<'s> {
        let follows = spec.follows().filter(|_| spec.mode == ChangeDetection::Dates);
        let other = other_spec(spec).filter(|_| spec.mode == ChangeDetection::Dates);
        let mut paths: Vec<&Path> = Vec::new();
        if let Some(p) = &spec.id {
            paths.push(p);
        }
        let time = follows.map(|d| {
            paths.push(&d.path);
            (paths.len() - 1, d)
        });
        let other = other.map(|d| {
            paths.push(&d.path);
            paths.len() - 1
        });
        Plan { extractor: fields::Extractor::new(&paths), time, other }
    }

    /// The record's time (dates mode); a record whose time cannot be read is bad.
    fn read<'a>(&self, spec: &Spec, index: usize, values: &[Option<Scalar<'a>>], raw: &'a str, stats: &mut Stats) -> Option<Read<'a>> {
        let id = spec.id.as_ref().and_then(|_| values.first().cloned().flatten());
        let time = match self.time {
            Some((slot, d)) => match read_date(d, values.get(slot).and_then(Option::as_ref)) {
                Ok(t) => Some(t),
                Err(reason) => {
                    let object_id = id.as_ref().and_then(|v| id_text(v)).map(Cow::into_owned);
                    stats.bad.push(BadRecord { index, object_id, reason });
                    return None;
                }
            },
            None => None,
        };
        let other = self.other.and_then(|slot| values.get(slot).cloned().flatten());
        Some(Read { index, raw, id, time, other })
    }
}

/// The id as text, when it is one (`42`, `42.0` and `"42"` are the same id).
fn id_text<'a>(v: &Scalar<'a>) -> Option<Cow<'a, str>> {
    match v {
        Scalar::Str(s) if !s.is_empty() => Some(s.clone()),
        Scalar::Int(i) => Some(Cow::Owned(i.to_string())),
        Scalar::Num(n) => Some(Cow::Owned(canonical_number(n))),
        _ => None,
    }
}

/// The record's identity, or `None` (and a bad record) when it has none.
fn resolve_id<'a>(spec: &Spec, r: &Read<'a>, stats: &mut Stats) -> Option<Cow<'a, str>> {
    if spec.id.is_none() {
        return Some(Cow::Owned(format!("sha256:{}", hex16(&content_digest(r.raw)))));
    }
    if let Some(id) = r.id.as_ref().and_then(id_text) {
        return Some(id);
    }
    let reason = match &r.id {
        None => format!("the record has no `{}`", spec.basis.id_field),
        Some(Scalar::Null) => format!("the id (`{}`) is null", spec.basis.id_field),
        Some(Scalar::Bool(_)) => format!("the id (`{}`) is a boolean", spec.basis.id_field),
        Some(Scalar::Composite) => format!("the id (`{}`) is an object or array", spec.basis.id_field),
        Some(_) => format!("the id (`{}`) is empty", spec.basis.id_field),
    };
    stats.bad.push(BadRecord { index: r.index, object_id: None, reason });
    None
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

fn read_date(d: &DateSpec, v: Option<&Scalar<'_>>) -> Result<i64, String> {
    if let (Some(Scalar::Int(ms)), true) = (v, d.format.pattern() == "milliseconds") {
        return Ok(*ms);
    }
    let text = match v {
        Some(Scalar::Null) | None => return Err(format!("the record has no `{}`", d.field)),
        Some(Scalar::Bool(_)) | Some(Scalar::Composite) => return Err(format!("`{}` is not a date", d.field)),
        Some(other) => other.text().unwrap_or_default(),
    };
    d.format
        .parse(text.trim())
        .map_err(|e| format!("`{}` = {:?} does not match `{}`: {}", d.field, truncate(&text), d.format.pattern(), e.message))
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 64 {
        format!("{}…", s.chars().take(64).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The date used only to classify (the created date, when the cursor follows the updated one).
fn other_spec(spec: &Spec) -> Option<&DateSpec> {
    match (&spec.updated, &spec.created) {
        (Some(u), Some(c)) => Some(if spec.filter_by_updated_date { c } else { u }),
        _ => None,
    }
}

fn by_dates(spec: &Spec, saved: Option<&State>, reads: Vec<Read<'_>>, now_ms: i64, mut stats: Stats) -> Outcome {
    let first = saved.and_then(|s| s.cursor).is_none();
    // Times in the source's precision: see `Spec::floor_now`.
    let now_ms = spec.floor_now(now_ms);
    let cursor = saved.and_then(|s| s.cursor).or(spec.backfill_from_ms).unwrap_or(now_ms);
    let low = cursor.saturating_sub(spec.poll_delay_ms);
    let baseline = first && spec.backfill_from_ms.is_none();
    let seen: HashSet<(&str, i64)> = saved.map(|s| s.seen.iter().map(|(id, t)| (id.as_str(), *t)).collect()).unwrap_or_default();
    let mut taken: HashSet<(&str, i64)> = HashSet::new();
    let mut events = Vec::new();
    let mut delivered: Vec<(&str, i64)> = Vec::new();
    let mut ids: Vec<Cow<'_, str>> = Vec::new();
    let mut candidates: Vec<(usize, usize, i64)> = Vec::new(); // (read, id slot, time)
    for (k, r) in reads.iter().enumerate() {
        let Some(t) = r.time else { continue };
        if t < low {
            stats.old += 1;
            continue;
        }
        let Some(id) = resolve_id(spec, r, &mut stats) else { continue };
        ids.push(id);
        candidates.push((k, ids.len() - 1, t));
    }
    for &(k, slot, t) in &candidates {
        let (Some(r), Some(id)) = (reads.get(k), ids.get(slot)) else { continue };
        let id: &str = id;
        if seen.contains(&(id, t)) || !taken.insert((id, t)) {
            stats.duplicates += 1;
            continue;
        }
        if baseline {
            // First poll: remember what is inside the window, send nothing old.
            stats.baseline += 1;
            delivered.push((id, t));
            continue;
        }
        let other = r.other.as_ref().zip(other_spec(spec)).map(|(v, d)| read_date(d, Some(v)));
        let other = other.or_else(|| other_spec(spec).map(|d| Err(format!("the record has no `{}`", d.field))));
        let event_type = classify(spec, t, other.as_ref());
        if let Some(Err(reason)) = &other {
            stats.bad.push(BadRecord { index: r.index, object_id: spec.id.as_ref().map(|_| id.to_string()), reason: format!("{reason}; sent as UPDATED") });
        }
        events.push(Event::new(spec, spec.id.as_ref().map(|_| id.to_string()), id, t, &t.to_string(), event_type, Some(r.index)));
        delivered.push((id, t));
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
    next_seen.extend(delivered.into_iter().filter(|(_, t)| *t >= keep_from).map(|(id, t)| (id.to_string(), t)));
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
        let Some(id) = resolve_id(spec, r, &mut stats) else { continue };
        let id: &str = &id;
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
        .filter_map(|r| ex.extract(r).ok()?.into_iter().next().flatten().as_ref().and_then(id_text).map(Cow::into_owned))
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
    hex::encode(d.get(..16).unwrap_or(d))
}

/// Loads a saved state for `spec`, or explains why it cannot be used.
pub fn load_state(spec: &Spec, json: &serde_json::Value) -> Result<State, StateError> {
    State::load(json, &spec.basis)
}
