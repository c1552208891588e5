//! The JavaScript face: `#[wasm_bindgen]` wrappers that convert at the border and forward.
//!
//! Errors cross as real `Error` objects carrying `code` and, for parse errors, `column`.
//! The clock is read here and only here (`Date.now()` for the two-digit-year window).

mod javafmt;
mod config;
mod detect;
mod poller;
mod deliver;
