//! The validation walk: one pass over the tree that reports, normalizes and builds the
//! typed configuration together, so the three can never disagree.
//!
//! Order of the checks follows the body from the top; a problem in one resource never
//! stops the others from being checked.

use serde_json::{Map, Value};

use super::diag::{pointer_push, severity_of, Diagnostic, Severity};
use super::legacy::{self, Line};
use super::model::{ChangeDetection, DateField, Instance, Resource, Secret};
use super::secrets::{self, MASK};
use super::source::{Kind, Member, Node, Source, Span, SyntaxError, SyntaxKind};
use super::{suggest, Report, MAX_INPUT_BYTES};
use crate::javafmt::{FormatError, JavaDateFormat, Options, Zone};
use crate::template::Template;

const TOP_KEYS: &[&str] = &["element", "providerData", "configuration", "tags", "name"];
/// Read-only keys of a stored instance (a `GET /instances` response), accepted silently.
const STORED_KEYS: &[&str] = &[
    "id", "token", "provisionInteractions", "valid", "disabled", "maxCacheSize", "cacheTimeToLive",
    "eventsEnabled", "traceLoggingEnabled", "cachingEnabled", "externalAuthentication", "user",
    "createdDate", "updatedDate", "description", "authenticationType", "channelName", "formulaInstances",
];
const EVENT_KEYS: &[&str] = &[
    "event.notification.enabled",
    "event.vendor.type",
    "event.notification.callback.url",
    "event.poller.refresh_interval",
    "event.notification.signature.key",
    "event.poller.configuration",
    "event.poller.urls",
    "event.objects",
    "event.notification.subscription.id",
    "event.notification.instance.finder",
    "event.notification.callback.headers",
    "event.notification.basic.username",
    "event.notification.basic.password",
    "event.helper.key",
    "event.metadata",
    "event.raw.enabled",
];
const RESOURCE_KEYS: &[&str] = &[
    "url", "idField", "datesConfiguration", "filterByUpdatedDate", "filterByCurrentDate",
    "createdCheckTolerance", "pageSize", "pollDelay", "backfillFrom", "changeDetection", "detectDeletes",
];
/// Keys of Cloud Elements' successors and of the legacy form: known, accepted, unused.
const RESOURCE_KEYS_IGNORED: &[&str] = &[
    "xPath", "batchSize", "postHooks", "postHookPipelines", "useLastPollDate", "useHydrationBeforePostHooks",
    "objectName", "parameters",
];
const DATE_KEYS: &[&str] = &[
    "updatedDateField", "updatedDateFormat", "updatedDateTimezone", "createdDateField", "createdDateFormat",
    "createdDateTimezone",
];
/// Objects that Cloud Elements hubs poll; an `idField` named for another one was copied.
const HUB_NOUNS: &[&str] = &[
    "account", "contact", "lead", "opportunity", "message", "invoice", "order", "customer", "product",
    "user", "ticket", "incident", "employee", "campaign", "payment", "company", "deal", "task", "note",
    "vendor", "bill", "item", "event", "file", "folder", "document", "envelope", "agreement", "group",
];

struct Walk<'s> {
    src: &'s mut Source,
    diags: Vec<Diagnostic>,
}

/// Where a diagnostic points: a whole value, a key, or one character inside a string.
#[derive(Clone, Copy)]
enum At {
    Span(Span),
    Char(Span, usize),
}

impl Walk<'_> {
    fn report(&mut self, code: &'static str, path: &str, at: At, message: impl Into<String>) {
        // Positions are always computed (they order the report); `finish` drops them
        // when they would point into our own serialization of an object.
        let offset = match at {
            At::Span(s) => self.src.outer_offset(s.layer, s.start),
            At::Char(s, i) => self.src.char_offset_in_string(s, i),
        };
        let (line, column) = self.src.line_col(offset);
        let (line, column) = (Some(line), Some(column));
        self.diags.push(Diagnostic {
            severity: severity_of(code),
            code,
            path: path.to_string(),
            message: message.into(),
            line,
            column,
        });
    }

    fn syntax(&mut self, path: &str, e: &SyntaxError) {
        let code = match e.kind {
            SyntaxKind::Comment => "json-comment",
            SyntaxKind::TrailingComma => "json-trailing-comma",
            SyntaxKind::Truncated => "json-truncated",
            _ => "json-syntax",
        };
        self.report(code, path, At::Span(e.span), e.message.clone());
    }

    fn duplicates(&mut self, node: &Node, path: &str) {
        match &node.kind {
            Kind::Object(members) => {
                for (i, m) in members.iter().enumerate() {
                    if members.iter().skip(i + 1).any(|later| later.key == m.key) {
                        self.report(
                            "json-duplicate-key",
                            &pointer_push(path, &m.key),
                            At::Span(m.key_span),
                            format!("`{}` is given more than once in this object; only the last one counts", m.key),
                        );
                    }
                }
                for m in members {
                    self.duplicates(&m.value, &pointer_push(path, &m.key));
                }
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.duplicates(item, &pointer_push(path, &i.to_string()));
                }
            }
            _ => {}
        }
    }

    fn unknown_key(&mut self, path: &str, span: Span, key: &str, known: &[&str], context: &str) {
        let message = match suggest(key, known) {
            Some(s) => format!("unknown key `{key}` in {context}: did you mean `{s}`?"),
            None => format!("unknown key `{key}` in {context}; it is ignored"),
        };
        self.report("unknown-key", path, At::Span(span), message);
    }

    fn wrong_type(&mut self, path: &str, node: &Node, want: &str) {
        self.report("type", path, At::Span(node.span), format!("expected {want}, found {}", node.type_name()));
    }

    /// A boolean, or `"true"`/`"false"` (normalized, with an info).
    fn boolean(&mut self, path: &str, node: &Node) -> Option<bool> {
        match &node.kind {
            Kind::Bool(b) => Some(*b),
            Kind::Str(s) if matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "false") => {
                let b = s.trim().eq_ignore_ascii_case("true");
                self.report("normalized-string-value", path, At::Span(node.span), format!("the string \"{s}\" is read as the boolean {b}"));
                Some(b)
            }
            _ => {
                self.wrong_type(path, node, "true or false");
                None
            }
        }
    }

    /// A whole number, or one written as a string; `None` (reported under `code`) otherwise.
    fn whole(&mut self, path: &str, node: &Node, code: &'static str, what: &str) -> Option<i64> {
        let (text, quoted) = match &node.kind {
            Kind::Number(n) => (n.as_str(), false),
            Kind::Str(s) => (s.trim(), true),
            _ => {
                self.report(code, path, At::Span(node.span), format!("{what} must be a whole number, found {}", node.type_name()));
                return None;
            }
        };
        let value = text.parse::<i64>().ok().or_else(|| {
            text.parse::<f64>().ok().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64)
        });
        match value {
            Some(v) => {
                if quoted {
                    self.report("normalized-string-value", path, At::Span(node.span), format!("the string \"{text}\" is read as the number {v}"));
                }
                Some(v)
            }
            None => {
                let shown = if text.chars().count() > 40 { "this value".to_string() } else { format!("`{text}`") };
                self.report(code, path, At::Span(node.span), format!("{what} must be a whole number; {shown} is not"));
                None
            }
        }
    }

    fn string<'n>(&mut self, path: &str, node: &'n Node) -> Option<&'n str> {
        match &node.kind {
            Kind::Str(s) => Some(s),
            _ => {
                self.wrong_type(path, node, "a string");
                None
            }
        }
    }
}

