//! Ground truth: every line of `../shared/data/java-oracle/vectors.jsonl` (real Java 17 output)
//! against `javafmt`, read at run time.
//!
//! - `format`, `roundtrip`, `compile_error`: must agree on every line.
//! - `tricky`: at least 99%; every line that disagrees must be listed, with its reason, in
//!   `tests/oracle-differences.tsv` — and every line listed there must still disagree, so the
//!   list never goes stale.
//!
//! `now` for the two-digit-year window is the meta line's `sdf_two_digit_year_start` + 80 years.
//! Mismatches are written to `target/oracle-mismatches.txt` for reading.
#![cfg(not(target_arch = "wasm32"))]

use element_poller::javafmt::{Dialect, JavaDateFormat, Options, Resolver};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/java-oracle")
}

fn iso_to_ms(s: &str) -> i64 {
    // "1946-11-28T09:38:24.927Z"
    let f = JavaDateFormat::new("yyyy-MM-dd'T'HH:mm:ss.SSSX", Options { dialect: Dialect::JavaTime, ..Options::default() })
        .unwrap_or_else(|e| panic!("{e}"));
    f.parse(s).unwrap_or_else(|e| panic!("meta start {s}: {e}"))
}

#[derive(Default)]
struct Tally {
    total: usize,
    agree: usize,
    listed: usize,
}

/// A line's identity in the differences file.
fn key(d: &Value) -> String {
    let s = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mode = match (d.get("lenient").and_then(Value::as_bool), d.get("resolver").and_then(Value::as_str)) {
        (Some(l), _) => format!("lenient={l}"),
        (_, Some(r)) => r.to_string(),
        _ => String::new(),
    };
    [s("kind"), s("api"), mode, s("pattern"), s("zone"), s("input")].join("\t")
}

#[test]
fn java_oracle_agreement() {
    let path = shared().join("vectors.jsonl");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let diff_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oracle-differences.tsv");
    let listed: HashMap<String, String> = fs::read_to_string(&diff_path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.rsplit_once('\t').map(|(k, reason)| (k.to_string(), reason.to_string())))
        .collect();
    for (k, reason) in &listed {
        assert!(!reason.trim().is_empty(), "difference without a reason: {k}");
    }

    let mut lines = text.lines();
    let meta: Value = serde_json::from_str(lines.next().unwrap_or("{}")).unwrap_or(Value::Null);
    // `now` is exactly 80 calendar years after the window start (same month, day and time).
    let start = meta.get("sdf_two_digit_year_start").and_then(Value::as_str).unwrap_or("1946-11-28T00:00:00.000Z");
    let year: i64 = start.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1946);
    let now_ms = iso_to_ms(&format!("{}{}", year + 80, start.get(4..).unwrap_or("")));

    let mut cache: HashMap<(String, String, String, String), Result<JavaDateFormat, String>> = HashMap::new();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mut unlisted = Vec::new();
    let mut seen_listed = HashSet::new();

    for line in lines {
        let d: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => panic!("bad vector line: {e}"),
        };
        let kind = d.get("kind").and_then(Value::as_str).unwrap_or("");
        if !matches!(kind, "format" | "roundtrip" | "tricky" | "compile_error") {
            continue;
        }
        let api = d.get("api").and_then(Value::as_str).unwrap_or("");
        let dialect = if api == "SimpleDateFormat" { Dialect::Simple } else { Dialect::JavaTime };
        let pattern = d.get("pattern").and_then(Value::as_str).unwrap_or("").to_string();
        let zone = d.get("zone").and_then(Value::as_str).unwrap_or("UTC").to_string();
        let lenient = d.get("lenient").and_then(Value::as_bool);
        let resolver = d.get("resolver").and_then(Value::as_str).and_then(Resolver::parse);
        let mode = format!("{lenient:?}{resolver:?}");
        let fmt = cache
            .entry((api.to_string(), pattern.clone(), zone.clone(), mode))
            .or_insert_with(|| {
                JavaDateFormat::new(&pattern, Options { dialect, zone: Some(zone.clone()), lenient, resolver, now_ms: Some(now_ms) })
                    .map_err(|e| e.to_string())
            });
        let (ok, ours, java) = match kind {
            "compile_error" => {
                let java = d.get("compile_error").and_then(Value::as_str).unwrap_or("").to_string();
                match fmt {
                    Ok(_) => (false, "compiled".to_string(), java),
                    Err(e) => (true, e.clone(), java),
                }
            }
            "format" => {
                let java = d.get("formatted").and_then(Value::as_str).unwrap_or("").to_string();
                let ms = d.get("epoch_ms").and_then(Value::as_i64).unwrap_or(0);
                match fmt {
                    Ok(f) => {
                        let s = f.format(ms);
                        (s == java, s, java)
                    }
                    Err(e) => (false, format!("pattern rejected: {e}"), java),
                }
            }
            _ => {
                let input = d.get("input").and_then(Value::as_str).unwrap_or("");
                let java = d.get("parsed_epoch_ms").and_then(Value::as_i64);
                let java_s = match java {
                    Some(ms) => ms.to_string(),
                    None => format!("error: {}", d.get("error").and_then(Value::as_str).unwrap_or("")),
                };
                match fmt {
                    Ok(f) => {
                        let r = f.parse(input);
                        let ok = match (&r, java) {
                            (Ok(a), Some(b)) => *a == b,
                            (Err(_), None) => true,
                            _ => false,
                        };
                        let ours = match r {
                            Ok(ms) => ms.to_string(),
                            Err(e) => format!("error: {e}"),
                        };
                        (ok, ours, java_s)
                    }
                    Err(e) => (false, format!("pattern rejected: {e}"), java_s),
                }
            }
        };
        let t = tallies.entry(kind.to_string()).or_default();
        t.total += 1;
        let k = key(&d);
        if ok {
            t.agree += 1;
            if listed.contains_key(&k) {
                unlisted.push(format!("listed in oracle-differences.tsv but now agrees: {k}"));
            }
        } else {
            mismatches.push(format!("{k}\n    ours: {ours}\n    java: {java}"));
            if kind == "tricky" && listed.contains_key(&k) {
                t.listed += 1;
                seen_listed.insert(k);
            } else {
                unlisted.push(format!("{k}\n    ours: {ours}\n    java: {java}"));
            }
        }
    }

    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/oracle-mismatches.txt");
    let _ = fs::write(&out, mismatches.join("\n"));
    println!("Java oracle agreement (Java 17 vectors, {}):", path.display());
    for (kind, t) in &tallies {
        println!(
            "  {kind:<14} {:>6} / {:<6} = {:7.3}%   ({} listed differences)",
            t.agree,
            t.total,
            100.0 * t.agree as f64 / t.total.max(1) as f64,
            t.listed
        );
    }
    for k in listed.keys() {
        if !seen_listed.contains(k) && !unlisted.iter().any(|u| u.contains(k.as_str())) {
            unlisted.push(format!("listed in oracle-differences.tsv but no such vector: {k}"));
        }
    }
    let tricky = tallies.get("tricky").map(|t| t.agree as f64 / t.total.max(1) as f64).unwrap_or(0.0);
    assert!(tallies.values().map(|t| t.total).sum::<usize>() > 50_000, "too few vectors read");
    assert!(
        unlisted.is_empty(),
        "{} disagreements with Java that are not listed (see {}):\n{}",
        unlisted.len(),
        out.display(),
        unlisted.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(tricky >= 0.99, "tricky agreement {:.3}% is below 99%", tricky * 100.0);
}
