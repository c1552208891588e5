//! Every configuration Cloud Elements published (`../shared/data/ce-configs`, read at run
//! time) through the validator: nothing may panic; every strict-JSON config keeps its
//! resources; every quirk the corpus notes name is reported with the right code; and the
//! full report per file is a reviewed snapshot under `tests/snapshots/ce-configs/`.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test ce_configs` rewrites the snapshots; review the diff.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use element_poller::config::{validate, Report, Severity};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ce-configs")
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/ce-configs")
}

struct Entry {
    file: String,
    notes: String,
    texts: Vec<(String, String)>,
}

fn corpus() -> Vec<Entry> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("../shared/data/ce-configs must exist beside the repository")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).expect("readable")).expect("corpus file is JSON");
            let mut texts = vec![("raw".to_string(), v["raw"].as_str().expect("raw is a string").to_string())];
            let mut notes = v["notes"].as_str().unwrap_or("").to_string();
            for (i, a) in v["alternates"].as_array().map(Vec::as_slice).unwrap_or(&[]).iter().enumerate() {
                let raw = a.get("raw").and_then(Value::as_str).or(a.as_str()).expect("alternate raw");
                texts.push((format!("alternates[{i}]"), raw.to_string()));
                if let Some(n) = a.get("notes").and_then(Value::as_str) {
                    notes.push_str(" | ");
                    notes.push_str(n);
                }
            }
            Entry { file: p.file_name().unwrap().to_string_lossy().into_owned(), notes, texts }
        })
        .collect()
}

fn render(which: &str, r: &Report) -> String {
    let count = |s| r.diagnostics.iter().filter(|d| d.severity == s).count();
    let mut out = format!(
        "== {which}: ok={} errors={} warnings={} infos={}\n",
        r.ok,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    for d in &r.diagnostics {
        let pos = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            _ => "-".into(),
        };
        let _ = writeln!(out, "{} {} {} {} {}", d.severity.as_str(), d.code, pos, if d.path.is_empty() { "/" } else { &d.path }, d.message);
    }
    if let Some(i) = &r.instance {
        let _ = writeln!(out, "-- normalized instance\n{}", serde_json::to_string_pretty(i).unwrap());
    }
    out
}

/// Resource names of a strict-JSON text, wherever its poller configuration sits.
fn resource_names(v: &Value) -> Option<BTreeSet<String>> {
    let cfg = v.get("configuration").unwrap_or(v);
    let poller = match cfg.get("event.poller.configuration") {
        Some(Value::String(s)) => serde_json::from_str::<Value>(s).ok()?,
        Some(p) => p.clone(),
        None if v.get("configuration").is_none() && !cfg.as_object()?.keys().any(|k| k.starts_with("event.")) => {
            if v.get("key").and_then(Value::as_str) == Some("event.poller.configuration") {
                serde_json::from_str::<Value>(v.get("defaultValue")?.as_str()?).ok()?
            } else {
                v.clone()
            }
        }
        None => return None,
    };
    let names: BTreeSet<String> = poller.as_object()?.keys().cloned().collect();
    (!names.is_empty()).then_some(names)
}

fn normalized_names(r: &Report) -> Option<BTreeSet<String>> {
    let i = r.instance.as_ref()?;
    let cfg = i.get("configuration").unwrap_or(i);
    let poller = cfg.get("event.poller.configuration").or_else(|| i.get("defaultValue")).unwrap_or(cfg);
    Some(poller.as_object()?.keys().cloned().collect())
}

/// Phrases of the corpus notes and the code each quirk must be reported with.
const QUIRKS: &[(&str, &str)] = &[
    ("url has no ${...} placeholder", "url-no-placeholder"),
    ("has no datesConfiguration", "no-dates"),
    ("datesConfiguration is EMPTY", "no-dates"),
    ("LEGACY event.poller.urls", "normalized-legacy-urls|legacy-urls|placeholder-value"),
    ("(blank)", "id-field"),
    ("is an EMPTY object {}", "required"),
    ("url has an odd number of single quotes", "url-stray"),
    ("url has unbalanced braces", "url-stray"),
    ("Format \"", "date-format"),
    ("TRUNCATED", "json-truncated"),
    ("it is a fragment of an object", "json-fragment"),
    ("parses after removing // comments", "json-comment"),
    ("STRINGIFIED JSON string", "normalized-string-config"),
    ("url has leading/trailing whitespace", "url-space"),
    ("datesConfiguration extra keys: createdCheckTolerance", "misplaced-key"),
    ("updateDateTimezone", "unknown-key"),
    ("createdDateField == updatedDateField", "same-date-field"),
    ("SSSSSS", "date-format-lossy"),
    ("misplaced INSIDE", "misplaced-key"),
    ("sit directly inside", "misplaced-key"),
];

