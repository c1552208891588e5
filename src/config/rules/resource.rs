//! One resource of the poller configuration (also when it arrives as a string holding JSON):
//! its keys, dates, defaults, and our detection extensions.

use super::*;

/// `event.poller.configuration` as an object or as a string holding JSON.
pub(super) fn poller_value(walk: &mut Walk<'_>, node: &Node, path: &str) -> (Value, Vec<Resource>) {
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

pub(super) fn poller_object(walk: &mut Walk<'_>, node: &Node, path: &str) -> (Value, Vec<Resource>) {
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

pub(super) fn at_string(node: &Node, index: usize) -> At {
    At::Char(node.span, index)
}

pub(super) fn resource(walk: &mut Walk<'_>, name: &str, node: &Node, path: &str, all_names: &[&str]) -> (Value, Option<Resource>) {
    let Kind::Object(members) = &node.kind else {
        walk.wrong_type(path, node, "an object with `url`, `idField` and `datesConfiguration`");
        return (node.to_json(), None);
    };
    let mut out = Map::new();
    let mut ok = true;
    let mut url: Option<(String, Template)> = None;
    let mut id_field = String::new();
    let mut dates_node: Option<&Node> = None;
    let mut hoisted_zone: Option<&Member> = None;
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
pub(super) fn backfill_from(walk: &mut Walk<'_>, path: &str, node: &Node) -> Option<i64> {
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

pub(super) fn non_negative(walk: &mut Walk<'_>, path: &str, node: &Node, what: &str) -> Option<i64> {
    let v = walk.whole(path, node, "number-range", what)?;
    if v < 0 {
        walk.report("number-range", path, At::Span(node.span), format!("{what} cannot be negative, found {v}"));
        return None;
    }
    Some(v)
}
