//! One poll cycle over every resource of an instance: fetch, detect, deliver, commit.
//!
//! Why one place for the order of things: the guarantee "nothing lost, repeats carry the
//! same id" holds only if a resource's state is committed after *every* notification of
//! its cycle was acknowledged, and never otherwise. All I/O goes through [`Transport`]
//! (fetch in wasm, a fake in native tests), so this order is tested without a network.
//!
//! A failing resource never blocks the others: each gets its own report and keeps its
//! state when anything about it failed.

pub mod profile;
mod retry;

use std::collections::BTreeMap;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::config::Instance;
use crate::deliver::{self, Target};
use crate::detect::{self, fields, BadRecord, Spec, State};
use crate::template::Moment;
pub use profile::{HeaderValue, Paging, Profile};
pub use retry::{backoff_ms, retry_after_ms, Policy};


/// An HTTP request. Header values may be credentials: never log a `Request`.
#[derive(Clone)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timeout_ms: u32,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.url)
    }
}

#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    Timeout,
    Network(String),
}

/// What the poller needs from the world: HTTP, a clock and a timer.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, req: Request) -> Result<Response, TransportError>;
    async fn sleep(&self, ms: u64);
    fn now_ms(&self) -> i64;
    /// A number in [0, 1) for backoff jitter.
    fn random(&self) -> f64;
}

#[derive(Clone, Debug)]
pub struct Options {
    pub dry_run: bool,
    pub policy: Policy,
    /// Pages per resource per cycle; the rest waits for the next cycle.
    pub max_pages: u32,
    /// Time per resource per cycle for paging (ms); the rest waits for the next cycle.
    pub max_ms: i64,
}

impl Options {
    /// Options from the JS API's JSON (`{"attempts", "baseMs", "capMs", "timeoutMs",
    /// "maxPages", "maxMs"}`, each optional); out-of-range values are clamped.
    pub fn tuned(dry_run: bool, t: &serde_json::Value) -> Options {
        let mut o = Options { dry_run, ..Options::default() };
        let num = |k: &str| t.get(k).and_then(serde_json::Value::as_f64).filter(|v| v.is_finite() && *v >= 0.0);
        if let Some(v) = num("attempts") {
            o.policy.attempts = (v as u32).max(1);
        }
        if let Some(v) = num("baseMs") {
            o.policy.base_ms = v as u64;
        }
        if let Some(v) = num("capMs") {
            o.policy.cap_ms = v as u64;
        }
        if let Some(v) = num("timeoutMs") {
            o.policy.timeout_ms = (v as u32).max(1);
        }
        if let Some(v) = num("maxPages") {
            o.max_pages = (v as u32).max(1);
        }
        if let Some(v) = num("maxMs") {
            o.max_ms = v as i64;
        }
        o
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { dry_run: false, policy: Policy::default(), max_pages: 200, max_ms: 10 * 60_000 }
    }
}

/// What happened to one resource in one cycle.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceReport {
    pub resource: String,
    pub pages: u32,
    pub fetched: usize,
    pub events: usize,
    pub delivered: usize,
    pub notifications: usize,
    pub skipped: Vec<BadRecord>,
    pub errors: Vec<String>,
    /// Whether the new state was saved (all delivered, not a dry run).
    pub committed: bool,
    /// The cursor after this cycle (epoch ms), as saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<i64>,
    /// Whether the page budget stopped paging early.
    pub truncated: bool,
    /// Ids of the events detected (delivered when `committed`).
    pub event_ids: Vec<String>,
    /// Ids (`eventId`) of the notifications acknowledged, with their event counts.
    pub notification_ids: Vec<(String, usize)>,
    /// Wall time of the three phases, by the transport's clock.
    pub fetch_ms: i64,
    pub detect_ms: i64,
    pub deliver_ms: i64,
}

#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CycleReport {
    pub started: i64,
    pub finished: i64,
    pub resources: Vec<ResourceReport>,
}

/// A configured poller: the validated instance, its profile and its state.
pub struct Poller {
    instance: Instance,
    instance_id: String,
    profile: Profile,
    specs: Vec<Spec>,
    states: BTreeMap<String, State>,
    target: Target,
}

pub const STATE_VERSION: u32 = 1;