/// A value that is still the documentation's placeholder: `<minutes>`, `<INSTANCE_NAME>`.
fn is_doc_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.len() > 2 && t.starts_with('<') && t.ends_with('>') && !t.contains("REDACTED")
}

pub fn run(text: &str, has_positions: bool) -> Report {
    if text.len() > MAX_INPUT_BYTES {
        let d = Diagnostic {
            severity: Severity::Error,
            code: "input-too-large",
            path: String::new(),
            message: format!("the text is {} bytes; a configuration is at most {MAX_INPUT_BYTES}", text.len()),
            line: None,
            column: None,
        };
        return Report { ok: false, diagnostics: vec![d], instance: None, config: None };
    }
    let mut src = Source::new(text.to_string());
    let mut walk = Walk { src: &mut src, diags: Vec::new() };
    let mut layer = 0;
    if text.trim_start().starts_with("curl ") {
        match walk.src.push_curl_body_layer(0) {
            Some((l, quotes)) => {
                layer = l;
                let span = Span { layer: l, start: 0, end: 0 };
                walk.report("input-shape", "", At::Span(span), "this is a cURL command; its `-d` body is checked");
                if let Some(&q) = quotes.first() {
                    let more = match quotes.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    walk.report("input-shape", "", At::Span(Span { layer: 0, start: q, end: q + 1 }), format!(
                        "this `'`{more} would end the shell's single-quoted `-d` argument; it is read as part of the JSON (in a shell, write `'\\''`)"));
                }
            }
            None => {
                walk.report("json-syntax", "", At::Span(Span { layer: 0, start: 0, end: 0 }),
                    "this is a cURL command without a `-d '…'` body: paste the JSON body itself");
                return finish(walk.diags, None, None, has_positions);
            }
        }
    }
    if looks_like_legacy_urls(text) {
        let whole = Span { layer: 0, start: 0, end: text.len() };
        walk.report("input-shape", "", At::Span(whole), "this is the legacy pipe-delimited `event.poller.urls` text alone; it is migrated to the JSON form");
        let member = Member { key: "event.poller.urls".into(), key_span: whole, value: Node { span: whole, kind: Kind::Str(text.to_string()) } };
        let (out, head, resources) = configuration(&mut walk, &[(&member, String::new())], whole, "");
        let diags = walk.diags;
        return finish(diags, Some(out), Some(instance_from(head, resources)), has_positions);
    }
    let root = match walk.src.parse(layer) {
        Ok((root, recovered)) => {
            for e in &recovered {
                walk.syntax("", e);
            }
            Some(root)
        }
        Err(e) if e.kind == SyntaxKind::ExtraData => fragment(&mut walk, layer, &e),
        Err(e) => {
            walk.syntax("", &e);
            if e.kind != SyntaxKind::Truncated && walk.src.is_cut_off(layer) {
                let end = walk.src.text(layer).len();
                walk.report("json-truncated", "", At::Span(Span { layer, start: end, end }),
                    "the text ends inside an object, array or string: was it cut off?");
            }
            None
        }
    };
    let Some(root) = root else {
        return finish(walk.diags, None, None, has_positions);
    };
    walk.duplicates(&root, "");
    let (instance, config) = body(&mut walk, &root);
    let diags = walk.diags;
    finish(diags, Some(instance), config, has_positions)
}

/// `name|/url|…` lines, not JSON.
fn looks_like_legacy_urls(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    let mut fields = first.split('|');
    let name = fields.next().unwrap_or("").trim();
    let url = fields.next().unwrap_or("").trim();
    !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
        && (url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://"))
}

/// `"a": 1, "b": 2` is a fragment of an object: check it as if wrapped, and say so.
fn fragment(walk: &mut Walk<'_>, layer: usize, e: &SyntaxError) -> Option<Node> {
    let wrapped = Source::new(format!("{{{}\n}}", walk.src.text(layer)));
    match wrapped.parse(0) {
        Ok((root, _)) if matches!(root.kind, Kind::Object(_)) => {
            walk.report("json-fragment", "", At::Span(Span { layer, start: 0, end: 0 }),
                "these are members of an object without the enclosing braces: wrap the whole text in `{ }`; checked as if wrapped");
            // Positions of the wrapped text are one byte to the right of the user's.
            Some(shift(root, -1, layer))
        }
        _ => {
            walk.syntax("", e);
            None
        }
    }
}

fn shift(mut node: Node, by: isize, layer: usize) -> Node {
    let s = |span: &mut Span| {
        span.layer = layer;
        span.start = span.start.saturating_add_signed(by);
        span.end = span.end.saturating_add_signed(by);
    };
    s(&mut node.span);
    node.kind = match node.kind {
        Kind::Array(items) => Kind::Array(items.into_iter().map(|n| shift(n, by, layer)).collect()),
        Kind::Object(members) => Kind::Object(
            members
                .into_iter()
                .map(|mut m| {
                    s(&mut m.key_span);
                    m.value = shift(m.value, by, layer);
                    m
                })
                .collect(),
        ),
        other => other,
    };
    node
}

fn finish(mut diags: Vec<Diagnostic>, instance: Option<Value>, config: Option<Instance>, positions: bool) -> Report {
    diags.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(usize::MAX)));
    if !positions {
        for d in &mut diags {
            d.line = None;
            d.column = None;
        }
    }
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    Report { ok, diagnostics: diags, instance, config: if ok { config } else { None } }
}

