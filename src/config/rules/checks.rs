//! Checks of single values: URLs and their placeholders, `idField`, date fields and
//! patterns.

use super::*;

/// The URL: shape, stray characters, placeholders.
pub(super) fn check_url(walk: &mut Walk<'_>, path: &str, node: &Node, raw: &str) -> Option<(String, Template)> {
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
pub(super) fn outside_placeholders(url: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = url.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            match crate::template::closing_brace(&chars, i) {
                Some(end) => i = end + 1,
                None => break,
            }
            continue;
        }
        out.push((i, c));
        i += 1;
    }
    out
}

pub(super) fn singular(word: &str) -> String {
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

pub(super) fn check_id_field(walk: &mut Walk<'_>, path: &str, node: &Node, resource: &str, id: &str, all_names: &[&str]) {
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
pub(super) fn date_field(
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
pub(super) fn lossy(walk: &mut Walk<'_>, path: &str, node: &Node, pattern: &str, has_zone_key: bool) {
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