impl Poller {
    /// `state` is what [`Poller::state`] returned before (or `None`). A resource whose saved
    /// state does not fit its configuration is refused here, with the reason.
    pub fn new(instance: Instance, instance_id: &str, state: Option<&serde_json::Value>) -> Result<Poller, String> {
        Poller::with_reset(instance, instance_id, state, &[])
    }

    /// As [`Poller::new`], dropping the saved state of the resources named in `reset`: they
    /// start again at "now" (the way out when a configuration change made a state unusable).
    /// An empty `instance_id` defaults to the instance's name, else its element key.
    pub fn with_reset(instance: Instance, instance_id: &str, state: Option<&serde_json::Value>, reset: &[String]) -> Result<Poller, String> {
        let default_id = instance.name.clone().or(instance.element_key.clone()).unwrap_or_default();
        let instance_id = if instance_id.is_empty() { default_id.as_str() } else { instance_id };
        if let Some(unknown) = reset.iter().find(|r| !instance.resources.iter().any(|x| &x.name == *r)) {
            return Err(format!("cannot reset `{unknown}`: no such resource"));
        }
        let profile = Profile::for_instance(&instance);
        let mut specs = Vec::new();
        for r in &instance.resources {
            specs.push(Spec::new(instance_id, r).map_err(|e| e.0)?);
        }
        let mut states = BTreeMap::new();
        if let Some(s) = state.filter(|s| !s.is_null()) {
            let version = s.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
            if version != u64::from(STATE_VERSION) {
                return Err(format!("the saved poller state has version {version}; this library reads {STATE_VERSION}"));
            }
            if let Some(map) = s.get("resources").and_then(serde_json::Value::as_object) {
                for spec in specs.iter().filter(|s| !reset.contains(&s.resource)) {
                    if let Some(v) = map.get(&spec.resource) {
                        let st = detect::load_state(spec, v).map_err(|e| format!("resource `{}`: {e}", spec.resource))?;
                        states.insert(spec.resource.clone(), st);
                    }
                }
            }
        }
        let callback_url = instance.callback_url.clone().unwrap_or_default();
        let target = Target {
            element_key: instance.element_key.clone().unwrap_or_default(),
            instance_id: instance_id.to_string(),
            callback_url,
            signature_key: instance.signature_key.clone(),
        };
        Ok(Poller { instance, instance_id: instance_id.to_string(), profile, specs, states, target })
    }

    /// The state to save: JSON, versioned, one entry per resource.
    pub fn state(&self) -> serde_json::Value {
        let resources: serde_json::Map<String, serde_json::Value> =
            self.states.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        serde_json::json!({ "version": STATE_VERSION, "instanceId": self.instance_id, "resources": resources })
    }

    pub fn refresh_interval_minutes(&self) -> u32 {
        self.instance.refresh_interval_minutes.unwrap_or(15)
    }

    /// One cycle over every resource, in configuration order.
    pub async fn poll_once<T: Transport>(&mut self, t: &T, opts: &Options) -> CycleReport {
        let started = t.now_ms();
        let mut report = CycleReport { started, ..CycleReport::default() };
        if let Err(e) = self.discover(t, opts).await {
            for spec in &self.specs {
                report.resources.push(ResourceReport { resource: spec.resource.clone(), errors: vec![e.clone()], ..Default::default() });
            }
            report.finished = t.now_ms();
            return report;
        }
        for i in 0..self.specs.len() {
            let r = self.poll_resource(t, opts, i).await;
            report.resources.push(r);
        }
        report.finished = t.now_ms();
        report
    }

    /// Fills in iContact's account and folder ids when the configuration lacks them.
    async fn discover<T: Transport>(&mut self, t: &T, opts: &Options) -> Result<(), String> {
        let Some((accounts_url, host)) = profile::icontact_discovery(&self.profile.base_url) else { return Ok(()) };
        let headers = self.headers();
        let body = self.get_json(t, opts, &accounts_url, &headers).await?;
        let account = first_id(&body, "accounts", "accountId").ok_or("iContact listed no account (GET /icp/a/)")?;
        let folders_url = format!("{host}/icp/a/{account}/c/");
        let body = self.get_json(t, opts, &folders_url, &headers).await?;
        let folder = first_id(&body, "clientfolders", "clientFolderId").ok_or("iContact listed no client folder (GET /icp/a/{accountId}/c/)")?;
        self.profile.base_url = format!("{host}/icp/a/{account}/c/{folder}");
        Ok(())
    }

