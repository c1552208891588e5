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

mod body;
mod checks;
mod configuration;
mod resource;

use body::*;
use checks::*;
use configuration::*;
use resource::*;

pub(super) const TOP_KEYS: &[&str] = &["element", "providerData", "configuration", "tags", "name"];
/// Read-only keys of a stored instance (a `GET /instances` response), accepted silently.
pub(super) const STORED_KEYS: &[&str] = &[
    "id", "token", "provisionInteractions", "valid", "disabled", "maxCacheSize", "cacheTimeToLive",
    "eventsEnabled", "traceLoggingEnabled", "cachingEnabled", "externalAuthentication", "user",
    "createdDate", "updatedDate", "description", "authenticationType", "channelName", "formulaInstances",
];
pub(super) const EVENT_KEYS: &[&str] = &[
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
pub(super) const RESOURCE_KEYS: &[&str] = &[
    "url", "idField", "datesConfiguration", "filterByUpdatedDate", "filterByCurrentDate",
    "createdCheckTolerance", "pageSize", "pollDelay", "backfillFrom", "changeDetection", "detectDeletes",
];
/// Keys of Cloud Elements' successors and of the legacy form: known, accepted, unused.
pub(super) const RESOURCE_KEYS_IGNORED: &[&str] = &[
    "xPath", "batchSize", "postHooks", "postHookPipelines", "useLastPollDate", "useHydrationBeforePostHooks",
    "objectName", "parameters",
];
pub(super) const DATE_KEYS: &[&str] = &[
    "updatedDateField", "updatedDateFormat", "updatedDateTimezone", "createdDateField", "createdDateFormat",
    "createdDateTimezone",
];
/// Objects that Cloud Elements hubs poll; an `idField` named for another one was copied.
pub(super) const HUB_NOUNS: &[&str] = &[
    "account", "contact", "lead", "opportunity", "message", "invoice", "order", "customer", "product",
    "user", "ticket", "incident", "employee", "campaign", "payment", "company", "deal", "task", "note",
    "vendor", "bill", "item", "event", "file", "folder", "document", "envelope", "agreement", "group",
];

pub(super) struct Walk<'s> {
    pub(super) src: &'s mut Source,
    pub(super) diags: Vec<Diagnostic>,
}

/// Where a diagnostic points: a whole value, a key, or one character inside a string.
#[derive(Clone, Copy)]
pub(super) enum At {
    Span(Span),
    Char(Span, usize),
}

impl Walk<'_> {
    pub(super) fn report(&mut self, code: &'static str, path: &str, at: At, message: impl Into<String>) {
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

    pub(super) fn syntax(&mut self, path: &str, e: &SyntaxError) {
        let code = match e.kind {
            SyntaxKind::Comment => "json-comment",
            SyntaxKind::TrailingComma => "json-trailing-comma",
            SyntaxKind::Truncated => "json-truncated",
            _ => "json-syntax",
        };
        self.report(code, path, At::Span(e.span), e.message.clone());
    }

    pub(super) fn duplicates(&mut self, node: &Node, path: &str) {
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

    pub(super) fn unknown_key(&mut self, path: &str, span: Span, key: &str, known: &[&str], context: &str) {
        let message = match suggest(key, known) {
            Some(s) => format!("unknown key `{key}` in {context}: did you mean `{s}`?"),
            None => format!("unknown key `{key}` in {context}; it is ignored"),
        };
        self.report("unknown-key", path, At::Span(span), message);
    }

    pub(super) fn wrong_type(&mut self, path: &str, node: &Node, want: &str) {
        self.report("type", path, At::Span(node.span), format!("expected {want}, found {}", node.type_name()));
    }

    /// A boolean, or `"true"`/`"false"` (normalized, with an info).
    pub(super) fn boolean(&mut self, path: &str, node: &Node) -> Option<bool> {
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
    pub(super) fn whole(&mut self, path: &str, node: &Node, code: &'static str, what: &str) -> Option<i64> {
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

    pub(super) fn string<'n>(&mut self, path: &str, node: &'n Node) -> Option<&'n str> {
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
pub(super) fn is_doc_placeholder(s: &str) -> bool {
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
pub(super) fn looks_like_legacy_urls(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or("");
    let mut fields = first.split('|');
    let name = fields.next().unwrap_or("").trim();
    let url = fields.next().unwrap_or("").trim();
    !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
        && (url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://"))
}

/// `"a": 1, "b": 2` is a fragment of an object: check it as if wrapped, and say so.
pub(super) fn fragment(walk: &mut Walk<'_>, layer: usize, e: &SyntaxError) -> Option<Node> {
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

pub(super) fn shift(mut node: Node, by: isize, layer: usize) -> Node {
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

pub(super) fn finish(mut diags: Vec<Diagnostic>, instance: Option<Value>, config: Option<Instance>, positions: bool) -> Report {
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
