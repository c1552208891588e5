//! `Poller` for JavaScript, and the `fetch` transport it runs on.
//!
//! The transport calls whatever `fetch` it is given (the global one by default), so the
//! same wasm runs in Node, browsers and workerd, and tests can interpose. The clock and the
//! timer are JavaScript's too (`now` option, `setTimeout`).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::js_error;
use crate::config;
use crate::poll::{Options, Poller, Request, Response, Transport, TransportError};

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

struct FetchTransport {
    fetch: Function,
    now: Option<Function>,
}

impl FetchTransport {
    async fn call(&self, req: Request) -> Result<Response, JsValue> {
        let init = Object::new();
        Reflect::set(&init, &"method".into(), &req.method.into())?;
        let headers = Object::new();
        for (k, v) in &req.headers {
            Reflect::set(&headers, &k.as_str().into(), &v.as_str().into())?;
        }
        Reflect::set(&init, &"headers".into(), &headers)?;
        if let Some(b) = &req.body {
            Reflect::set(&init, &"body".into(), &b.as_str().into())?;
        }
        Reflect::set(&init, &"redirect".into(), &"manual".into())?;
        // AbortSignal.timeout exists in Node 18+, browsers and workerd.
        let signal_ctor = get(&js_sys::global(), "AbortSignal");
        if let Ok(timeout) = get(&signal_ctor, "timeout").dyn_into::<Function>() {
            if let Ok(signal) = timeout.call1(&signal_ctor, &JsValue::from(req.timeout_ms)) {
                Reflect::set(&init, &"signal".into(), &signal)?;
            }
        }
        let promise: Promise = self.fetch.call2(&JsValue::UNDEFINED, &req.url.as_str().into(), &init)?.dyn_into()?;
        let res = JsFuture::from(promise).await?;
        let status = get(&res, "status").as_f64().unwrap_or(0.0) as u16;
        let hdrs = get(&res, "headers");
        let mut headers = Vec::new();
        if let Ok(getter) = get(&hdrs, "get").dyn_into::<Function>() {
            for name in ["retry-after", "content-type"] {
                if let Some(v) = getter.call1(&hdrs, &name.into()).ok().and_then(|v| v.as_string()) {
                    headers.push((name.to_string(), v));
                }
            }
        }
        let buf_fn: Function = get(&res, "arrayBuffer").dyn_into()?;
        let buf = JsFuture::from(buf_fn.call0(&res)?.dyn_into::<Promise>()?).await?;
        let body = Uint8Array::new(&buf).to_vec();
        Ok(Response { status, headers, body })
    }
}

impl Transport for FetchTransport {
    async fn send(&self, req: Request) -> Result<Response, TransportError> {
        self.call(req).await.map_err(|e| {
            let name = get(&e, "name").as_string().unwrap_or_default();
            if name == "TimeoutError" || name == "AbortError" {
                TransportError::Timeout
            } else {
                let msg = get(&e, "message").as_string().or_else(|| e.as_string()).unwrap_or_else(|| "fetch failed".into());
                let cause = get(&get(&e, "cause"), "code").as_string().map(|c| format!(" ({c})")).unwrap_or_default();
                TransportError::Network(format!("{msg}{cause}"))
            }
        })
    }