    async fn get_json<T: Transport>(&self, t: &T, opts: &Options, url: &str, headers: &[(String, String)]) -> Result<serde_json::Value, String> {
        let req = Request { method: "GET", url: url.to_string(), headers: headers.to_vec(), body: None, timeout_ms: opts.policy.timeout_ms };
        let res = retry::send(t, &opts.policy, req).await?;
        serde_json::from_slice(&res.body).map_err(|e| format!("GET {}: the response is not JSON: {e}", strip_query(url)))
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.profile
            .headers
            .iter()
            .filter_map(|(name, v)| match v {
                HeaderValue::Fixed(x) => Some((name.clone(), x.clone())),
                HeaderValue::Setting(k) => self.instance.setting(k).map(|x| (name.clone(), x.to_string())),
            })
            .collect()
    }

    /// What the first request of each resource would be now, from the saved state, without
    /// any I/O: for people checking their placeholders (credentials are not part of URLs).
    pub fn preview(&self, now_ms: i64) -> Vec<(String, String)> {
        (0..self.specs.len())
            .filter_map(|i| self.plan(i, now_ms))
            .map(|p| {
                let url = page_url(&self.profile.paging, &p.base, &p.path, p.page_size, 0, first_page(&self.profile.paging), None);
                // As rendered, before percent-encoding: easier to read and to compare with the config.
                (p.spec.resource.clone(), crate::config::mask_url_password(&url))
            })
            .collect()
    }

    fn plan(&self, i: usize, now: i64) -> Option<PagePlan> {
        let spec = self.specs.get(i)?.clone();
        let resource = self.instance.resources.get(i)?;
        let saved = self.states.get(&spec.resource).cloned();
        let cursor = saved.as_ref().and_then(|s| s.cursor).or(spec.backfill_from_ms).unwrap_or_else(|| spec.floor_now(now));
        let since = cursor.saturating_sub(spec.poll_delay_ms);
        let bare = resource.updated.as_ref().or(resource.created.as_ref()).map(|d| &d.format);
        let url = resource.template.render(&Moment { since_ms: since, now_ms: now, bare_date: bare });
        let (path, records_path) = self.profile.map_url(&url);
        let base = if path.starts_with("http://") || path.starts_with("https://") { String::new() } else { self.profile.base_url.clone() };
        let page_size = resource.page_size.unwrap_or(self.profile.default_page_size).max(1);
        Some(PagePlan { spec, saved, path, records_path, base, page_size })
    }

