//! The wasm build in Node (wasm-bindgen-test): the bindings convert at the border and
//! never trap on hostile input.
#![cfg(target_arch = "wasm32")]

use element_poller::javafmt::{Dialect, JavaDateFormat, Options};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn ok_parses_in_wasm_with_named_zones() {
    let f = JavaDateFormat::new("yyyy-MM-dd' 'HH:mm:ss", Options { zone: Some("America/New_York".into()), ..Options::default() });
    let f = f.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.parse("2024-11-03 01:30:00"), Ok(1_730_615_400_000)); // overlap: standard time
    assert_eq!(f.format(1_730_611_800_000), "2024-11-03 01:30:00");
}

#[wasm_bindgen_test]
fn ok_java_time_dialect_in_wasm() {
    let f = JavaDateFormat::new("EEE MMM dd HH:mm:ss zzz yyyy", Options { dialect: Dialect::JavaTime, ..Options::default() });
    let f = f.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.parse("Thu Jul 04 12:00:00 EST 2024"), Ok(1_720_108_800_000)); // EST is read as New York, which is on EDT in July (16:00Z)
}

#[wasm_bindgen_test]
fn err_hostile_text_is_an_error_not_a_trap() {
    let f = JavaDateFormat::new("yyyy-MM-dd", Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let long = "9".repeat(100_000);
    assert!(f.parse(&long).is_err(), "a 100,000-digit year is out of range");
    assert!(f.parse("").is_err());
    assert!(f.parse("\u{0}").is_err());
    // The instance still works after the errors.
    assert_eq!(f.parse("1970-01-02"), Ok(86_400_000));
}
