//! No input makes the validator panic, hang or leak a secret: generated text, mutations of
//! real bodies, and values of every wrong type.

use element_poller::config::{validate, validate_serialized, Severity};
use proptest::prelude::*;

const SECRET: &str = "Zx9-very-secret-Qw7";

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/seed/icontact-instance-curl.json"))
        .expect("../shared/data/seed beside the repository")
}

/// Structure only: a mutation may turn a secret into a key name, which is then shown.
fn check_shape(text: &str) {
    let r = validate(text);
    assert_eq!(r.ok, !r.diagnostics.iter().any(|d| d.severity == Severity::Error));
    for d in &r.diagnostics {
        if let (Some(line), Some(col)) = (d.line, d.column) {
            assert!(line >= 1 && col >= 1);
            assert!(line <= text.lines().count() + 1, "{} at line {line}", d.code);
        }
    }
}

fn check(text: &str) {
    let r = validate(text);
    assert_eq!(r.ok, !r.diagnostics.iter().any(|d| d.severity == Severity::Error));
    for d in &r.diagnostics {
        assert!(!d.message.contains(SECRET), "{}: {}", d.code, d.message);
        if let (Some(line), Some(col)) = (d.line, d.column) {
            assert!(line >= 1 && col >= 1);
            assert!(line <= text.lines().count() + 1, "{} at line {line}", d.code);
        }
    }
    if let Some(i) = &r.instance {
        assert!(!i.to_string().contains(SECRET));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn json_like_text(text in "[{}\\[\\]\":,0-9a-z\\\\ \n'$/|-]{0,300}") {
        check(&text);
    }

    #[test]
    fn mutated_seed(cuts in proptest::collection::vec((0usize..2000, 0usize..8, "[{}\"'$:,\\\\ a-z]{0,3}"), 1..6)) {
        let mut text = seed().replace("xxxxxxxxxxxxxxxxxxxxxxxx", SECRET);
        for (at, len, insert) in cuts {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(at..end, &insert);
        }
        check_shape(&text);
    }
}

#[test]
fn wrong_types_everywhere() {
    let values = ["null", "true", "0", "-1", "1e400", "1.5", "\"\"", "\" \"", "[]", "{}", "[1,{}]", "\"<x>\""];
    let template = r#"{"element": V, "name": V, "tags": V, "providerData": V, "configuration": {"event.notification.enabled": V,
        "event.vendor.type": V, "event.notification.callback.url": V, "event.poller.refresh_interval": V,
        "event.notification.signature.key": V, "event.poller.urls": V, "event.poller.configuration": {"r": {"url": V, "idField": V,
        "filterByUpdatedDate": V, "pageSize": V, "pollDelay": V, "createdCheckTolerance": V, "datesConfiguration": {"updatedDateField": V,
        "updatedDateFormat": V, "updatedDateTimezone": V, "createdDateField": V, "createdDateFormat": V}}}}}"#;
    for v in values {
        let text = template.replace('V', v);
        check(&text);
        let r = validate_serialized(&text);
        assert!(r.diagnostics.iter().all(|d| d.line.is_none()));
    }
}

#[test]
fn huge_and_deep_inputs() {
    check(&format!("{{\"name\": \"{}\"}}", "x".repeat(10 * 1024 * 1024)));
    check(&"[".repeat(200_000));
    check(&"{\"a\":".repeat(100_000));
    check(&format!("{{\"configuration\": {{\"event.poller.configuration\": \"{}\"}}}}", "{\\\"a\\\":".repeat(20_000)));
    let too_big = " ".repeat(17 * 1024 * 1024);
    assert_eq!(validate(&too_big).diagnostics.first().map(|d| d.code), Some("input-too-large"));
}

#[test]
fn secrets_in_every_secret_key_stay_hidden() {
    let body = format!(
        r#"{{"element": {{"key": "k"}}, "name": "n", "token": "{SECRET}", "providerData": {{"code": "{SECRET}"}},
        "configuration": {{"api.password": "{SECRET}", "oauth.api.secret": "{SECRET}", "event.notification.signature.key": "{SECRET}",
        "password": "<{SECRET}>", "event.notification.basic.password": "{SECRET}",
        "event.notification.callback.url": "https://u:{SECRET}@example.com/x"}}}}"#
    );
    check(&body);
    let r = validate(&body);
    assert_eq!(r.instance.unwrap()["configuration"]["event.notification.callback.url"], "https://u:********@example.com/x");
}

#[test]
fn urls_must_be_paths_or_http() {
    let body = |url: &str| format!(r#"{{"c": {{"url": "{url}", "idField": "id", "datesConfiguration": {{"updatedDateField": "u", "updatedDateFormat": "milliseconds"}}}}}}"#);
    let codes = |url: &str| validate(&body(url)).diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code).collect::<Vec<_>>();
    assert!(codes("/hubs/crm/contacts?where=x>'${gmtDate:yyyy}'").is_empty());
    assert!(codes("https://api.example.com/v1/items?since=${epoch:s}").is_empty());
    assert_eq!(codes("hubs/crm/contacts"), vec!["url"]);
    assert_eq!(codes("ftp://example.com/x"), vec!["url"]);
    assert_eq!(codes("/hubs/crm/contacts}'"), vec!["url-stray"]);
    assert_eq!(codes("/x?a='${date:yyyy}''"), vec!["url-stray"]);
    assert_eq!(codes("/x?a=${gmtDate:yyyy-MM-dd'T}"), vec!["template"]);
}
