#!/usr/bin/env bash
# Everything: native Rust tests (incl. the Java oracle), wasm tests in Node
# (wasm-bindgen-test), JS tests of the npm package through its public entry point, and the
# web page in Debian's Chromium (playwright-core), and the package in real workerd (miniflare 3).
# Ends with one "N passed, N failed" line over all runners.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
bash scripts/build.sh || exit 1

log=$(mktemp)
status=0
run() { echo "== $*"; "$@" 2>&1 | tee -a "$log"; local s=${PIPESTATUS[0]}; [ "$s" -eq 0 ] || status=1; }

run cargo clippy --release --all-targets --quiet -- -D warnings
run cargo clippy --release --target wasm32-unknown-unknown --quiet -- -D warnings
run cargo test --release
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  run cargo test --release --target wasm32-unknown-unknown --test wasm
run node --test tests/js/
run node --test tests/browser/
run node --test tests/workers/

passed=$(( $(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END{print s+0}') \
         + $(grep -E '^(ℹ|#) pass [0-9]+' "$log" | awk '{s+=$3} END{print s+0}') ))
failed=$(( $(grep -oE '[0-9]+ failed' "$log" | grep -v '^0' | awk '{s+=$1} END{print s+0}') \
         + $(grep -E '^(ℹ|#) fail [0-9]+' "$log" | awk '{s+=$3} END{print s+0}') ))
rm -f "$log"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
