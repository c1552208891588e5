//! element-poller: turn REST APIs without webhooks into signed event streams, the way Cloud
//! Elements' *polling events* did, compiled natively and to WebAssembly.
//!
//! Modules:
//! - [`javafmt`]: Java date patterns (`SimpleDateFormat`, `DateTimeFormatter`), exactly as Java 17.
//! - [`config`]: the element-instance body: tolerant reading, diagnostics with line:col and JSON
//!   pointers, normalization, the typed configuration the poller runs on.
//! - [`template`]: resource URLs with `${gmtDate:…}`-style placeholders.
//! - [`detect`]: from one poll's records and the saved state to events, without duplicates
//!   or misses at timestamp boundaries.
//! - [`deliver`]: the Cloud Elements callback body, batches of 10, and signatures (Cloud
//!   Elements' HMAC and Standard Webhooks).
//!
//! - [`poll`]: one poll cycle over a `Transport` (fetch in wasm): paging, element profiles,
//!   retries, delivery, and the commit that moves the cursor only after acknowledgement.
//!
//! The pure core (`javafmt`, `config`, `template`, `detect`) reads no clock and does no I/O; `bindings`
//! is the only place that knows about JavaScript.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod config;
pub mod deliver;
pub mod detect;
pub mod javafmt;
pub mod poll;
pub mod template;

#[cfg(target_arch = "wasm32")]
mod bindings;
