//! The detect engine: every rule on its own, then random histories against a reference
//! model (no duplicates, no misses), with the state saved and reloaded after every poll.

use element_poller::config::validate;
use element_poller::detect::{self, detect_texts, event_id, fields, EventType, Outcome, Spec, State};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeMap, BTreeSet};

const NOW: i64 = 1_709_210_096_000; // 2024-02-29T12:34:56Z

fn spec(resource: &str) -> Spec {
    let r = validate(&format!(r#"{{"contacts": {resource}}}"#));
    let cfg = r.config.unwrap_or_else(|| panic!("invalid: {:#?}", r.diagnostics));
    Spec::new("inst-1", cfg.resources.first().unwrap()).unwrap()
}

fn standard(extra: &str) -> Spec {
    spec(&format!(
        r#"{{"url": "/c", "idField": "id", {extra} "datesConfiguration": {{
        "updatedDateField": "updated", "updatedDateFormat": "milliseconds",
        "createdDateField": "created", "createdDateFormat": "milliseconds"}}}}"#
    ))
}

fn rec(id: i64, updated: i64, created: i64) -> String {
    format!(r#"{{"id": {id}, "updated": {updated}, "created": {created}, "name": "n{id}"}}"#)
}

fn run(spec: &Spec, state: Option<&State>, records: &[String], now: i64) -> Outcome {
    let texts: Vec<&str> = records.iter().map(String::as_str).collect();
    detect_texts(spec, state, &texts, now)
}

fn kinds(o: &Outcome) -> Vec<(Option<String>, EventType)> {
    o.events.iter().map(|e| (e.object_id.clone(), e.event_type)).collect()
}

#[test]
fn first_poll_sends_nothing_old_and_starts_at_now() {
    let s = standard("");
    let o = run(&s, None, &[rec(1, NOW - 5_000, NOW - 9_000), rec(2, NOW - 60_000, NOW - 60_000)], NOW);
    assert!(o.events.is_empty());
    assert_eq!(o.state.cursor, Some(NOW));
    assert_eq!(o.stats.old, 2);
    // Later changes are sent.
    let o2 = run(&s, Some(&o.state), &[rec(1, NOW + 1_000, NOW - 9_000), rec(3, NOW + 2_000, NOW + 2_000)], NOW + 60_000);
    assert_eq!(kinds(&o2), vec![(Some("1".into()), EventType::Updated), (Some("3".into()), EventType::Created)]);
    assert_eq!(o2.state.cursor, Some(NOW + 2_000));
}

#[test]
fn created_within_tolerance_else_updated() {
    let s = standard(r#""createdCheckTolerance": 2,"#);
    let base = run(&s, None, &[], NOW).state;
    let o = run(&s, Some(&base), &[rec(1, NOW + 3_000, NOW + 1_000), rec(2, NOW + 3_001, NOW + 1_000)], NOW + 10_000);
    assert_eq!(kinds(&o), vec![(Some("1".into()), EventType::Created), (Some("2".into()), EventType::Updated)]);
}

#[test]
fn equal_timestamps_at_the_boundary_are_neither_lost_nor_repeated() {
    let s = standard("");
    let base = run(&s, None, &[], NOW).state;
    let t = NOW + 1_000;
    let o1 = run(&s, Some(&base), &[rec(1, t, 0)], NOW + 5_000);
    assert_eq!(o1.events.len(), 1);
    assert_eq!(o1.state.cursor, Some(t));
    // Record 2 shares record 1's timestamp but became visible only now.
    let o2 = run(&s, Some(&o1.state), &[rec(1, t, 0), rec(2, t, 0)], NOW + 10_000);
    assert_eq!(kinds(&o2), vec![(Some("2".into()), EventType::Updated)]);
    assert_eq!(o2.stats.duplicates, 1);
    let o3 = run(&s, Some(&o2.state), &[rec(1, t, 0), rec(2, t, 0)], NOW + 15_000);
    assert!(o3.events.is_empty());
}

#[test]
fn poll_delay_catches_late_arrivals_once() {
    let s = standard(r#""pollDelay": 30,"#);
    let base = run(&s, None, &[], NOW).state;
    let o1 = run(&s, Some(&base), &[rec(1, NOW + 20_000, 0)], NOW + 20_000);
    assert_eq!(o1.state.cursor, Some(NOW + 20_000));
    // Record 2 was written at +5 s but is searchable only now: inside the 30 s window.
    let o2 = run(&s, Some(&o1.state), &[rec(1, NOW + 20_000, 0), rec(2, NOW + 5_000, 0)], NOW + 40_000);
    assert_eq!(kinds(&o2), vec![(Some("2".into()), EventType::Updated)]);
    let o3 = run(&s, Some(&o2.state), &[rec(2, NOW + 5_000, 0), rec(1, NOW + 20_000, 0)], NOW + 60_000);
    assert!(o3.events.is_empty());
    // Outside the window: reported as old, not sent.
    let o4 = run(&s, Some(&o3.state), &[rec(3, NOW - 20_000, 0)], NOW + 80_000);
    assert!(o4.events.is_empty());
    assert_eq!(o4.stats.old, 1);
}

#[test]
fn filter_by_created_date_and_single_date_fields() {
    let by_created = standard(r#""filterByUpdatedDate": false,"#);
    let base = run(&by_created, None, &[], NOW).state;
    // Updated recently but created before the cursor: not a new record.
    let o = run(&by_created, Some(&base), &[rec(1, NOW + 5_000, NOW - 5_000), rec(2, NOW + 5_000, NOW + 4_000)], NOW + 9_000);
    assert_eq!(kinds(&o), vec![(Some("2".into()), EventType::Updated)]);

    let created_only = spec(r#"{"url": "/c", "idField": "id", "datesConfiguration": {"createdDateField": "created", "createdDateFormat": "milliseconds"}}"#);
    let base = run(&created_only, None, &[], NOW).state;
    assert_eq!(kinds(&run(&created_only, Some(&base), &[rec(1, 0, NOW + 1)], NOW + 9)), vec![(Some("1".into()), EventType::Created)]);

    let updated_only = spec(r#"{"url": "/c", "idField": "id", "datesConfiguration": {"updatedDateField": "updated", "updatedDateFormat": "milliseconds"}}"#);
    let base = run(&updated_only, None, &[], NOW).state;
    assert_eq!(kinds(&run(&updated_only, Some(&base), &[rec(1, NOW + 1, 0)], NOW + 9)), vec![(Some("1".into()), EventType::Updated)]);
}

#[test]
fn dotted_bracket_and_index_paths_and_java_patterns() {
    let s = spec(r#"{"url": "/c", "idField": "customer.id", "datesConfiguration": {
        "updatedDateField": "['Modified Time']", "updatedDateFormat": "yyyy-MM-dd'T'HH:mm:ssXXX",
        "createdDateField": "history[0].at", "createdDateFormat": "EEE, dd MMM yyyy HH:mm:ss Z"}}"#);
    let base = run(&s, None, &[], NOW).state;
    let r = r#"{"customer": {"id": "c-7"}, "Modified Time": "2024-02-29T14:00:00+01:00", "history": [{"at": "Thu, 29 Feb 2024 13:00:00 +0000"}]}"#;
    let o = run(&s, Some(&base), &[r.to_string()], NOW + 3_600_000);
    assert_eq!(kinds(&o), vec![(Some("c-7".into()), EventType::Created)]);
    assert_eq!(o.events.first().unwrap().date_ms, NOW + 25 * 60_000 + 4_000);
}

#[test]
fn numeric_and_string_ids_are_the_same_id() {
    let s = standard("");
    let base = run(&s, None, &[], NOW).state;
    let o1 = run(&s, Some(&base), &[rec(42, NOW + 1, 0)], NOW + 5);
    let r = format!(r#"{{"id": "42", "updated": {}, "created": 0}}"#, NOW + 1);
    let r2 = format!(r#"{{"id": 42.0, "updated": {}, "created": 0}}"#, NOW + 1);
    let o2 = run(&s, Some(&o1.state), &[r, r2], NOW + 9);
    assert!(o2.events.is_empty());
    assert_eq!(o2.stats.duplicates, 2);
}

#[test]
fn bad_records_are_counted_with_their_reason_and_never_stop_the_rest() {
    let s = spec(r#"{"url": "/c", "idField": "id", "datesConfiguration": {"updatedDateField": "updated", "updatedDateFormat": "yyyy-MM-dd HH:mm:ss"}}"#);
    let base = run(&s, None, &[], NOW).state;
    let records = [
        r#"{"updated": "2024-03-01 00:00:00"}"#,
        r#"{"id": 2}"#,
        r#"{"id": 3, "updated": "yesterday"}"#,
        r#"{"id": 4, "updated": {"at": 1}}"#,
        r#"{"id": null, "updated": "2024-03-01 00:00:00"}"#,
        r#"{"id": 6, "updated": "2024-03-01 00:00:00"}"#,
        r#"not json"#,
    ];
    let o = detect_texts(&s, Some(&base), &records, NOW + 86_400_000);
    assert_eq!(kinds(&o), vec![(Some("6".into()), EventType::Updated)]);
    let bad: Vec<(usize, Option<&str>)> = o.stats.bad.iter().map(|b| (b.index, b.object_id.as_deref())).collect();
    assert_eq!(bad, vec![(0, None), (1, Some("2")), (2, Some("3")), (3, Some("4")), (4, None), (6, None)]);
    assert!(o.stats.bad.get(2).unwrap().reason.contains("does not match `yyyy-MM-dd HH:mm:ss`"), "{:?}", o.stats.bad);
    assert_eq!(o.stats.records, 7);
}

#[test]
fn event_ids_are_stable_and_events_ordered_by_date() {
    let s = standard("");
    let base = run(&s, None, &[], NOW).state;
    let records = [rec(2, NOW + 30, 0), rec(1, NOW + 10, NOW + 10), rec(3, NOW + 20, 0)];
    let a = run(&s, Some(&base), &records, NOW + 99);
    let b = run(&s, Some(&base), &[rec(3, NOW + 20, 0), rec(2, NOW + 30, 0), rec(1, NOW + 10, NOW + 10)], NOW + 500);
    let strip = |o: &Outcome| o.events.iter().map(|e| (e.id.clone(), e.event_type, e.object_id.clone(), e.date_ms)).collect::<Vec<_>>();
    assert_eq!(strip(&a), strip(&b), "a re-poll (as after a failed delivery) gives the same events and ids");
    assert_eq!(a.events.iter().map(|e| e.date_ms).collect::<Vec<_>>(), vec![NOW + 10, NOW + 20, NOW + 30]);
    let e = a.events.first().unwrap();
    assert_eq!(e.id, event_id("inst-1", "contacts", "1", &(NOW + 10).to_string(), EventType::Created));
    let ids: BTreeSet<&str> = a.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn future_dates_do_not_push_the_cursor_past_now() {
    let s = standard("");
    let base = run(&s, None, &[], NOW).state;
    let far = NOW + 365 * 86_400_000;
    let o = run(&s, Some(&base), &[rec(1, far, 0)], NOW + 1_000);
    assert_eq!(o.events.len(), 1);
    assert_eq!(o.state.cursor, Some(NOW + 1_000));
    let o2 = run(&s, Some(&o.state), &[rec(1, far, 0), rec(2, NOW + 2_000, 0)], NOW + 3_000);
    assert_eq!(kinds(&o2), vec![(Some("2".into()), EventType::Updated)]);
}

#[test]
fn backfill_sends_history_in_order() {
    let s = standard(r#""backfillFrom": "2024-02-29T00:00:00Z","#);
    let midnight = NOW - (12 * 3600 + 34 * 60 + 56) * 1000;
    let o = run(&s, None, &[rec(2, midnight + 2, 0), rec(1, midnight - 1, 0), rec(3, midnight, 0)], NOW);
    assert_eq!(kinds(&o), vec![(Some("3".into()), EventType::Updated), (Some("2".into()), EventType::Updated)]);
    assert_eq!(o.stats.old, 1);
}

#[test]
fn state_is_versioned_serializable_and_refused_for_another_config() {
    let s = standard(r#""pollDelay": 60,"#);
    let base = run(&s, None, &[], NOW).state;
    let o = run(&s, Some(&base), &[rec(1, NOW + 1, 0), rec(2, NOW + 1, 0)], NOW + 9);
    let json = o.state.to_json();
    let text = serde_json::to_string(&json).unwrap();
    let back = detect::load_state(&s, &serde_json::from_str(&text).unwrap()).unwrap();
    assert_eq!(back, o.state);
    let other = spec(r#"{"url": "/c", "idField": "contactId", "datesConfiguration": {"updatedDateField": "updated", "updatedDateFormat": "milliseconds"}}"#);
    let err = detect::load_state(&other, &json).unwrap_err().to_string();
    assert!(err.contains("idField was `id`, now `contactId`"), "{err}");
    let mut future = json.clone();
    future["version"] = 99.into();
    assert!(detect::load_state(&s, &future).unwrap_err().to_string().contains("version 99"));
    assert!(detect::load_state(&s, &serde_json::json!({"version": 1, "basis": 3})).is_err());
}

#[test]
fn deletes_mode_reports_ids_that_disappear() {
    let s = standard(r#""detectDeletes": true,"#);
    let o1 = run(&s, None, &[rec(1, NOW - 5, 0), rec(2, NOW - 5, 0), rec(3, NOW - 5, 0)], NOW);
    assert!(o1.events.is_empty());
    let o2 = run(&s, Some(&o1.state), &[rec(1, NOW - 5, 0), rec(3, NOW - 5, 0)], NOW + 60_000);
    assert_eq!(kinds(&o2), vec![(Some("2".into()), EventType::Deleted)]);
    let o3 = run(&s, Some(&o2.state), &[rec(1, NOW - 5, 0), rec(3, NOW - 5, 0)], NOW + 120_000);
    assert!(o3.events.is_empty());
}

#[test]
fn hash_mode_sees_changes_without_dates() {
    let s = spec(r#"{"url": "/c", "idField": "id", "changeDetection": "hash"}"#);
    let o1 = run(&s, None, &[r#"{"id": 1, "a": 1}"#.into(), r#"{"id": 2, "a": 2}"#.into()], NOW);
    assert!(o1.events.is_empty());
    assert_eq!(o1.stats.baseline, 2);
    let o2 = run(&s, Some(&o1.state), &[r#"{"a": 1,   "id": 1}"#.into(), r#"{"id": 2, "a": 3}"#.into(), r#"{"id": 3}"#.into()], NOW + 1);
    assert_eq!(kinds(&o2), vec![(Some("2".into()), EventType::Updated), (Some("3".into()), EventType::Created)]);
    assert_eq!(o2.stats.unchanged, 1, "re-ordered keys and spaces are not a change");
    let o3 = run(&s, Some(&o2.state), &[r#"{"id": 2, "a": 3}"#.into()], NOW + 2);
    assert!(o3.events.is_empty());
}

#[test]
fn a_resource_without_dates_is_refused_in_dates_mode() {
    let r = validate(r#"{"c": {"url": "/c", "idField": "id"}}"#);
    let cfg = r.config.unwrap();
    let e = Spec::new("i", cfg.resources.first().unwrap()).unwrap_err();
    assert!(e.0.contains("changeDetection"), "{e}");
}

#[test]
fn raw_pages_are_read_in_place() {
    let s = standard("");
    let base = run(&s, None, &[], NOW).state;
    let page = format!(r#"{{"data": {{"contacts": [{}, {}]}}, "next": null}}"#, rec(1, NOW + 1, NOW + 1), rec(2, NOW + 2, 0));
    let records = fields::records(&page, &fields::Path::parse("data.contacts").unwrap()).unwrap();
    let o = detect::detect(&s, Some(&base), &records, NOW + 5);
    assert_eq!(kinds(&o), vec![(Some("1".into()), EventType::Created), (Some("2".into()), EventType::Updated)]);
    assert_eq!(records.get(o.events.get(1).unwrap().record.unwrap()).unwrap().get(), rec(2, NOW + 2, 0));
    // Parsed records and the one-pass page reader find the same.
    let parsed: Vec<serde_json::Value> = records.iter().map(|r| serde_json::from_str(r.get()).unwrap()).collect();
    assert_eq!(detect::detect_json(&s, Some(&base), &parsed, NOW + 5).events, o.events);
    let scanned = detect::detect_page(&s, Some(&base), page.as_bytes(), &fields::Path::parse("data.contacts").unwrap(), NOW + 5).unwrap();
    assert_eq!(scanned.events, o.events);
    assert_eq!(scanned.state, o.state);
    for bad_path in ["data.nope", "next.x", "data.contacts[5]"] {
        assert!(detect::detect_page(&s, Some(&base), page.as_bytes(), &fields::Path::parse(bad_path).unwrap(), NOW).is_err(), "{bad_path}");
    }
    assert!(detect::detect_page(&s, Some(&base), b"{\"data\": ", &fields::Path::parse("data").unwrap(), NOW).is_err());
    let top = format!("[{}]", rec(3, NOW + 3, 0));
    assert_eq!(detect::detect_page(&s, Some(&base), top.as_bytes(), &fields::Path::parse("").unwrap(), NOW + 5).unwrap().events.len(), 1);
}

#[test]
fn state_stays_bounded_over_many_polls() {
    let s = standard(r#""pollDelay": 10,"#);
    let mut state = run(&s, None, &[], NOW).state;
    let mut max_seen = 0;
    for poll in 1..=500i64 {
        // Five records per poll, one per second; the API re-returns the last 30 s.
        let now = NOW + poll * 5_000;
        let records: Vec<String> = (poll.saturating_sub(6) * 5..poll * 5).map(|k| rec(k, NOW + k * 1_000, 0)).collect();
        let o = run(&s, Some(&state), &records, now);
        state = o.state;
        max_seen = max_seen.max(state.seen.len());
    }
    // Only what lies inside the 10 s window (plus its edge) is remembered.
    assert!(max_seen <= 11, "seen grew to {max_seen}");
}

// ---------- random histories against a reference model ----------

#[derive(Clone, Debug)]
enum Op {
    /// Create a new object now.
    Create,
    /// Update object `k % n` now.
    Update(usize),
    /// Update object `k % n` with a time up to `back` ms in the past (a late arrival).
    Late(usize, i64),
    /// Let time pass (0 keeps equal timestamps).
    Tick(i64),
    /// Poll; `commit` false simulates a failed delivery (the state is not saved).
    Poll { commit: bool, shuffle: u64, repeat: bool },
}

fn op(delay: i64) -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Create),
        4 => any::<usize>().prop_map(Op::Update),
        2 => (any::<usize>(), 0..=delay).prop_map(|(k, b)| Op::Late(k, b)),
        3 => prop_oneof![Just(0i64), 1..3_000i64].prop_map(Op::Tick),
        3 => (proptest::bool::weighted(0.85), any::<u64>(), any::<bool>()).prop_map(|(commit, shuffle, repeat)| Op::Poll { commit, shuffle, repeat }),
    ]
}

/// One random history against the reference model; `seconds`: the API shows whole seconds
/// while polls run at any millisecond (records written in a poll's own second then carry a
/// time before it).
fn history(delay_s: i64, ops: &[Op], preexisting: usize, seconds: bool) -> Result<(), TestCaseError> {
    let delay = delay_s * 1000;
    let s = if seconds {
        spec(&format!(r#"{{"url": "/c", "idField": "id", "pollDelay": {delay_s}, "datesConfiguration": {{
            "updatedDateField": "updated", "updatedDateFormat": "yyyy-MM-dd HH:mm:ss",
            "createdDateField": "created", "createdDateFormat": "yyyy-MM-dd HH:mm:ss"}}}}"#))
    } else {
        standard(&format!(r#""pollDelay": {delay_s}, "createdCheckTolerance": 0,"#))
    };
    // What the API shows of a time: whole seconds, or milliseconds.
    let tr = |t: i64| if seconds { t - t.rem_euclid(1000) } else { t };
    let show = |k: i64, u: i64, c: i64| if seconds { rec_s(k, u, c) } else { rec(k, u, c) };
    // Polls do not fall on whole seconds.
    let mut clock = if seconds { NOW + 534 } else { NOW };
    // id -> current (updated, created)
    let mut objects: BTreeMap<i64, (i64, i64)> = (0..preexisting as i64).map(|k| (k, (clock - 1_000, clock - 1_000))).collect();
    let mut next_id = preexisting as i64;
    let visible = |objects: &BTreeMap<i64, (i64, i64)>| -> Vec<(i64, i64, i64)> { objects.iter().map(|(k, (u, c))| (*k, tr(*u), tr(*c))).collect() };
    // Baseline poll.
    let page: Vec<String> = visible(&objects).iter().map(|(k, u, c)| show(*k, *u, *c)).collect();
    let baseline_versions: BTreeSet<(i64, i64)> = visible(&objects).iter().map(|(k, u, _)| (*k, *u)).collect();
    let mut state = run(&s, None, &page, clock).state;
    let mut delivered: BTreeMap<(String, i64), String> = BTreeMap::new();
    let mut expected: BTreeSet<(i64, i64)> = BTreeSet::new();
    let mut last_poll = clock;
    for o in ops {
        match o {
            Op::Create => { objects.insert(next_id, (clock, clock)); next_id += 1; }
            Op::Update(k) if !objects.is_empty() => {
                let id = *objects.keys().nth(k % objects.len()).unwrap();
                let created = objects.get(&id).unwrap().1;
                objects.insert(id, (clock.max(created), created));
            }
            Op::Late(k, back) if !objects.is_empty() => {
                let id = *objects.keys().nth(k % objects.len()).unwrap();
                let (u, created) = *objects.get(&id).unwrap();
                // Written a little before now, visible only from now on; never older
                // than the window (the engine's promise is about the window), never
                // moving an object back in time.
                let t = (clock - back).max(tr(last_poll) - delay).max(u).max(created);
                objects.insert(id, (t, created));
            }
            Op::Tick(d) => clock += d,
            Op::Poll { commit, shuffle, repeat } => {
                let since = state.cursor.unwrap() - delay;
                let mut rows: Vec<(i64, i64, i64)> = visible(&objects).into_iter().filter(|(_, u, _)| *u >= tr(since)).collect();
                if *repeat { let again = rows.clone(); rows.extend(again.into_iter().take(3)); }
                // Out-of-order pages.
                let n = rows.len().max(1) as u64;
                rows.rotate_left((shuffle % n) as usize);
                if shuffle % 2 == 1 { rows.reverse(); }
                let page: Vec<String> = rows.iter().map(|(k, u, c)| show(*k, *u, *c)).collect();
                // Both readers: records given one by one, and a whole page scanned in one pass.
                let out = if shuffle % 3 == 0 {
                    let text = format!(r#"{{"meta": {{"n": {}}}, "contacts": [{}]}}"#, page.len(), page.join(","));
                    detect::detect_page(&s, Some(&state), text.as_bytes(), &fields::Path::parse("contacts").unwrap(), clock).unwrap()
                } else {
                    run(&s, Some(&state), &page, clock)
                };
                prop_assert!(out.stats.bad.is_empty());
                // Events are ordered by date.
                prop_assert!(out.events.windows(2).all(|w| w[0].date_ms <= w[1].date_ms));
                if *commit {
                    for (k, u, _) in &rows {
                        if !baseline_versions.contains(&(*k, *u)) { expected.insert((*k, *u)); }
                    }
                    for e in &out.events {
                        let key = (e.object_id.clone().unwrap(), e.date_ms);
                        prop_assert!(!delivered.contains_key(&key), "duplicate {:?}", key);
                        delivered.insert(key, e.id.clone());
                    }
                    // Saved and reloaded, as a store would.
                    let text = serde_json::to_string(&out.state.to_json()).unwrap();
                    state = detect::load_state(&s, &serde_json::from_str(&text).unwrap()).unwrap();
                    last_poll = clock;
                } else {
                    // Not acknowledged: the next poll sends them again, with the same ids.
                    for e in &out.events {
                        let key = (e.object_id.clone().unwrap(), e.date_ms);
                        prop_assert!(!delivered.contains_key(&key));
                    }
                }
            }
            _ => {}
        }
    }
    // A final committed poll sees everything still current.
    let since = state.cursor.unwrap() - delay;
    let rows: Vec<(i64, i64, i64)> = visible(&objects).into_iter().filter(|(_, u, _)| *u >= tr(since)).collect();
    for (k, u, _) in &rows { if !baseline_versions.contains(&(*k, *u)) { expected.insert((*k, *u)); } }
    let page: Vec<String> = rows.iter().map(|(k, u, c)| show(*k, *u, *c)).collect();
    let out = run(&s, Some(&state), &page, clock);
    for e in &out.events {
        let key = (e.object_id.clone().unwrap(), e.date_ms);
        prop_assert!(!delivered.contains_key(&key), "duplicate {:?}", key);
        delivered.insert(key, e.id.clone());
    }
    let got: BTreeSet<(i64, i64)> = delivered.keys().map(|(id, t)| (id.parse().unwrap(), *t)).collect();
    prop_assert_eq!(&got, &expected, "missed: {:?}, extra: {:?}", expected.difference(&got).collect::<Vec<_>>(), got.difference(&expected).collect::<Vec<_>>());
    for ((id, t), eid) in &delivered {
        let created = (*t == objects.get(&id.parse::<i64>().unwrap()).map(|o| tr(o.1)).unwrap_or(-1)) as u8;
        let ty = if created == 1 { EventType::Created } else { EventType::Updated };
        let alt = if created == 1 { EventType::Updated } else { EventType::Created };
        let a = event_id("inst-1", "contacts", id, &t.to_string(), ty);
        let b = event_id("inst-1", "contacts", id, &t.to_string(), alt);
        prop_assert!(eid == &a || eid == &b);
    }
    Ok(())
}

fn rec_s(id: i64, updated: i64, created: i64) -> String {
    let f = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap().format("%Y-%m-%d %H:%M:%S").to_string();
    format!(r#"{{"id": {id}, "updated": "{}", "created": "{}", "name": "n{id}"}}"#, f(updated), f(created))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_duplicates_and_no_misses(delay_s in 0i64..5, ops in proptest::collection::vec(op(4_000), 1..80), preexisting in 0usize..4) {
        history(delay_s, &ops, preexisting, false)?;
    }

    #[test]
    fn no_duplicates_and_no_misses_with_second_precision(delay_s in 0i64..5, ops in proptest::collection::vec(op(4_000), 1..80), preexisting in 0usize..4) {
        history(delay_s, &ops, preexisting, true)?;
    }
}

#[test]
fn the_same_field_as_created_and_updated_date_makes_every_event_created() {
    // The seed's configuration: createDate twice.
    let s = spec(r#"{"url": "/m", "idField": "messageId", "datesConfiguration": {
        "updatedDateField": "createDate", "updatedDateFormat": "yyyy-MM-dd'T'HH:mm:ssXXX",
        "createdDateField": "createDate", "createdDateFormat": "yyyy-MM-dd'T'HH:mm:ssXXX"}}"#);
    let base = run(&s, None, &[], NOW).state;
    let o = run(&s, Some(&base), &[r#"{"messageId": 1, "createDate": "2024-02-29T08:00:00-05:00"}"#.to_string()], NOW + 3_600_000);
    assert_eq!(kinds(&o), vec![(Some("1".into()), EventType::Created)]);
    assert!(o.stats.bad.is_empty(), "{:?}", o.stats.bad);
    let page = r#"{"messages": [{"messageId": 1, "createDate": "2024-02-29T08:00:00-05:00"}]}"#;
    let p = detect::detect_page(&s, Some(&base), page.as_bytes(), &fields::Path::parse("messages").unwrap(), NOW + 3_600_000).unwrap();
    assert_eq!(kinds(&p), vec![(Some("1".into()), EventType::Created)]);
}

#[test]
fn a_record_written_in_the_same_second_as_the_first_poll_is_not_lost() {
    // Second-precision dates; the poll runs at hh:mm:ss.534, the record is written at .800
    // of the same second and carries hh:mm:ss.
    let s = spec(r#"{"url": "/c", "idField": "id", "datesConfiguration": {"updatedDateField": "u", "updatedDateFormat": "yyyy-MM-dd HH:mm:ss"}}"#);
    let base = run(&s, None, &[], NOW + 534);
    assert_eq!(base.state.cursor, Some(NOW));
    let o = run(&s, Some(&base.state), &[r#"{"id": 1, "u": "2024-02-29 12:34:56"}"#.to_string()], NOW + 2_000);
    assert_eq!(kinds(&o), vec![(Some("1".into()), EventType::Updated)]);
    // Day precision: the cursor is the day.
    let d = spec(r#"{"url": "/c", "idField": "id", "datesConfiguration": {"updatedDateField": "u", "updatedDateFormat": "yyyy-MM-dd"}}"#);
    assert_eq!(run(&d, None, &[], NOW).state.cursor, Some(NOW - (12 * 3600 + 34 * 60 + 56) * 1000));
}
