#!/usr/bin/env bash
# Compiles the crate to wasm32 and generates the JavaScript glue into pkg/dist (ignored).
# One `--target web` glue serves Node, browsers and workerd; pkg/node.js, browser.js and
# workerd.js only differ in how they hand it the wasm module.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --target wasm32-unknown-unknown --quiet
rm -rf pkg/dist
# The function-name section is 90 KiB (26 KiB gzipped, 5% of the download) that only a
# profiler reads: dropped unless WASM_NAMES=1 (`WASM_NAMES=1 npm run build` before profiling).
names=(--remove-name-section)
[[ "${WASM_NAMES:-}" == 1 ]] && names=()
wasm-bindgen --target web "${names[@]}" --out-dir pkg/dist/web target/wasm32-unknown-unknown/release/element_poller.wasm
node -e '
const fs = require("fs"), zlib = require("zlib");
const b = fs.readFileSync("pkg/dist/web/element_poller_bg.wasm");
console.log(`wasm: ${(b.length/1024).toFixed(0)} KiB raw, ${(zlib.gzipSync(b,{level:9}).length/1024).toFixed(0)} KiB gzipped`);'
# The JSON Schema as a file of the package, written by the engine itself.
node --input-type=module -e '
import { writeFileSync } from "node:fs";
import { instanceSchema } from "./pkg/node.js";
writeFileSync("pkg/dist/instance.schema.json", JSON.stringify(instanceSchema(), null, 2) + "\n");'
