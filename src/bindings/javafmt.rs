//! `JavaDateFormat` and `inferJavaDateFormat` for JavaScript.

use crate::javafmt::{self as jf, Dialect, FormatError, JavaDateFormat, Options, Resolver, Zone};
use super::input::with_input;
use super::js_error_at;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct JsOptions {
    dialect: Option<String>,
    zone: Option<String>,
    lenient: Option<bool>,
    resolver: Option<String>,
    now: Option<f64>,
}

thread_local! {
    /// Where `parseBatch` leaves its results for JS to copy out.
    static RESULTS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A compiled Java date pattern (see the crate's `javafmt` docs for the letters).
#[wasm_bindgen(js_name = JavaDateFormat)]
pub struct JsJavaDateFormat {
    inner: JavaDateFormat,
}

#[wasm_bindgen(js_class = JavaDateFormat)]
impl JsJavaDateFormat {
    #[wasm_bindgen(constructor)]
    pub fn new(pattern: &str, options: JsValue) -> Result<JsJavaDateFormat, JsValue> {
        let o: JsOptions = if options.is_undefined() || options.is_null() {
            JsOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| js_error_at("EOPTIONS", &format!("invalid options: {e}"), None))?
        };
        let dialect = match o.dialect.as_deref() {
            None => Dialect::Simple,
            Some(d) => Dialect::parse(d).ok_or_else(|| js_error_at("EOPTIONS", &format!("invalid options: dialect must be \"simple\" or \"java.time\", got {d:?}"), None))?,
        };
        let resolver = match o.resolver.as_deref() {
            None => None,
            Some(r) => Some(Resolver::parse(r).ok_or_else(|| js_error_at("EOPTIONS", &format!("invalid options: resolver must be \"smart\", \"strict\" or \"lenient\", got {r:?}"), None))?),
        };
        let now = o.now.filter(|n| n.is_finite()).unwrap_or_else(js_sys::Date::now);
        let opts = Options { dialect, zone: o.zone, lenient: o.lenient, resolver, now_ms: Some(now as i64) };
        let inner = JavaDateFormat::new(pattern, opts).map_err(|e| match &e {
            FormatError::Pattern(p) => js_error_at("EPATTERN", &e.to_string(), Some(p.column)),
            FormatError::Zone(_) => js_error_at("EZONE", &e.to_string(), None),
        })?;
        Ok(JsJavaDateFormat { inner })
    }

    /// Epoch milliseconds; throws an `Error` (code `EPARSE`, `column`) when the text does not match.
    pub fn parse(&self, text: &str) -> Result<f64, JsValue> {
        self.inner
            .parse(text)
            .map(|ms| ms as f64)
            .map_err(|e| js_error_at("EPARSE", &e.message, Some(e.column)))
    }

    /// Parses the first `len` bytes of the batch buffer (see `input::batch_buffer`): `count` texts
    /// as NUL-separated UTF-8, to epoch ms or NaN. Returns where the `count` results lie in
    /// wasm memory (JS copies them out through a view: no typed array is made here, which
    /// cost a tenth of the time), or `undefined` when the count of pieces differs from
    /// `count` (a text held U+0000). The results stay until the next call.
    #[wasm_bindgen(js_name = parseBatch)]
    pub fn parse_batch(&self, len: usize, count: usize) -> Option<usize> {
        with_input(len, |bytes| {
            RESULTS.with_borrow_mut(|out| {
                out.clear();
                out.reserve(count);
                if count > 0 {
                    self.inner.parse_separated(bytes, out);
                }
                (out.len() == count).then_some(out.as_ptr() as usize)
            })
        })
        .flatten()
    }

    /// Formats epoch milliseconds, in `zone` when given.
    pub fn format(&self, epoch_ms: f64, zone: Option<String>) -> Result<String, JsValue> {
        if !epoch_ms.is_finite() {
            return Err(js_error_at("ERANGE", "format needs a finite number of epoch milliseconds", None));
        }
        let ms = epoch_ms.floor() as i64;
        match zone {
            None => Ok(self.inner.format(ms)),
            Some(z) => {
                let zone = Zone::parse(&z).map_err(|e| js_error_at("EZONE", &e.to_string(), None))?;
                Ok(self.inner.format_in(ms, &zone))
            }
        }
    }

    /// The equivalent chrono `strftime` string, or `null`.
    #[wasm_bindgen(getter)]
    pub fn strftime(&self) -> Option<String> {
        self.inner.strftime()
    }

    #[wasm_bindgen(getter)]
    pub fn pattern(&self) -> String {
        self.inner.pattern().to_string()
    }
}

/// Candidate Java patterns for sample dates, best first.
#[wasm_bindgen(js_name = inferJavaDateFormat)]
pub fn infer_java_date_format(samples: Vec<String>) -> Vec<String> {
    let refs: Vec<&str> = samples.iter().map(String::as_str).collect();
    jf::infer_patterns(&refs)
}