/// What kind of text this is, and where the configuration and poller configuration are.
fn body(walk: &mut Walk<'_>, root: &Node) -> (Value, Option<Instance>) {
    let Kind::Object(members) = &root.kind else {
        walk.wrong_type("", root, "a JSON object (the element-instance body)");
        return (root.to_json(), None);
    };
    let is_definition_entry = root.get("key").and_then(Node::as_str) == Some("event.poller.configuration")
        && root.get("defaultValue").is_some();
    let is_body = !is_definition_entry && TOP_KEYS.iter().any(|k| root.get(k).is_some());
    let is_configuration = !is_definition_entry && !is_body && members.iter().any(|m| m.key.starts_with("event."));

    if is_definition_entry {
        walk.report("input-shape", "", At::Span(root.span),
            "this is an element-definition configuration entry; its `defaultValue` is checked as the poller configuration");
        let mut out = root.to_json();
        let (poller, resources) = match root.get("defaultValue") {
            Some(dv) => poller_value(walk, dv, "/defaultValue"),
            None => (Value::Null, Vec::new()),
        };
        set(&mut out, "defaultValue", poller);
        let cfg = instance_from(Default::default(), resources);
        return (out, Some(cfg));
    }
    if !is_body && !is_configuration {
        walk.report("input-shape", "", At::Span(root.span),
            "this is a poller configuration alone (resource name → settings); put it under `configuration` → `event.poller.configuration` of an instance body");
        let (poller, resources) = poller_object(walk, root, "");
        return (poller, Some(instance_from(Default::default(), resources)));
    }
    if is_configuration {
        walk.report("input-shape", "", At::Span(root.span),
            "this is the `configuration` object alone; it belongs under `configuration` of an instance body");
        let members: Vec<(&Member, String)> = members.iter().map(|m| (m, String::new())).collect();
        let (out, head, resources) = configuration(walk, &members, root.span, "");
        return (out, Some(instance_from(head, resources)));
    }

    let mut out = Map::new();
    let mut head = Head::default();
    let mut resources = Vec::new();
    for m in members {
        let path = pointer_push("", &m.key);
        match m.key.as_str() {
            "element" => {
                if let Kind::Object(_) = m.value.kind {
                    match m.value.get("key") {
                        Some(k) => {
                            if let Some(s) = walk.string("/element/key", k) {
                                if s.trim().is_empty() {
                                    walk.report("required", "/element/key", At::Span(k.span), "`element.key` is empty: name the element (e.g. \"icontact\")");
                                }
                                head.element_key = Some(s.to_string());
                            }
                        }
                        None => walk.report("required", "/element/key", At::Span(m.value.span), "`element` needs `key`: the element's key, e.g. {\"key\": \"icontact\"}"),
                    }
                } else {
                    walk.wrong_type(&path, &m.value, "an object like {\"key\": \"icontact\"}");
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "providerData" => {
                if !matches!(m.value.kind, Kind::Object(_)) {
                    walk.wrong_type(&path, &m.value, "an object");
                }
                out.insert(m.key.clone(), mask_all(&m.value.to_json()));
            }
            "tags" => {
                match &m.value.kind {
                    Kind::Array(items) => {
                        for (i, t) in items.iter().enumerate() {
                            if let Some(s) = walk.string(&pointer_push(&path, &i.to_string()), t) {
                                if is_doc_placeholder(s) {
                                    walk.report("placeholder-value", &pointer_push(&path, &i.to_string()), At::Span(t.span), format!("the tag `{s}` is the documentation's placeholder: write your own tag or remove it"));
                                }
                            }
                        }
                    }
                    _ => walk.wrong_type(&path, &m.value, "an array of strings"),
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "name" => {
                if let Some(s) = walk.string(&path, &m.value) {
                    if is_doc_placeholder(s) {
                        walk.report("placeholder-value", &path, At::Span(m.value.span), format!("the name `{s}` is the documentation's placeholder: name this instance"));
                    }
                    head.name = Some(s.to_string());
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "configuration" => {
                if let Kind::Object(inner) = &m.value.kind {
                    let mut all: Vec<(&Member, String)> = inner.iter().map(|x| (x, "/configuration".to_string())).collect();
                    for high in members.iter().filter(|x| x.key.starts_with("event.")) {
                        if !inner.iter().any(|x| x.key == high.key) {
                            all.push((high, String::new()));
                        }
                    }
                    let (cfg, h, r) = configuration(walk, &all, m.value.span, "/configuration");
                    head = Head { element_key: head.element_key.take(), name: head.name.take(), ..h };
                    resources = r;
                    out.insert(m.key.clone(), cfg);
                } else {
                    walk.wrong_type(&path, &m.value, "an object of configuration keys");
                    out.insert(m.key.clone(), Value::Null);
                }
            }
            key if key.starts_with("event.") => {
                let inside = root.get("configuration").is_some_and(|c| matches!(c.kind, Kind::Object(_)));
                let what = if inside { "it is used as if it were there" } else { "there is no `configuration` object, so it is not used" };
                walk.report("misplaced-key", &path, At::Span(m.key_span), format!("`{key}` belongs inside `configuration`; {what}"));
            }
            key if STORED_KEYS.contains(&key) => {
                let v = if secrets::is_secret("", key) { Value::String(MASK.into()) } else { m.value.to_json() };
                out.insert(m.key.clone(), v);
            }
            key if m.value.get("url").is_some() => {
                walk.report("misplaced-key", &path, At::Span(m.key_span), format!(
                    "`{key}` looks like a poller resource at the top of the instance body: it belongs in `configuration` → `event.poller.configuration`; it is not polled"));
                out.insert(m.key.clone(), m.value.to_json());
            }
            key => {
                walk.unknown_key(&path, m.key_span, key, TOP_KEYS, "the instance body");
                let v = if secrets::is_secret("", key) { Value::String(MASK.into()) } else { m.value.to_json() };
                out.insert(m.key.clone(), v);
            }
        }
    }
    for (key, what) in [("element", "`element`: {\"key\": \"<element key>\"}"), ("name", "`name`: the instance's name")] {
        if root.get(key).is_none() {
            walk.report("required", &pointer_push("", key), At::Span(Span { end: root.span.start + 1, ..root.span }), format!("the instance body needs {what}"));
        }
    }
    // Cloud Elements' "send events back to the element" endpoint names an element.
    if let (Some(key), Some(url)) = (head.element_key.as_deref(), head.callback_url.as_deref()) {
        if let Some(rest) = url.split("/elements/api-v2/events/").nth(1) {
            let target = rest.split(['/', '?']).next().unwrap_or("");
            if !target.is_empty() && !target.eq_ignore_ascii_case(key) {
                let span = root.get("configuration").and_then(|c| c.get("event.notification.callback.url")).map(|n| n.span).unwrap_or(root.span);
                walk.report("callback-element", "/configuration/event.notification.callback.url", At::Span(span), format!(
                    "the callback URL sends events to Cloud Elements' endpoint of element `{target}`, but this instance is of `{key}`: copied from another element's example?"));
            }
        }
    }
    let cfg = instance_from(head, resources);
    (Value::Object(out), Some(cfg))
}

#[derive(Default)]
struct Head {
    element_key: Option<String>,
    name: Option<String>,
    enabled: bool,
    vendor_type: Option<String>,
    callback_url: Option<String>,
    refresh: Option<u32>,
    signature_key: Option<Secret>,
    settings: std::collections::BTreeMap<String, Secret>,
}

fn instance_from(h: Head, resources: Vec<Resource>) -> Instance {
    Instance {
        element_key: h.element_key,
        name: h.name,
        events_enabled: h.enabled,
        vendor_type: h.vendor_type,
        callback_url: h.callback_url,
        refresh_interval_minutes: h.refresh,
        signature_key: h.signature_key,
        resources,
        settings: h.settings,
    }
}

fn set(out: &mut Value, key: &str, v: Value) {
    if let Value::Object(map) = out {
        map.insert(key.to_string(), v);
    }
}

fn mask_all(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), mask_all(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(mask_all).collect()),
        Value::Null => Value::Null,
        _ => Value::String(MASK.into()),
    }
}

/// The `configuration` object: event keys checked and normalized, secrets masked.
/// `members` are the configuration's keys with the pointer of the object each was written
/// in: usually all in `configuration`, but keys written one level too high join them.
fn configuration(walk: &mut Walk<'_>, members: &[(&Member, String)], span: Span, base: &str) -> (Value, Head, Vec<Resource>) {
    let find = |key: &str| members.iter().rev().find(|(m, _)| m.key == key).map(|(m, _)| &m.value);
    let mut out = Map::new();
    let mut misplaced_resources: Vec<(&Member, String)> = Vec::new();
    let mut head = Head::default();
    let mut enabled_node = None;
    let mut poller: Option<(Value, Vec<Resource>, Span)> = None;
    let mut legacy_resources: Vec<(String, Value, Span, String)> = Vec::new();
    for (m, mbase) in members {
        let m: &Member = m;
        let path = pointer_push(mbase, &m.key);
        let key = m.key.as_str();
        let secret = secrets::is_secret("configuration", key);
        match &m.value.kind {
            Kind::Str(v) => {
                head.settings.insert(m.key.clone(), Secret::new(v.clone()));
            }
            Kind::Number(v) => {
                head.settings.insert(m.key.clone(), Secret::new(v.clone()));
            }
            Kind::Bool(b) => {
                head.settings.insert(m.key.clone(), Secret::new(b.to_string()));
            }
            _ => {}
        }
        if let Some(s) = m.value.as_str() {
            let own_check = matches!(key, "event.poller.refresh_interval" | "event.notification.callback.url" | "event.poller.urls" | "event.poller.configuration");
            if is_doc_placeholder(s) && !own_check {
                let shown = if secret { "this value".to_string() } else { format!("`{s}`") };
                walk.report("placeholder-value", &path, At::Span(m.value.span), format!("{shown} is the documentation's placeholder: put the real value for `{key}` here"));
            }
        }
        match key {
            "event.notification.enabled" => {
                let b = walk.boolean(&path, &m.value);
                head.enabled = b.unwrap_or(false);
                enabled_node = Some(m.value.span);
                out.insert(m.key.clone(), b.map(Value::Bool).unwrap_or_else(|| m.value.to_json()));
            }
            "event.vendor.type" => {
                if let Some(s) = walk.string(&path, &m.value) {
                    if !matches!(s, "polling" | "webhook" | "webhooks") {
                        let hint = suggest(s, &["polling", "webhooks"]).map(|h| format!(": did you mean `{h}`?")).unwrap_or_else(|| ": write `polling` or `webhooks`".into());
                        walk.report("vendor-type", &path, At::Span(m.value.span), format!("unknown event vendor type `{s}`{hint}"));
                    }
                    head.vendor_type = Some(s.to_string());
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "event.notification.callback.url" if matches!(m.value.kind, Kind::Null) => {
                out.insert(m.key.clone(), Value::Null);
            }
            "event.notification.callback.url" => {
                if let Some(s) = walk.string(&path, &m.value) {
                    callback_url(walk, &path, &m.value, s);
                    head.callback_url = Some(s.trim().to_string());
                    out.insert(m.key.clone(), Value::String(secrets::mask_url_password(s)));
                } else {
                    out.insert(m.key.clone(), m.value.to_json());
                }
            }
            "event.poller.refresh_interval" => {
                let v = match m.value.as_str().filter(|s| is_doc_placeholder(s)) {
                    Some(p) => {
                        walk.report("refresh-interval", &path, At::Span(m.value.span), format!("`{p}` is the documentation's placeholder: write a whole number of minutes, such as \"15\""));
                        None
                    }
                    None => walk.whole(&path, &m.value, "refresh-interval", "`event.poller.refresh_interval` (minutes)"),
                };
                match v {
                    Some(v) if v >= 1 && v <= i64::from(u32::MAX) => {
                        head.refresh = u32::try_from(v).ok();
                        out.insert(m.key.clone(), Value::from(v));
                    }
                    Some(v) => {
                        walk.report("refresh-interval", &path, At::Span(m.value.span), format!("`event.poller.refresh_interval` must be at least 1 minute, found {v}"));
                        out.insert(m.key.clone(), Value::from(v));
                    }
                    None => {
                        out.insert(m.key.clone(), m.value.to_json());
                    }
                }
            }
            "event.notification.signature.key" => {
                match &m.value.kind {
                    Kind::Str(s) if !s.is_empty() => head.signature_key = Some(Secret::new(s.clone())),
                    Kind::Str(_) | Kind::Null => {}
                    _ => walk.wrong_type(&path, &m.value, "a string"),
                }
                out.insert(m.key.clone(), Value::String(MASK.into()));
            }
            "event.poller.configuration" => {
                let (v, r) = poller_value(walk, &m.value, &path);
                poller = Some((v.clone(), r, m.value.span));
                out.insert(m.key.clone(), v);
            }
            "event.poller.urls" => {
                if let Some(s) = walk.string(&path, &m.value) {
                    if is_doc_placeholder(s) {
                        walk.report("placeholder-value", &path, At::Span(m.value.span), format!("`{s}` is the documentation's placeholder: list resources as `name|/url|…` lines, or use `event.poller.configuration`"));
                        continue;
                    }
                    if s.trim().is_empty() {
                        walk.report("normalized-legacy-urls", &path, At::Span(m.value.span), "the legacy `event.poller.urls` is empty: nothing to migrate, and it is dropped");
                        continue;
                    }
                    for line in legacy::migrate(s) {
                        match line {
                            Line::Resource { name, config } => legacy_resources.push((name, config, m.value.span, path.clone())),
                            Line::NamesOnly { line, names } => walk.report("legacy-urls", &path, At::Span(m.value.span), format!(
                                "line {} of `event.poller.urls` names resources ({}) without URLs; they relied on URLs built into Cloud Elements. Write each as `name|/url|…` or, better, an `event.poller.configuration` entry",
                                line + 1, names.join(", "))),
                            Line::Broken { line, message } => walk.report("legacy-urls", &path, At::Span(m.value.span), format!("line {} of `event.poller.urls`: {message}", line + 1)),
                        }
                    }
                } else {
                    out.insert(m.key.clone(), m.value.to_json());
                }
            }
            "tags" | "name" => {
                walk.report("misplaced-key", &path, At::Span(m.key_span), format!("`{key}` belongs at the top level of the instance body, not inside `configuration`"));
                out.insert(m.key.clone(), m.value.to_json());
            }
            k if k.starts_with("event.") && !EVENT_KEYS.contains(&k) => {
                let _ = mbase;
                walk.unknown_key(&path, m.key_span, k, EVENT_KEYS, "the configuration");
                out.insert(m.key.clone(), if secret { Value::String(MASK.into()) } else { m.value.to_json() });
            }
            k if !k.starts_with("event.") && m.value.get("url").is_some() && m.value.get("datesConfiguration").or(m.value.get("idField")).is_some() => {
                misplaced_resources.push((m, path));
            }
            k => {
                if let (Some(v), false) = (m.value.as_str(), secret) {
                    let lk = k.to_ascii_lowercase();
                    let t = v.trim();
                    if (lk.ends_with(".url") || lk.ends_with("_url")) && !t.is_empty() && !is_doc_placeholder(t)
                        && !(t.starts_with("http://") || t.starts_with("https://")) {
                        walk.report("config-url", &path, At::Span(m.value.span), format!("`{k}` is not an http(s) URL{}",
                            if t.contains(";//") || t.starts_with("https//") || t.starts_with("http//") { ": the `://` after the scheme is mistyped" } else { "" }));
                    }
                }
                let v = if secret && !matches!(m.value.kind, Kind::Null) { Value::String(MASK.into()) } else { m.value.to_json() };
                out.insert(m.key.clone(), v);
            }
        }
    }

    // Resources written straight into `configuration` are polled as if they were inside
    // `event.poller.configuration` (when there is none).
    if !misplaced_resources.is_empty() {
        let own = find("event.poller.configuration").is_some();
        let names: Vec<&str> = misplaced_resources.iter().map(|(m, _)| m.key.as_str()).collect();
        let mut map = match &poller {
            Some((Value::Object(map), ..)) => map.clone(),
            _ => Map::new(),
        };
        let mut extra = Vec::new();
        for (m, path) in &misplaced_resources {
            let what = if own { "it is not polled" } else { "it is polled as if it were" };
            walk.report("misplaced-key", path, At::Span(m.key_span), format!(
                "`{}` is a resource of the poller configuration written directly in `configuration`: move it inside `event.poller.configuration`; {what}", m.key));
            if own {
                out.insert(m.key.clone(), m.value.to_json());
                continue;
            }
            let (v, r) = resource(walk, &m.key, &m.value, path, &names);
            map.insert(m.key.clone(), v);
            extra.extend(r);
        }
        if !own {
            poller = Some((Value::Object(map.clone()), extra, span));
            out.insert("event.poller.configuration".into(), Value::Object(map));
        }
    }

    // Legacy lines join the JSON form; a JSON entry of the same name wins.
    let mut resources = Vec::new();
    let mut poller_json = match &poller {
        Some((Value::Object(map), ..)) => map.clone(),
        _ => Map::new(),
    };
    if let Some((_, r, _)) = poller.take() {
        resources = r;
    }
    if !legacy_resources.is_empty() {
        let names: Vec<String> = legacy_resources.iter().map(|(n, ..)| n.clone()).collect();
        let (lspan, path) = legacy_resources.first().map(|(_, _, s, p)| (*s, p.clone())).unwrap_or((span, base.to_string()));
        walk.report("normalized-legacy-urls", &path, At::Span(lspan), format!(
            "the legacy `event.poller.urls` was migrated to `event.poller.configuration` (resources: {})", names.join(", ")));
        for (name, cfg, lspan, _) in legacy_resources {
            if poller_json.contains_key(&name) {
                continue;
            }
            let rpath = pointer_push(&pointer_push(base, "event.poller.configuration"), &name);
            // Migrated values have no position of their own: point at the legacy string.
            let node = synthetic(&cfg, lspan);
            let (normalized, resource) = resource(walk, &name, &node, &rpath, &[]);
            if let Some(r) = resource {
                resources.push(r);
            }
            poller_json.insert(name, normalized);
        }
        out.insert("event.poller.configuration".into(), Value::Object(poller_json));
    }

    let configured = match out.get("event.poller.configuration") {
        Some(Value::Object(map)) => map.len(),
        _ => 0,
    };
    let vendor_polls = head.vendor_type.as_deref().is_none_or(|v| v == "polling");
    let has_poller_key = find("event.poller.configuration").is_some() || find("event.poller.urls").is_some() || !misplaced_resources.is_empty();
    if head.enabled && vendor_polls && configured == 0 && find("event.objects").is_none() {
        let at = enabled_node.unwrap_or(span);
        walk.report("nothing-to-poll", &pointer_push(base, "event.poller.configuration"), At::Span(at),
            "events are enabled for polling, but no resource is configured: add resources to `event.poller.configuration`");
    }
    if head.enabled && head.callback_url.is_none() && vendor_polls {
        walk.report("callback-url", &pointer_push(base, "event.notification.callback.url"), At::Span(find("event.notification.callback.url").map(|n| n.span).or(enabled_node).unwrap_or(span)),
            "events are enabled but `event.notification.callback.url` is missing: where should events go?");
    }
    if configured > 0 && !vendor_polls {
        let at = find("event.vendor.type").map(|n| n.span).unwrap_or(span);
        walk.report("vendor-type", &pointer_push(base, "event.vendor.type"), At::Span(at),
            "a poller configuration is given but `event.vendor.type` is not `polling`: the resources will not be polled unless it is");
    }
    if configured > 0 && !head.enabled && has_poller_key && (find("event.notification.enabled").is_some() || base == "/configuration") {
        let at = enabled_node.unwrap_or(span);
        walk.report("events-disabled", &pointer_push(base, "event.notification.enabled"), At::Span(at),
            "resources are configured but events are not enabled (`event.notification.enabled` is not true): nothing will be polled");
    }
    (Value::Object(out), head, resources)
}

/// A node for a value that was not written by the user (migrated), pointing at `span`.
fn synthetic(v: &Value, span: Span) -> Node {
    let kind = match v {
        Value::Null => Kind::Null,
        Value::Bool(b) => Kind::Bool(*b),
        Value::Number(n) => Kind::Number(n.to_string()),
        Value::String(s) => Kind::Str(s.clone()),
        Value::Array(a) => Kind::Array(a.iter().map(|x| synthetic(x, span)).collect()),
        Value::Object(o) => Kind::Object(
            o.iter()
                .map(|(k, x)| Member { key: k.clone(), key_span: span, value: synthetic(x, span) })
                .collect(),
        ),
    };
    Node { span: Span { layer: usize::MAX, ..span }, kind }
}

fn callback_url(walk: &mut Walk<'_>, path: &str, node: &Node, url: &str) {
    let u = url.trim();
    if is_doc_placeholder(u) {
        walk.report("callback-url", path, At::Span(node.span), format!("the callback URL is the documentation's placeholder `{u}`: write the https URL that should receive events"));
        return;
    }
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => {
            let hint = if u.starts_with("https;//") || u.starts_with("http;//") || u.starts_with("https//") || u.starts_with("https:/") {
                ": the `://` after the scheme is mistyped"
            } else {
                ": write an absolute http(s) URL such as https://example.com/events"
            };
            walk.report("callback-url", path, At::Span(node.span), format!("the callback URL is not an absolute URL{hint}"));
            return;
        }
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = host_port.rsplit('@').next().unwrap_or(host_port);
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| h.trim_start_matches('[')).unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if scheme != "http" && scheme != "https" {
        walk.report("callback-url", path, At::Span(node.span), format!("the callback URL's scheme is `{scheme}`: events are POSTed over http(s)"));
    } else if host.is_empty() || u.chars().any(char::is_whitespace) {
        walk.report("callback-url", path, At::Span(node.span), "the callback URL has no host, or contains blanks");
    } else if scheme == "http" && !(host == "localhost" || host.starts_with("127.") || host == "::1" || host.ends_with(".localhost")) {
        walk.report("callback-insecure", path, At::Span(node.span), format!("events (and their signature) would travel unencrypted to `{host}`: use https"));
    }
}

/// `event.poller.configuration` as an object or as a string holding JSON.
fn poller_value(walk: &mut Walk<'_>, node: &Node, path: &str) -> (Value, Vec<Resource>) {
    match &node.kind {
        Kind::Object(_) => poller_object(walk, node, path),
        Kind::Str(s) => {
            let t = s.trim();
            if t.is_empty() || t == "{}" {
                walk.report("normalized-string-config", path, At::Span(node.span), format!("the poller configuration is the string \"{t}\": no resources"));
                return (Value::Object(Map::new()), Vec::new());
            }
            if is_doc_placeholder(t) {
                walk.report("placeholder-value", path, At::Span(node.span), format!("`{t}` is the documentation's placeholder: put the poller configuration object here"));
                return (node.to_json(), Vec::new());
            }
            if !(t.starts_with('{') || t.starts_with('[')) {
                walk.report("type", path, At::Span(node.span), "expected the poller configuration (an object, or a string holding one); this string is not JSON");
                return (node.to_json(), Vec::new());
            }
            let Some(layer) = (node.span.layer != usize::MAX).then(|| walk.src.push_string_layer(node.span)).flatten() else {
                return (node.to_json(), Vec::new());
            };
            let inner = match walk.src.parse(layer) {
                Ok((tree, recovered)) => {
                    for e in &recovered {
                        walk.syntax(path, e);
                    }
                    tree
                }
                Err(e) => {
                    walk.syntax(path, &e);
                    return (node.to_json(), Vec::new());
                }
            };
            walk.report("normalized-string-config", path, At::Span(node.span),
                "`event.poller.configuration` is a string holding JSON; it is read as the object it holds");
            walk.duplicates(&inner, path);
            if let Kind::Str(_) = inner.kind {
                // Stringified twice.
                return poller_value(walk, &inner, path);
            }
            poller_object(walk, &inner, path)
        }
        Kind::Null => (Value::Null, Vec::new()),
        _ => {
            walk.wrong_type(path, node, "an object of resources (or a string holding one)");
            (node.to_json(), Vec::new())
        }
    }
}

fn poller_object(walk: &mut Walk<'_>, node: &Node, path: &str) -> (Value, Vec<Resource>) {
    let Kind::Object(members) = &node.kind else {
        walk.wrong_type(path, node, "an object of resources");
        return (node.to_json(), Vec::new());
    };
    let names: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
    let mut out = Map::new();
    let mut resources = Vec::new();
    for m in members {
        let rpath = pointer_push(path, &m.key);
        let (v, r) = resource(walk, &m.key, &m.value, &rpath, &names);
        out.insert(m.key.clone(), v);
        if let Some(r) = r {
            resources.push(r);
        }
    }
    (Value::Object(out), resources)
}

fn at_string(node: &Node, index: usize) -> At {
    At::Char(node.span, index)
}

fn resource(walk: &mut Walk<'_>, name: &str, node: &Node, path: &str, all_names: &[&str]) -> (Value, Option<Resource>) {
    let Kind::Object(members) = &node.kind else {
        walk.wrong_type(path, node, "an object with `url`, `idField` and `datesConfiguration`");
        return (node.to_json(), None);
    };
    let mut out = Map::new();
    let mut ok = true;
    let mut url: Option<(String, Template)> = None;
    let mut id_field = String::new();
    let mut dates_node: Option<&Node> = None;
    let mut hoisted_zone: Option<&super::source::Member> = None;
    let mut hoisted_tolerance: Option<&Node> = None;
    let mut filter_updated = None;
    let mut filter_current = None;
    let mut tolerance = None;
    let mut page_size = None;
    let mut poll_delay = None;
    let mut backfill = None;
    let mut change_detection = ChangeDetection::Dates;
    let mut detect_deletes = false;

    for m in members {
        let p = pointer_push(path, &m.key);
        match m.key.as_str() {
            "url" => {
                if let Some(s) = walk.string(&p, &m.value) {
                    url = check_url(walk, &p, &m.value, s);
                    ok &= url.is_some();
                } else {
                    ok = false;
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "idField" => {
                if let Some(s) = walk.string(&p, &m.value) {
                    id_field = s.trim().to_string();
                    check_id_field(walk, &p, &m.value, name, s, all_names);
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "datesConfiguration" => dates_node = Some(&m.value),
            "filterByUpdatedDate" => filter_updated = walk.boolean(&p, &m.value),
            "filterByCurrentDate" => filter_current = walk.boolean(&p, &m.value),
            "createdCheckTolerance" => tolerance = non_negative(walk, &p, &m.value, "`createdCheckTolerance` (seconds)"),
            "pollDelay" => poll_delay = non_negative(walk, &p, &m.value, "`pollDelay` (seconds)"),
            "pageSize" => {
                page_size = walk.whole(&p, &m.value, "number-range", "`pageSize`");
                if let Some(v) = page_size {
                    if v < 1 || v > i64::from(u32::MAX) {
                        walk.report("number-range", &p, At::Span(m.value.span), format!("`pageSize` must be at least 1, found {v}"));
                        page_size = None;
                    }
                }
            }
            "backfillFrom" => {
                backfill = backfill_from(walk, &p, &m.value);
                ok &= backfill.is_some();
                out.insert(m.key.clone(), m.value.to_json());
            }
            "changeDetection" => {
                match m.value.as_str() {
                    Some("dates") => {}
                    Some("hash") => change_detection = ChangeDetection::Hash,
                    _ => {
                        walk.report("detection", &p, At::Span(m.value.span), "`changeDetection` is `dates` (the default: by the updated date) or `hash` (by each record's content, for APIs without dates)");
                        ok = false;
                    }
                }
                out.insert(m.key.clone(), m.value.to_json());
            }
            "detectDeletes" => {
                detect_deletes = walk.boolean(&p, &m.value).unwrap_or(false);
                out.insert(m.key.clone(), Value::Bool(detect_deletes));
            }
            "updatedDateTimezone" | "createdDateTimezone" | "updatedDateField" | "updatedDateFormat" | "createdDateField" | "createdDateFormat" => {
                walk.report("misplaced-key", &p, At::Span(m.key_span), format!("`{}` belongs inside `datesConfiguration`; it is used as if it were there", m.key));
                hoisted_zone = Some(m);
            }
            k if RESOURCE_KEYS_IGNORED.contains(&k) => {
                out.insert(m.key.clone(), m.value.to_json());
            }
            k if m.value.get("url").is_some() => {
                walk.report("misplaced-key", &p, At::Span(m.key_span), format!(
                    "resource `{k}` is nested inside resource `{name}`: is a `}}` missing before it? It is not polled"));
                out.insert(m.key.clone(), m.value.to_json());
            }
            k => {
                walk.unknown_key(&p, m.key_span, k, RESOURCE_KEYS, &format!("resource `{name}`"));
                out.insert(m.key.clone(), m.value.to_json());
            }
        }
    }
    if url.is_none() && !members.iter().any(|m| m.key == "url") {
        walk.report("required", &pointer_push(path, "url"), At::Span(node.span), format!("resource `{name}` needs `url`: the path to fetch its records"));
        ok = false;
    }
    if !members.iter().any(|m| m.key == "idField") {
        walk.report("id-field", &pointer_push(path, "idField"), At::Span(node.span), format!("resource `{name}` has no `idField`: events will carry no objectId"));
    }

    // Dates.
    let mut dates_out = Map::new();
    let mut updated = None;
    let mut created = None;
    if let Some(d) = dates_node {
        let dpath = pointer_push(path, "datesConfiguration");
        if let Kind::Object(dm) = &d.kind {
            for m in dm {
                let p = pointer_push(&dpath, &m.key);
                if m.key == "createdCheckTolerance" || m.key == "filterByUpdatedDate" || m.key == "pollDelay" {
                    walk.report("misplaced-key", &p, At::Span(m.key_span), format!("`{}` belongs at the resource level, beside `datesConfiguration`; it is used as if it were there", m.key));
                    if m.key == "createdCheckTolerance" {
                        hoisted_tolerance = Some(&m.value);
                    }
                    continue;
                }
                if !DATE_KEYS.contains(&m.key.as_str()) {
                    walk.unknown_key(&p, m.key_span, &m.key, DATE_KEYS, "`datesConfiguration`");
                }
                dates_out.insert(m.key.clone(), m.value.to_json());
            }
            let get = |k: &str| dm.iter().rev().find(|m| m.key == k).map(|m| &m.value);
            let zone_of = |which: &str| get(&format!("{which}DateTimezone")).or(if which == "updated" { hoisted_zone.filter(|m| m.key == "updatedDateTimezone").map(|m| &m.value) } else { None });
            updated = date_field(walk, &dpath, "updated", get("updatedDateField"), get("updatedDateFormat"), zone_of("updated"), &mut ok);
            created = date_field(walk, &dpath, "created", get("createdDateField"), get("createdDateFormat"), zone_of("created"), &mut ok);
            if let (Some(u), Some(c)) = (&updated, &created) {
                if u.field == c.field {
                    walk.report("same-date-field", &pointer_push(&dpath, "createdDateField"), At::Span(get("createdDateField").map(|n| n.span).unwrap_or(d.span)),
                        format!("`{}` is both the created and the updated date: every event of `{name}` will be CREATED", u.field));
                }
            }
            if updated.is_none() && created.is_none() && ok && change_detection == ChangeDetection::Dates {
                walk.report("no-dates", &dpath, At::Span(d.span), format!("resource `{name}` configures no date field: without one, records cannot be told new from already seen"));
            }
        } else {
            walk.wrong_type(&dpath, d, "an object");
        }
        if let Some(m) = hoisted_zone {
            dates_out.entry(m.key.clone()).or_insert_with(|| m.value.to_json());
        }
        out.insert("datesConfiguration".into(), Value::Object(dates_out));
    } else if ok && change_detection == ChangeDetection::Dates {
        walk.report("no-dates", &pointer_push(path, "datesConfiguration"), At::Span(node.span),
            format!("resource `{name}` has no `datesConfiguration`: without a date, records cannot be told new from already seen"));
    }
    if let Some(t) = hoisted_tolerance {
        if tolerance.is_none() {
            tolerance = non_negative(walk, &pointer_push(&pointer_push(path, "datesConfiguration"), "createdCheckTolerance"), t, "`createdCheckTolerance` (seconds)");
        }
    }

    // Defaults made explicit.
    let mut defaults = Vec::new();
    let mut put = |out: &mut Map<String, Value>, key: &str, v: Option<Value>, default: Value| {
        match v {
            Some(v) => {
                out.insert(key.into(), v);
            }
            None => {
                defaults.push(format!("{key}: {default}"));
                out.insert(key.into(), default);
            }
        }
    };
    put(&mut out, "filterByUpdatedDate", filter_updated.map(Value::Bool), Value::Bool(true));
    put(&mut out, "filterByCurrentDate", filter_current.map(Value::Bool), Value::Bool(false));
    put(&mut out, "createdCheckTolerance", tolerance.map(Value::from), Value::from(0));
    put(&mut out, "pollDelay", poll_delay.map(Value::from), Value::from(0));
    if let Some(p) = page_size {
        out.insert("pageSize".into(), Value::from(p));
    }
    if !defaults.is_empty() {
        walk.report("normalized-defaults", path, At::Span(node.span), format!("defaults made explicit for `{name}`: {}", defaults.join(", ")));
    }

    let resource = match (ok, url) {
        (true, Some((url, template))) => Some(Resource {
            name: name.to_string(),
            url,
            template,
            id_field,
            updated,
            created,
            filter_by_updated_date: filter_updated.unwrap_or(true),
            filter_by_current_date: filter_current.unwrap_or(false),
            created_check_tolerance_secs: tolerance.unwrap_or(0),
            page_size: page_size.and_then(|p| u32::try_from(p).ok()),
            poll_delay_secs: poll_delay.unwrap_or(0),
            backfill_from_ms: backfill,
            change_detection,
            detect_deletes,
        }),
        _ => None,
    };
    (Value::Object(out), resource)
}

/// `backfillFrom`: an RFC 3339 / ISO-8601 date-time with offset, or epoch milliseconds.
fn backfill_from(walk: &mut Walk<'_>, path: &str, node: &Node) -> Option<i64> {
    let parsed = match &node.kind {
        Kind::Number(n) => n.parse::<i64>().ok(),
        Kind::Str(s) => chrono::DateTime::parse_from_rfc3339(s.trim()).ok().map(|d| d.timestamp_millis()),
        _ => None,
    };
    if parsed.is_none() {
        walk.report("detection", path, At::Span(node.span), "`backfillFrom` is a date-time with an offset (2024-01-01T00:00:00Z) or epoch milliseconds");
    }
    parsed
}

fn non_negative(walk: &mut Walk<'_>, path: &str, node: &Node, what: &str) -> Option<i64> {
    let v = walk.whole(path, node, "number-range", what)?;
    if v < 0 {
        walk.report("number-range", path, At::Span(node.span), format!("{what} cannot be negative, found {v}"));
        return None;
    }
    Some(v)
}

/// The URL: shape, stray characters, placeholders.
fn check_url(walk: &mut Walk<'_>, path: &str, node: &Node, raw: &str) -> Option<(String, Template)> {
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    let url = raw.trim();
    if url.is_empty() {
        walk.report("url", path, At::Span(node.span), "the URL is empty: write the path to fetch, e.g. /hubs/crm/contacts");
        return None;
    }
    if url.len() != raw.len() {
        walk.report("url-space", path, at_string(node, if lead > 0 { 0 } else { lead + url.chars().count() }), "the URL has blanks at its start or end; they are removed");
    }
    let mut ok = true;
    let lower = url.to_ascii_lowercase();
    let scheme = lower.split_once("://").map(|(s, _)| s.to_string());
    match scheme.as_deref() {
        Some("http") | Some("https") => {}
        None if url.starts_with('/') || url.starts_with("${") => {}
        None => {
            let hint = if url.starts_with("www.") || url.contains(".com") { "write https:// before the host" } else { "start the path with `/` (e.g. /hubs/crm/contacts)" };
            walk.report("url", path, at_string(node, lead), format!("the URL is neither a path nor an http(s) URL: {hint}"));
            ok = false;
        }
        Some(s) => {
            walk.report("url", path, at_string(node, lead), format!("the URL's scheme is `{s}`: write a path (/hubs/…) or an http(s) URL"));
            ok = false;
        }
    }
    if let Some(i) = url.chars().position(|c| c.is_whitespace() && c != ' ') {
        walk.report("url", path, at_string(node, lead + i), "the URL contains a line break or tab");
        ok = false;
    }
    let (template, errors) = Template::parse(url);
    for e in &errors {
        walk.report("template", path, at_string(node, lead + e.column.saturating_sub(1)), e.message.clone());
    }
    ok &= errors.is_empty();
    // Stray characters: braces or quotes that no placeholder explains.
    let outside = outside_placeholders(url);
    let n = url.chars().count();
    if let Some(i) = outside.iter().position(|&(_, c)| c == '}').map(|k| outside.get(k).map(|x| x.0).unwrap_or(0)) {
        let tail: String = url.chars().skip(i).collect();
        walk.report("url-stray", path, at_string(node, lead + i), format!("the URL has a stray `{tail}` with no `${{` before it: delete it (it looks left over from an example)"));
        ok = false;
    } else {
        let quotes: Vec<usize> = outside.iter().filter(|(_, c)| *c == '\'').map(|(i, _)| *i).collect();
        if quotes.len() % 2 == 1 {
            let last = quotes.last().copied().unwrap_or(n);
            let double = last > 0 && outside.iter().any(|&(i, c)| i + 1 == last && c == '\'');
            let hint = if double && last + 1 == n { ": the URL ends with `''` where one `'` closes the value" } else { ": one quote is not closed, or is one too many" };
            walk.report("url-stray", path, at_string(node, lead + last), format!("the URL has an odd number of single quotes outside placeholders{hint}"));
            ok = false;
        }
    }
    if errors.is_empty() && !template.has_placeholder() {
        walk.report("url-no-placeholder", path, At::Span(node.span), "the URL has no date placeholder (such as ${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}): every poll fetches all records and filters them here");
    }
    ok.then(|| (url.to_string(), template))
}

/// Characters outside `${…}` placeholders, with their indices.
fn outside_placeholders(url: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = url.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            let mut depth = 0usize;
            let mut j = i + 1;
            while let Some(&d) = chars.get(j) {
                if d == '{' {
                    depth += 1;
                } else if d == '}' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                j += 1;
            }
            i = j + 1;
            continue;
        }
        out.push((i, c));
        i += 1;
    }
    out
}

fn singular(word: &str) -> String {
    let w: String = word.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if w.ends_with(suffix) {
            return w.get(..w.len() - 2).unwrap_or(&w).to_string();
        }
    }
    w.strip_suffix('s').map(str::to_string).unwrap_or(w)
}

fn check_id_field(walk: &mut Walk<'_>, path: &str, node: &Node, resource: &str, id: &str, all_names: &[&str]) {
    if id.trim().is_empty() {
        walk.report("id-field", path, At::Span(node.span), format!("`idField` of `{resource}` is blank: events will carry no objectId; name the record's id field (e.g. \"id\")"));
        return;
    }
    let last = id.rsplit('.').next().unwrap_or(id);
    let lower = last.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix("id").map(|s| s.trim_end_matches(['_', '-'])) else { return };
    if stem.len() < 3 {
        return;
    }
    let own = singular(resource.rsplit('/').find(|s| !s.is_empty()).unwrap_or(resource));
    if own.contains(stem) || stem.contains(own.as_str()) {
        return;
    }
    // Generic stems (`transactionId`, `recordId`) and synonyms (a HubSpot account is a
    // company, a Pipedrive opportunity a deal) are not copies.
    const GENERIC: &[&str] = &["transaction", "record", "object", "entity", "item", "event", "internal", "external", "unique", "remote", "vendor", "system"];
    const SYNONYMS: &[(&str, &str)] = &[("account", "company"), ("opportunity", "deal"), ("customer", "account"), ("customer", "company"), ("contact", "person"), ("lead", "person"), ("user", "member"), ("employee", "worker")];
    if GENERIC.contains(&stem) || SYNONYMS.iter().any(|&(a, b)| (a == own && b == stem) || (b == own && a == stem)) {
        return;
    }
    let other = all_names.iter().find(|n| **n != resource && singular(n) == stem).map(|n| n.to_string());
    let hub = HUB_NOUNS.iter().find(|n| **n == stem).filter(|_| HUB_NOUNS.contains(&own.as_str())).map(|n| n.to_string());
    if let Some(noun) = other.or(hub) {
        let guess = if last.ends_with("Id") && !own.is_empty() { format!(" (did you mean `{}Id`?)", own) } else { String::new() };
        walk.report("id-field", path, At::Span(node.span), format!(
            "`idField` `{id}` of resource `{resource}` names the id of `{noun}`: copied from another resource?{guess}"));
    }
}

/// One of the two date fields: field, format and zone.
fn date_field(
    walk: &mut Walk<'_>,
    dpath: &str,
    which: &str,
    field: Option<&Node>,
    format: Option<&Node>,
    zone: Option<&Node>,
    ok: &mut bool,
) -> Option<DateField> {
    let fpath = pointer_push(dpath, &format!("{which}DateField"));
    let mpath = pointer_push(dpath, &format!("{which}DateFormat"));
    let zpath = pointer_push(dpath, &format!("{which}DateTimezone"));
    let field_s = field.and_then(|n| walk.string(&fpath, n)).map(str::trim).filter(|s| !s.is_empty());
    let format_s = format.and_then(|n| walk.string(&mpath, n)).filter(|s| !s.trim().is_empty());
    let zone_s = zone.and_then(|n| walk.string(&zpath, n)).map(str::trim).filter(|s| !s.is_empty());

    let zone_ok = match (zone_s, zone) {
        (Some(z), Some(zn)) => match Zone::parse(z) {
            Ok(_) => true,
            Err(_) => {
                let hint = match z.to_ascii_uppercase().as_str() {
                    "CEST" | "CET" | "EDT" | "PDT" | "CDT" | "MDT" | "BST" => " (Java has no such id; use a region such as Europe/Paris or America/New_York)",
                    _ => "",
                };
                walk.report("timezone", &zpath, At::Span(zn.span), format!("unknown time zone `{z}`{hint}: write an IANA name (America/Denver), GMT, or an offset (-06:00)"));
                *ok = false;
                false
            }
        },
        _ => true,
    };
    let compiled = match (format_s, format) {
        (Some(p), Some(pn)) => {
            let zone_opt = if zone_ok { zone_s.map(str::to_string) } else { None };
            match JavaDateFormat::new(p, Options { zone: zone_opt, ..Options::default() }) {
                Ok(f) => {
                    lossy(walk, &mpath, pn, p, zone_s.is_some());
                    Some(f)
                }
                Err(FormatError::Pattern(e)) => {
                    let hint = if p.trim_end_matches('\'') == "milliseconds" {
                        ": write `milliseconds` without the quote".to_string()
                    } else if p.matches('\'').count() % 2 == 1 {
                        ": the pattern has an odd number of `'`; quote literal text in pairs ('T'), and delete a stray one".to_string()
                    } else {
                        String::new()
                    };
                    walk.report("date-format", &mpath, at_string(pn, e.column.saturating_sub(1)), format!("the date format `{p}` does not compile: {}{hint}", e.message));
                    *ok = false;
                    None
                }
                Err(FormatError::Zone(_)) => None,
            }
        }
        _ => None,
    };
    match (field_s, format_s) {
        (Some(_), None) => {
            let at = field.map(|n| n.span).unwrap_or(Span { layer: 0, start: 0, end: 0 });
            walk.report("date-field-missing", &mpath, At::Span(at), format!("`{which}DateField` is set but `{which}DateFormat` is not: the dates cannot be read (use `milliseconds` for epoch ms)"));
            None
        }
        (None, Some(_)) => {
            let at = format.map(|n| n.span).unwrap_or(Span { layer: 0, start: 0, end: 0 });
            walk.report("date-field-missing", &fpath, At::Span(at), format!("`{which}DateFormat` is set but `{which}DateField` is not: which field holds the date?"));
            None
        }
        (Some(f), Some(p)) => compiled.map(|format| DateField {
            field: f.to_string(),
            pattern: p.to_string(),
            zone: zone_s.filter(|_| zone_ok).unwrap_or("UTC").to_string(),
            format,
        }),
        (None, None) => None,
    }
}

/// Patterns that compile but do not read what they seem to.
fn lossy(walk: &mut Walk<'_>, path: &str, node: &Node, pattern: &str, has_zone_key: bool) {
    if let Some(i) = pattern.find("SSSS") {
        let col = pattern.get(..i).map(|s| s.chars().count()).unwrap_or(0);
        walk.report("date-format-lossy", path, at_string(node, col), format!(
            "`{pattern}`: SimpleDateFormat reads the digits of `SSSS…` as a count of milliseconds, so .123456 adds 123 seconds; write `SSS` and let the rest be ignored only if the API sends exactly three digits"));
    }
    let has_offset = {
        let mut quoted = false;
        pattern.chars().any(|c| {
            if c == '\'' {
                quoted = !quoted;
            }
            !quoted && matches!(c, 'X' | 'Z' | 'z' | 'x' | 'O' | 'V')
        })
    };
    if has_offset && has_zone_key {
        walk.report("date-format-lossy", path, At::Span(node.span), format!(
            "`{pattern}` reads the offset from the text, so the time-zone key only applies to dates without one"));
    }
}
