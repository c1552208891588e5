// Cloudflare Workers entry: workerd imports .wasm files as compiled WebAssembly.Module.
import wasmModule from './dist/web/element_poller_bg.wasm';
import { initSync } from './dist/web/element_poller.js';

initSync({ module: wasmModule });

export * from './lib.js';
