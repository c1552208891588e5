// Node entry: hands the glue the wasm bytes synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/web/element_poller.js';

initSync({ module: readFileSync(new URL('./dist/web/element_poller_bg.wasm', import.meta.url)) });

export * from './lib.js';
