//! The poll cycle natively, over an in-process transport: the order of fetch, detect,
//! deliver and commit, retries and their waits, without a network or a clock. (The same
//! cycle over real HTTP, in wasm, is in tests/js/poller.test.mjs.)

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake};

use element_poller::config::validate;
use element_poller::poll::{Options, Poller, Request, Response, Transport, TransportError};

struct Noop;
impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

/// The fake transport never pends, so one poll finishes a future.
fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Arc::new(Noop).into();
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Default)]
struct Fake {
    now: RefCell<i64>,
    contacts: RefCell<Vec<String>>,
    /// Status codes the callback answers, one per POST (then 200).
    callback: RefCell<Vec<u16>>,
    posts: RefCell<Vec<String>>,
    gets: RefCell<Vec<String>>,
    sleeps: RefCell<Vec<u64>>,
}

impl Transport for Fake {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        let ok = |body: String| Ok(Response { status: 200, headers: vec![], body: body.into_bytes() });
        if req.method == "POST" {
            let status = { let mut c = self.callback.borrow_mut(); if c.is_empty() { 200 } else { c.remove(0) } };
            if status == 0 {
                return Err(TransportError::Network("connection refused".into()));
            }
            if status == 200 {
                self.posts.borrow_mut().push(req.body.unwrap_or_default());
            }
            let headers = if status == 429 { vec![("retry-after".to_string(), "7".to_string())] } else { vec![] };
            return Ok(Response { status, headers, body: vec![] });
        }
        self.gets.borrow_mut().push(req.url.clone());
        if req.url.starts_with("https://ic.test/") {
            assert!(req.headers.iter().any(|(k, v)| k == "API-Password" && v == "pw"), "iContact headers are sent");
        }
        let path = req.url.split('?').next().unwrap_or("").to_string();
        let q = |k: &str| req.url.split(['?', '&']).find_map(|p| p.strip_prefix(&format!("{k}="))).and_then(|v| v.parse::<usize>().ok());
        match path.as_str() {
            "https://ic.test/icp/a/" => ok(r#"{"accounts": [{"accountId": 11}]}"#.into()),
            "https://ic.test/icp/a/11/c/" => ok(r#"{"clientfolders": [{"clientFolderId": "22"}]}"#.into()),
            "https://ic.test/icp/a/11/c/22/contacts/" => {
                let (limit, offset) = (q("limit").unwrap_or(20), q("offset").unwrap_or(0));
                let all = self.contacts.borrow();
                let page: Vec<&String> = all.iter().skip(offset).take(limit).collect();
                ok(format!(r#"{{"contacts": [{}], "total": {}}}"#, page.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","), all.len()))
            }
            other => Ok(Response { status: 404, headers: vec![], body: format!("no {other}").into_bytes() }),
        }
    }

    async fn sleep(&self, ms: u64) {
        self.sleeps.borrow_mut().push(ms);
    }

    fn now_ms(&self) -> i64 {
        *self.now.borrow()
    }

    fn random(&self) -> f64 {
        0.5
    }
}

const T0: i64 = 1_709_208_000_000; // 2024-02-29T12:00:00Z

fn contact(id: u32, secs_after: i64) -> String {
    let t = chrono::DateTime::from_timestamp_millis(T0 + secs_after * 1000).unwrap().format("%Y-%m-%d %H:%M:%S");
    format!(r#"{{"contactId": "{id}", "email": "c{id}@x.test", "createDate": "{t}", "updateDate": "{t}"}}"#)
}

fn poller(state: Option<&serde_json::Value>) -> Poller {
    let body = r#"{"element": {"key": "icontact"}, "name": "t", "configuration": {
        "api.version": "2.2", "AppID": "app", "api.username": "u", "api.password": "pw", "base.url": "https://ic.test",
        "event.notification.enabled": true, "event.notification.callback.url": "https://cb.test/e",
        "event.notification.signature.key": "k", "event.poller.refresh_interval": 5,
        "event.poller.configuration": {"contacts": {"url": "/hubs/general/contacts", "idField": "contactId", "pageSize": 2,
          "datesConfiguration": {"updatedDateField": "updateDate", "updatedDateFormat": "yyyy-MM-dd HH:mm:ss",
                                 "createdDateField": "createDate", "createdDateFormat": "yyyy-MM-dd HH:mm:ss"}}}}}"#;
    let cfg = validate(body).config.expect("valid");
    Poller::new(cfg, "inst", state).expect("poller")
}

fn fake() -> Fake {
    let f = Fake::default();
    *f.now.borrow_mut() = T0;
    f.contacts.borrow_mut().extend((1..=3).map(|i| contact(i, -60)));
    f
}

#[test]
fn discovery_paging_delivery_and_commit() {
    let t = fake();
    let mut p = poller(None);
    let opts = Options::default();
    let r = block_on(p.poll_once(&t, &opts));
    let c = r.resources.first().unwrap();
    assert_eq!((c.pages, c.fetched, c.events, c.committed), (2, 3, 0, true), "{:?}", c.errors);
    assert!(t.gets.borrow().iter().any(|u| u.ends_with("/icp/a/")), "account discovered");
    *t.now.borrow_mut() += 60_000;
    t.contacts.borrow_mut().extend((4..=15).map(|i| contact(i, 30)));
    let r = block_on(p.poll_once(&t, &opts));
    let c = r.resources.first().unwrap();
    assert_eq!((c.fetched, c.events, c.delivered, c.notifications, c.committed), (15, 12, 12, 2, true));
    assert_eq!(t.posts.borrow().len(), 2);
    let r = block_on(p.poll_once(&t, &opts));
    assert_eq!(r.resources.first().unwrap().events, 0, "nothing twice");
}

#[test]
fn unacknowledged_notifications_keep_the_state_and_come_back_with_the_same_ids() {
    let t = fake();
    let mut p = poller(None);
    let opts = Options::default();
    block_on(p.poll_once(&t, &opts));
    let saved = p.state();
    *t.now.borrow_mut() += 60_000;
    t.contacts.borrow_mut().push(contact(9, 10));
    *t.callback.borrow_mut() = vec![503, 0, 429, 500];
    let r = block_on(p.poll_once(&t, &opts));
    let c = r.resources.first().unwrap();
    assert!(!c.committed);
    assert!(c.errors.first().unwrap().contains("after 4 attempts"), "{:?}", c.errors);
    assert_eq!(p.state(), saved, "the cursor did not move");
    assert_eq!(*t.sleeps.borrow(), vec![500, 1000, 7000], "backoff, then the server's Retry-After");
    let ids = c.event_ids.clone();
    let r = block_on(p.poll_once(&t, &opts));
    let c = r.resources.first().unwrap();
    assert!(c.committed);
    assert_eq!(c.event_ids, ids, "the same events, the same ids");
    assert!(t.posts.borrow().first().unwrap().contains(ids.first().unwrap()));
    // A restart from the state saved before the failure does the same.
    let mut again = poller(Some(&saved));
    let r = block_on(again.poll_once(&t, &opts));
    assert_eq!(r.resources.first().unwrap().event_ids, ids);
}

#[test]
fn a_4xx_from_the_callback_is_not_retried_and_the_page_budget_truncates() {
    let t = fake();
    let mut p = poller(None);
    block_on(p.poll_once(&t, &Options::default()));
    *t.now.borrow_mut() += 60_000;
    t.contacts.borrow_mut().push(contact(9, 10));
    *t.callback.borrow_mut() = vec![400];
    let r = block_on(p.poll_once(&t, &Options::default()));
    let c = r.resources.first().unwrap();
    assert!(c.errors.first().unwrap().contains("answered 400"));
    assert!(t.sleeps.borrow().is_empty());
    let opts = Options { max_pages: 1, ..Options::default() };
    let r = block_on(p.poll_once(&t, &opts));
    let c = r.resources.first().unwrap();
    assert_eq!((c.pages, c.truncated), (1, true));
    // Nothing secret in a report.
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("\"pw\"") && !text.contains("\"k\""));
}

#[test]
fn a_password_in_a_url_never_reaches_an_error() {
    let body = r#"{"element": {"key": "generic"}, "name": "t", "configuration": {"base.url": "https://user:s3cret-pw@api.test",
        "event.notification.enabled": true, "event.notification.callback.url": "https://cb.test/e", "event.poller.refresh_interval": 5,
        "event.poller.configuration": {"items": {"url": "/items", "idField": "id",
          "datesConfiguration": {"updatedDateField": "u", "updatedDateFormat": "milliseconds"}}}}}"#;
    let mut p = Poller::new(validate(body).config.expect("valid"), "i", None).unwrap();
    let t = fake();
    let r = block_on(p.poll_once(&t, &Options::default()));
    let text = serde_json::to_string(&r).unwrap();
    assert!(text.contains("answered 404"), "{text}");
    assert!(!text.contains("s3cret-pw"), "{text}");
    // The credentials travel as a Basic header, not in the URL fetch would refuse.
    assert!(t.gets.borrow().iter().all(|u| !u.contains('@')), "{:?}", t.gets.borrow());
}