#[test]
fn every_published_config_gets_a_verdict() {
    let entries = corpus();
    assert!(entries.len() > 100, "the corpus has {} files", entries.len());
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    std::fs::create_dir_all(snapshot_dir()).unwrap();
    let mut failures = Vec::new();
    let mut changed = Vec::new();
    let (mut ok, mut warn_only, mut errors) = (0, 0, 0);
    for e in &entries {
        let mut snap = String::new();
        let mut codes = BTreeSet::new();
        for (which, text) in &e.texts {
            let r = validate(text);
            codes.extend(r.diagnostics.iter().map(|d| d.code));
            if r.ok && r.diagnostics.iter().all(|d| d.severity == Severity::Info) {
                ok += 1;
            } else if r.ok {
                warn_only += 1;
            } else {
                errors += 1;
            }
            // Positions must be inside the text.
            let lines = text.lines().count().max(1);
            for d in &r.diagnostics {
                if let Some(l) = d.line {
                    if l > lines + 1 {
                        failures.push(format!("{} {which}: {} at line {l} beyond {lines} lines", e.file, d.code));
                    }
                }
            }
            // Strict JSON with resources keeps every resource name.
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                if let Some(want) = resource_names(&v) {
                    if normalized_names(&r).as_ref() != Some(&want) {
                        failures.push(format!("{} {which}: resources {:?} became {:?}", e.file, want, normalized_names(&r)));
                    }
                }
            }
            snap.push_str(&render(which, &r));
        }
        for (phrase, want) in QUIRKS {
            if e.notes.contains(phrase) && !want.split('|').any(|w| codes.contains(w)) {
                failures.push(format!("{}: the notes say \"{phrase}\", but no `{want}` was reported (got {codes:?})", e.file));
            }
        }
        let path = snapshot_dir().join(e.file.replace(".json", ".txt"));
        let before = std::fs::read_to_string(&path).unwrap_or_default();
        if before != snap {
            if update {
                std::fs::write(&path, &snap).unwrap();
            } else {
                std::fs::write(path.with_extension("txt.new"), &snap).unwrap();
                changed.push(e.file.clone());
            }
        }
    }
    let total = ok + warn_only + errors;
    println!("ce-configs: {total} texts from {} files: {ok} ok, {warn_only} warnings only, {errors} with errors", entries.len());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(
        changed.is_empty(),
        "reports changed for {} files (see tests/snapshots/ce-configs/*.txt.new; UPDATE_SNAPSHOTS=1 to accept): {}",
        changed.len(),
        changed.join(", ")
    );
}

#[test]
fn the_seed_bodies_get_a_careful_review() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed");
    let codes = |file: &str| -> Vec<(String, String)> {
        let r = validate(&std::fs::read_to_string(seed.join(file)).unwrap());
        r.diagnostics.iter().filter(|d| d.severity != Severity::Info || d.code == "same-date-field").map(|d| (d.code.to_string(), d.path.clone())).collect()
    };
    let body = codes("icontact-instance-curl.json");
    let cfg = "/configuration/event.poller.configuration/contacts";
    assert_eq!(
        body,
        vec![
            ("callback-element".into(), "/configuration/event.notification.callback.url".into()),
            ("id-field".into(), format!("{cfg}/idField")),
            ("same-date-field".into(), format!("{cfg}/datesConfiguration/createdDateField")),
        ],
    );
    let one_line = codes("icontact-instance.json");
    let want: Vec<&str> = vec![
        "placeholder-value", "placeholder-value", "placeholder-value", "placeholder-value", "callback-insecure",
        "refresh-interval", "url-stray", "same-date-field", "url-stray", "same-date-field", "placeholder-value",
        "placeholder-value",
    ];
    assert_eq!(one_line.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), want);
}
