//! The input buffer: text that JS encodes straight into wasm memory (`TextEncoder.encodeInto`
//! on a view of it), so a date batch or a page is copied once, not once more by the glue.

use wasm_bindgen::prelude::*;

thread_local! {
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The input buffer with room for at least `capacity` bytes (its content so far kept), as a
/// pointer into wasm memory for JS to write into. A `capacity` of 0 releases a big buffer.
#[wasm_bindgen(js_name = batchBuffer)]
pub fn batch_buffer(capacity: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|buf| {
        if capacity == 0 {
            *buf = Vec::new();
        } else if buf.len() < capacity {
            buf.resize(capacity, 0);
        }
        buf.as_mut_ptr()
    })
}

/// The wasm instance's memory, for views on the input buffer.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `f` over the first `len` bytes JS wrote, or `None` when the buffer is shorter.
pub(super) fn with_input<R>(len: usize, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    INPUT.with_borrow(|buf| buf.get(..len).map(f))
}
