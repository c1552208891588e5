// Browser entry: fetches the wasm next to this file (top-level await).
import init from './dist/web/element_poller.js';

await init({ module_or_path: new URL('./dist/web/element_poller_bg.wasm', import.meta.url) });

export * from './lib.js';
