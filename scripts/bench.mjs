// npm run bench: our parse speed beside the peers', measured in this one process, as ratios.
// Not a test: prints figures, asserts nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JavaDateFormat } from 'element-poller';
import { DateTimeFormatter, LocalDateTime, OffsetDateTime, ZoneOffset } from '@js-joda/core';
import { parse as dfParse } from 'date-fns';

const N = 200_000;
process.env.TZ = 'UTC';

// Deterministic inputs: instants 2000–2030; offsets cycle as in the oracle's Bench.java.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const offsets = ['Z', '+05:30', '-08:00', '+01:00', '-03:30'];
const plainRopes = [], isoRopes = [];
for (let i = 0; i < N; i++) {
  const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(rnd() * 30 * 365.25 * 86400) * 1000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  plainRopes.push(`${base} ${time}`);
  isoRopes.push(`${base}T${time}${offsets[i % offsets.length]}`);
}

// Real inputs come out of JSON.parse as flat strings; template literals above are rope
// ("cons") strings that every consumer would re-walk. Flatten them so all contenders see
// what the poller sees.
const flatten = (xs) => JSON.parse(JSON.stringify(xs));
const plain = flatten(plainRopes), iso = flatten(isoRopes);

// What parseMany costs before wasm sees a byte: the floor that any one-crossing design pays.
const encoder = new TextEncoder();
const scratch = new Uint8Array(N * 40 * 3);

function time(fn, runs = 7) {
  fn(); // warm-up
  globalThis.gc?.(); // start each contender on a clean heap, not on the previous one's garbage
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / N);
  }
  return best;
}

function sink(x) { if (x === 0.5) console.log('impossible'); }

const native = (pattern, inputs) => {
  const dir = mkdtempSync(join(tmpdir(), 'ep-bench-'));
  const file = join(dir, 'inputs.txt');
  writeFileSync(file, inputs.join('\n'));
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench_parse', '--', pattern, file], { encoding: 'utf8' });
  return Number(out.trim().split(' ')[0]);
};

const rows = [];
{
  const ours = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  const joda = DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss');
  const ref = new Date(0);
  rows.push(['yyyy-MM-dd\' \'HH:mm:ss', {
    'element-poller parseMany (wasm)': time(() => { const a = ours.parseMany(plain); sink(a[0]); }),
    'js-joda ofPattern': time(() => { let s = 0; for (const t of plain) s += LocalDateTime.parse(t, joda).toInstant(ZoneOffset.UTC).toEpochMilli(); sink(s); }, 3),
    'date-fns parse': time(() => { let s = 0; for (const t of plain) s += dfParse(t, 'yyyy-MM-dd HH:mm:ss', ref).getTime(); sink(s); }, 3),
    'JS border alone: join + encodeInto': time(() => { sink(encoder.encodeInto(plain.join('\u0000'), scratch).written); }),
    'native Rust (release)': native("yyyy-MM-dd' 'HH:mm:ss", plain),
  }]);
}
{
  const ours = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
  const joda = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  const ref = new Date(0);
  rows.push(["yyyy-MM-dd'T'HH:mm:ssXXX", {
    'element-poller parseMany (wasm)': time(() => { const a = ours.parseMany(iso); sink(a[0]); }),
    'js-joda ofPattern': time(() => { let s = 0; for (const t of iso) s += OffsetDateTime.parse(t, joda).toInstant().toEpochMilli(); sink(s); }, 3),
    'date-fns parse': time(() => { let s = 0; for (const t of iso) s += dfParse(t, "yyyy-MM-dd'T'HH:mm:ssXXX", ref).getTime(); sink(s); }, 3),
    "V8 Date.parse": time(() => { let s = 0; for (const t of iso) s += Date.parse(t); sink(s); }),
    'JS border alone: join + encodeInto': time(() => { sink(encoder.encodeInto(iso.join('\u0000'), scratch).written); }),
    'native Rust (release)': native("yyyy-MM-dd'T'HH:mm:ssXXX", iso),
  }]);
}

// Sanity: every contender agrees with us on a sample, so the race is fair.
{
  const f = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
  for (const t of iso.slice(0, 100)) {
    const want = Date.parse(t);
    if (f.parse(t) !== want || OffsetDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")).toInstant().toEpochMilli() !== want) {
      throw new Error(`disagreement on ${t}`);
    }
  }
}

console.log(`Parse ${N.toLocaleString('en-US')} strings per pattern, best of several passes, one Node ${process.version} process.\n`);
for (const [pattern, r] of rows) {
  const ours = r['element-poller parseMany (wasm)'];
  console.log(`${pattern}`);
  console.log(`  ${'contender'.padEnd(34)} ${'ns/item'.padStart(9)}  ${'vs ours'.padStart(8)}`);
  for (const [name, ns] of Object.entries(r)) {
    const ratio = name.startsWith('element-poller') ? '1.00×' : `${(ns / ours).toFixed(2)}×`;
    console.log(`  ${name.padEnd(34)} ${ns.toFixed(1).padStart(9)}  ${ratio.padStart(8)}`);
  }
  console.log('');
}
console.log('"vs ours" > 1 means the contender is slower than element-poller (wasm).');
console.log('"JS border alone" is the join and UTF-8 copy parseMany does before wasm starts: a floor no one-call design avoids.');
const wasm = readFileSync(new URL('../pkg/dist/web/element_poller_bg.wasm', import.meta.url));
console.log(`wasm size: ${(wasm.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`);