    async fn poll_resource<T: Transport>(&mut self, t: &T, opts: &Options, i: usize) -> ResourceReport {
        let now = t.now_ms();
        let Some(PagePlan { spec, saved, path, records_path, base, page_size }) = self.plan(i, now) else { return ResourceReport::default() };
        let mut rep = ResourceReport { resource: spec.resource.clone(), ..Default::default() };
        let headers = self.headers();

        // Fetch every page (or until the budget says stop).
        // Each page is read once; its records are kept as raw JSON (copied out of the page,
        // never re-serialized) so the page text can go.
        let mut owned: Vec<Box<RawValue>> = Vec::new();
        let mut records_path = records_path;
        let mut offset: u64 = 0;
        let mut page_no = first_page(&self.profile.paging);
        let mut next: Option<String> = None;
        loop {
            if rep.pages >= opts.max_pages || (rep.pages > 0 && t.now_ms() - now > opts.max_ms) {
                rep.truncated = true;
                break;
            }
            let url = page_url(&self.profile.paging, &base, &path, page_size, offset, page_no, next.as_deref());
            let req = Request { method: "GET", url: encode_url(&url), headers: headers.clone(), body: None, timeout_ms: opts.policy.timeout_ms };
            let res = match retry::send(t, &opts.policy, req).await {
                Ok(r) => r,
                Err(e) => {
                    rep.errors.push(e);
                    return rep;
                }
            };
            rep.pages += 1;
            let text = match String::from_utf8(res.body) {
                Ok(s) => s,
                Err(_) => {
                    rep.errors.push(format!("page {} of `{}` is not UTF-8 text", rep.pages, spec.resource));
                    return rep;
                }
            };
            if records_path.0.is_empty() {
                if let Some(p) = single_array(&text) {
                    records_path = p;
                }
            }
            let n = match fields::records(&text, &records_path) {
                Ok(r) => {
                    let n = r.len();
                    owned.extend(r.into_iter().map(ToOwned::to_owned));
                    n
                }
                Err(e) => {
                    rep.errors.push(format!("page {} of `{}`: {e}", rep.pages, spec.resource));
                    return rep;
                }
            };
            next = match &self.profile.paging {
                Paging::NextLink { path } | Paging::NextToken { path, .. } => text_at(&text, path),
                _ => None,
            };
            let full = n as u64 >= u64::from(page_size) && n > 0;
            match &self.profile.paging {
                Paging::OffsetLimit { .. } if full => offset += n as u64,
                Paging::Page { .. } if full => page_no += 1,
                Paging::NextLink { .. } | Paging::NextToken { .. } if next.is_some() && n > 0 => {}
                _ => break,
            }
        }
        let fetched_at = t.now_ms();
        rep.fetch_ms = fetched_at - now;
        let records: Vec<&RawValue> = owned.iter().map(AsRef::as_ref).collect();
        rep.fetched = records.len();
        let out = detect::detect(&spec, saved.as_ref(), &records, now);
        rep.events = out.events.len();
        rep.skipped = out.stats.bad.clone();
        rep.event_ids = out.events.iter().map(|e| e.id.clone()).collect();
        let detected_at = t.now_ms();
        rep.detect_ms = detected_at - fetched_at;
        if opts.dry_run {
            rep.cursor = saved.and_then(|s| s.cursor);
            return rep;
        }
        let notes = deliver::notifications(&self.target, &spec.resource, &out.events, &records, now);
        rep.notifications = notes.len();
        for n in &notes {
            match self.post(t, opts, n).await {
                Ok(()) => {
                    rep.delivered += n.event_ids.len();
                    rep.notification_ids.push((n.id.clone(), n.event_ids.len()));
                }
                Err(e) => {
                    rep.errors.push(e);
                    // Not acknowledged: keep the old state; the next cycle re-sends with the same ids.
                    rep.cursor = saved.and_then(|s| s.cursor);
                    rep.deliver_ms = t.now_ms() - detected_at;
                    return rep;
                }
            }
        }
        rep.deliver_ms = t.now_ms() - detected_at;
        rep.cursor = out.state.cursor;
        self.states.insert(spec.resource.clone(), out.state);
        rep.committed = true;
        rep
    }

    async fn post<T: Transport>(&self, t: &T, opts: &Options, n: &deliver::Notification) -> Result<(), String> {
        let make = || {
            let headers = deliver::headers(&self.target, n, t.now_ms().div_euclid(1000)).map_err(|e| e.to_string())?;
            Ok(Request { method: "POST", url: self.target.callback_url.clone(), headers, body: Some(n.body.clone()), timeout_ms: opts.policy.timeout_ms })
        };
        match retry::with_retries(t, &opts.policy, make).await? {
            Ok(_) => Ok(()),
            Err(retry::Failed::Refused(status)) => Err(format!("the callback answered {status} for notification {}: not retried", n.id)),
            Err(retry::Failed::GaveUp(last, attempts)) => {
                let why = match last {
                    retry::Last::Status(s) => format!("answered {s}"),
                    retry::Last::Timeout => "timed out".into(),
                    retry::Last::Network(e) => format!("failed: {e}"),
                };
                Err(format!("the callback {why} for notification {} after {attempts} attempts", n.id))
            }
        }
    }
}

struct PagePlan {
    spec: Spec,
    saved: Option<State>,
    path: String,
    records_path: fields::Path,
    base: String,
    page_size: u32,
}

fn first_page(paging: &Paging) -> u64 {
    match paging {
        Paging::Page { first, .. } => *first,
        _ => 0,
    }
}

