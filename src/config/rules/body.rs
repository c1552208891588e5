//! The top of the body: its shape (whole body, `configuration` alone, poller configuration
//! alone, definition entry), `element`, `name`, `tags`, `providerData`.

use super::*;

/// What kind of text this is, and where the configuration and poller configuration are.
pub(super) fn body(walk: &mut Walk<'_>, root: &Node) -> (Value, Option<Instance>) {
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
pub(super) struct Head {
    pub(super) element_key: Option<String>,
    pub(super) name: Option<String>,
    pub(super) enabled: bool,
    pub(super) vendor_type: Option<String>,
    pub(super) callback_url: Option<String>,
    pub(super) refresh: Option<u32>,
    pub(super) signature_key: Option<Secret>,
    pub(super) settings: std::collections::BTreeMap<String, Secret>,
}

pub(super) fn instance_from(h: Head, resources: Vec<Resource>) -> Instance {
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

pub(super) fn set(out: &mut Value, key: &str, v: Value) {
    if let Value::Object(map) = out {
        map.insert(key.to_string(), v);
    }
}

pub(super) fn mask_all(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), mask_all(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(mask_all).collect()),
        Value::Null => Value::Null,
        _ => Value::String(MASK.into()),
    }
}
