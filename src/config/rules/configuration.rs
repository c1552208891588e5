//! The `configuration` object: event keys, the callback URL, the legacy `event.poller.urls`,
//! settings for element profiles, and the checks across keys (nothing to poll, vendor type).

use super::*;

/// The `configuration` object: event keys checked and normalized, secrets masked.
/// `members` are the configuration's keys with the pointer of the object each was written
/// in: usually all in `configuration`, but keys written one level too high join them.
pub(super) fn configuration(walk: &mut Walk<'_>, members: &[(&Member, String)], span: Span, base: &str) -> (Value, Head, Vec<Resource>) {
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
pub(super) fn synthetic(v: &Value, span: Span) -> Node {
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

pub(super) fn callback_url(walk: &mut Walk<'_>, path: &str, node: &Node, url: &str) {
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