    async fn sleep(&self, ms: u64) {
        let set_timeout = get(&js_sys::global(), "setTimeout");
        let Ok(set_timeout) = set_timeout.dyn_into::<Function>() else { return };
        let p = Promise::new(&mut |resolve, _| {
            let _ = set_timeout.call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(ms as f64));
        });
        let _ = JsFuture::from(p).await;
    }

    fn now_ms(&self) -> i64 {
        match &self.now {
            Some(f) => f.call0(&JsValue::UNDEFINED).ok().and_then(|v| v.as_f64()).unwrap_or_else(js_sys::Date::now) as i64,
            None => js_sys::Date::now() as i64,
        }
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

#[wasm_bindgen(js_name = Poller)]
pub struct JsPoller {
    inner: Rc<RefCell<Poller>>,
    transport: Rc<FetchTransport>,
    options: Rc<Options>,
}

#[wasm_bindgen(js_class = Poller)]
impl JsPoller {
    /// `instance`: the body as JSON text; `state`: a saved state as JSON text (or empty);
    /// `fetch`/`now`: functions, or undefined for the global `fetch` and `Date.now`;
    /// `tuning`: JSON text of [`Options::tuned`]'s keys plus `reset` (resource names).
    #[wasm_bindgen(constructor)]
    pub fn new(instance: &str, instance_id: &str, state: &str, dry_run: bool, fetch: JsValue, now: JsValue, tuning: &str) -> Result<JsPoller, JsValue> {
        let cfg = config::validate(instance).into_instance().map_err(|e| js_error("EINSTANCE", &e))?;
        let json = |text: &str, code: &str, what: &str| -> Result<serde_json::Value, JsValue> {
            if text.is_empty() {
                return Ok(serde_json::Value::Null);
            }
            serde_json::from_str(text).map_err(|e| js_error(code, &format!("{what}: {e}")))
        };
        let saved = json(state, "ESTATE", "the state is not JSON")?;
        let tuning = json(tuning, "EOPTIONS", "options")?;
        let reset: Vec<String> = tuning
            .get("reset")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let poller = Poller::with_reset(cfg, instance_id, Some(&saved), &reset).map_err(|e| js_error("ESTATE", &e))?;
        let fetch = match fetch.dyn_into::<Function>() {
            Ok(f) => f,
            Err(_) => get(&js_sys::global(), "fetch").dyn_into::<Function>().map_err(|_| js_error("EOPTIONS", "no fetch: pass options.fetch"))?,
        };
        let now = now.dyn_into::<Function>().ok();
        let options = Options::tuned(dry_run, &tuning);
        Ok(JsPoller {
            inner: Rc::new(RefCell::new(poller)),
            transport: Rc::new(FetchTransport { fetch, now }),
            options: Rc::new(options),
        })
    }

    /// One cycle; resolves to the report as JSON text. Rejects when a cycle is already running.
    #[wasm_bindgen(js_name = pollOnceJson)]
    pub fn poll_once_json(&self) -> Promise {
        let inner = self.inner.clone();
        let transport = self.transport.clone();
        let options = self.options.clone();
        #[allow(clippy::await_holding_refcell_ref)]
        // Holding the borrow across the cycle is the point: a second pollOnce while one runs
        // gets EBUSY (try_borrow_mut), never two cycles on one state.
        future_to_promise(async move {
            let Ok(mut poller) = inner.try_borrow_mut() else {
                return Err(js_error("EBUSY", "a poll cycle is already running for this Poller"));
            };
            let report = poller.poll_once(transport.as_ref(), &options).await;
            let text = serde_json::to_string(&report).unwrap_or_default();
            Ok(JsValue::from_str(&text))
        })
    }

    /// The state to save, as JSON text.
    #[wasm_bindgen(js_name = stateJson)]
    pub fn state_json(&self) -> Result<String, JsValue> {
        let poller = self.inner.try_borrow().map_err(|_| js_error("EBUSY", "a poll cycle is running; read the state after it"))?;
        Ok(poller.state().to_string())
    }

    /// The first request of each resource at `now`, as JSON `[{"resource", "url"}]`.
    #[wasm_bindgen(js_name = previewJson)]
    pub fn preview_json(&self, now_ms: f64) -> Result<String, JsValue> {
        let poller = self.inner.try_borrow().map_err(|_| js_error("EBUSY", "a poll cycle is running"))?;
        let list: Vec<serde_json::Value> = poller
            .preview(now_ms as i64)
            .into_iter()
            .map(|(resource, url)| serde_json::json!({ "resource": resource, "url": url }))
            .collect();
        Ok(serde_json::Value::Array(list).to_string())
    }

    /// Minutes between cycles (`event.poller.refresh_interval`).
    #[wasm_bindgen(js_name = refreshIntervalMinutes)]
    pub fn refresh_interval_minutes(&self) -> u32 {
        self.inner.try_borrow().map(|p| p.refresh_interval_minutes()).unwrap_or(15)
    }
}