/// The URL of one page: the resource URL plus the profile's paging parameters.
fn page_url(paging: &Paging, base: &str, path: &str, page_size: u32, offset: u64, page_no: u64, next: Option<&str>) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    match (paging, next) {
        (Paging::None, _) => format!("{base}{path}"),
        (Paging::OffsetLimit { limit, offset: off }, _) => format!("{base}{path}{sep}{limit}={page_size}&{off}={offset}"),
        (Paging::Page { page, size, .. }, _) => format!("{base}{path}{sep}{page}={page_no}&{size}={page_size}"),
        (Paging::NextLink { .. }, Some(link)) => absolute(&format!("{base}{path}"), link),
        (Paging::NextToken { param, .. }, Some(token)) => format!("{base}{path}{sep}{param}={}", encode_component(token)),
        (_, None) => format!("{base}{path}"),
    }
}

/// The path of the one array-valued member of an object response, if there is exactly one.
fn single_array(text: &str) -> Option<fields::Path> {
    let map: BTreeMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    let mut arrays = map.iter().filter(|(_, v)| v.get().trim_start().starts_with('['));
    let (key, _) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    Some(fields::Path(vec![fields::Segment::Key(key.clone())]))
}

/// A string (or number) at `path` in a JSON text; null or absent is `None`.
fn text_at(text: &str, path: &fields::Path) -> Option<String> {
    let ex = fields::Extractor::new(&[path]);
    match ex.extract(text).ok()?.into_iter().next().flatten()? {
        detect::Scalar::Str(s) if !s.is_empty() => Some(s.into_owned()),
        detect::Scalar::Int(i) => Some(i.to_string()),
        detect::Scalar::Num(n) => Some(n),
        _ => None,
    }
}

/// A next link may be absolute, or relative to the base URL's origin.
fn absolute(base: &str, link: &str) -> String {
    if link.starts_with("http://") || link.starts_with("https://") {
        return link.to_string();
    }
    let origin_end = base.find("://").and_then(|i| base.get(i + 3..).and_then(|r| r.find('/')).map(|j| i + 3 + j)).unwrap_or(base.len());
    let origin = base.get(..origin_end).unwrap_or(base);
    if link.starts_with('/') { format!("{origin}{link}") } else { format!("{}/{link}", base.trim_end_matches('/')) }
}

fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// `https://user:pass@host/x` → `https://host/x` with `Authorization: Basic …`: fetch
/// refuses URLs with credentials, and the header keeps them out of every URL we print.
pub(crate) fn move_credentials(req: &mut Request) {
    use base64::Engine as _;
    let Some((scheme, userinfo, rest)) = crate::config::split_userinfo(&req.url) else { return };
    let decoded = percent_decode_str(userinfo).decode_utf8_lossy().into_owned();
    req.url = format!("{scheme}{rest}");
    if !req.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("authorization")) {
        let token = base64::engine::general_purpose::STANDARD.encode(decoded.as_bytes());
        req.headers.push(("Authorization".into(), format!("Basic {token}")));
    }
}


fn first_id(v: &serde_json::Value, list: &str, key: &str) -> Option<String> {
    let item = v.get(list)?.as_array()?.first()?.get(key)?;
    match item {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strip_query(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// Percent-encodes what a URL cannot carry as is (spaces, quotes, `+` of offsets, non-ASCII)
/// and leaves the rest, including existing `%XX` escapes, alone.
pub fn encode_url(url: &str) -> String {
    match url.split_once('?') {
        Some((head, q)) => format!("{}?{}", utf8_percent_encode(head, PATH), utf8_percent_encode(q, QUERY)),
        None => utf8_percent_encode(url, PATH).to_string(),
    }
}

/// What stays as written: unreserved and sub-delimiters, `:@/`, and `%` (existing escapes).
const URL_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'!').remove(b'$').remove(b'&')
    .remove(b'(').remove(b')').remove(b'*').remove(b',').remove(b';').remove(b'=').remove(b':')
    .remove(b'@').remove(b'/').remove(b'%');
/// In a path `+` is literal; in a query it would read as a space, so it is encoded there.
const PATH: &AsciiSet = &URL_KEEPS.remove(b'+');
const QUERY: &AsciiSet = &URL_KEEPS.remove(b'?');
/// A query value: everything but unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded_where_needed() {
        assert_eq!(
            encode_url("https://h/x/?where=createDate>='2024-02-29 12:00:00+05:30'&limit=5"),
            "https://h/x/?where=createDate%3E=%272024-02-29%2012:00:00%2B05:30%27&limit=5"
        );
        assert_eq!(encode_url("/a%20b/é"), "/a%20b/%C3%A9");
    }
}
