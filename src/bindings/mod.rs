//! The JavaScript face: `#[wasm_bindgen]` wrappers that convert at the border and forward.
//!
//! Errors cross as real `Error` objects carrying `code` and, for parse errors, `column`.
//! The clock is read here and only here (`Date.now()` for the two-digit-year window).

use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

mod input;
mod javafmt;
mod config;
mod detect;
mod poller;
mod deliver;

/// A JS `Error` with a `code` (and, for pattern and parse errors, a `column`).
fn js_error(code: &str, message: &str) -> JsValue {
    js_error_at(code, message, None)
}

fn js_error_at(code: &str, message: &str, column: Option<usize>) -> JsValue {
    let e = Error::new(message);
    let _ = Reflect::set(&e, &"code".into(), &code.into());
    if let Some(c) = column {
        let _ = Reflect::set(&e, &"column".into(), &JsValue::from(c as u32));
    }
    e.into()
}
