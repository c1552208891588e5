// npm run bench: our parse speed beside the peers', measured in this one process, as ratios.
// Not a test: prints figures, asserts nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JavaDateFormat, Detector, Poller } from 'element-poller';
import { Receiver } from './local/receiver.mjs';
import { IContactApi, contactDate } from './local/icontact-api.mjs';
import { localInstance } from './local/instance.mjs';
import { DateTimeFormatter, LocalDateTime, OffsetDateTime, ZoneOffset } from '@js-joda/core';
import { parse as dfParse } from 'date-fns';

const N = 200_000;
process.env.TZ = 'UTC';

// Deterministic inputs: instants 2000–2030; offsets cycle as in the oracle's Bench.java.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const offsets = ['Z', '+05:30', '-08:00', '+01:00', '-03:30'];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const plainRopes = [], isoRopes = [], rfcRopes = [];
for (let i = 0; i < N; i++) {
  const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(rnd() * 30 * 365.25 * 86400) * 1000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  plainRopes.push(`${base} ${time}`);
  isoRopes.push(`${base}T${time}${offsets[i % offsets.length]}`);
  const rfcZone = offsets[i % offsets.length].replace('Z', '+0000').replace(':', '');
  rfcRopes.push(`${days[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} ${rfcZone}`);
}

// Real inputs come out of JSON.parse as flat strings; template literals above are rope
// ("cons") strings that every consumer would re-walk. Flatten them so all contenders see
// what the poller sees.
const flatten = (xs) => JSON.parse(JSON.stringify(xs));
const plain = flatten(plainRopes), iso = flatten(isoRopes), rfc = flatten(rfcRopes);

// parseMany in its two parts. The JS part: what its encodeBatch does before wasm sees a
// byte (join 4,096 texts at a time, encodeInto), the floor of any one-crossing design.
const encoder = new TextEncoder();
const scratch = new Uint8Array(N * 40 * 3);
const border = (xs) => {
  let at = 0;
  for (let i = 0; i < xs.length; i += 4096) at += encoder.encodeInto(xs.slice(i, i + 4096).join('\u0000'), scratch.subarray(at)).written + 1;
  return at;
};
// The wasm part: the batch put in wasm memory (untimed: parseMany reuses that buffer),
// then parsed by the glue's parseBatch and copied out into a Float64Array, as parseMany does.
const glue = await import('../pkg/dist/web/element_poller.js');
const wasmPart = (format, xs) => {
  const bytes = encoder.encode(xs.join('\u0000'));
  return {
    prepare: () => {
      const at = glue.batchBuffer(bytes.length); // first: growing wasm memory detaches old views
      new Uint8Array(glue.wasmMemory().buffer, at, bytes.length).set(bytes);
    },
    run: () => {
      const at = glue.JavaDateFormat.prototype.parseBatch.call(format, bytes.length, xs.length);
      sink(new Float64Array(xs.length).set(new Float64Array(glue.wasmMemory().buffer, at, xs.length)));
    },
  };
};

/**
 * Best time of each contender, in ns divided by `per` (items, or 1e6 for ms). Contenders take
 * turns, one pass each per round, so a slow spell of this shared machine (we have seen whole
 * minutes at half speed) falls on all of them alike; the slow peers sit out after three
 * rounds. A contender is a function, or `{ run, prepare, slow }`, or `{ selfTimed }`
 * returning its figure itself (native).
 */
function race(contenders, { rounds = 15, per = N } = {}) {
  const entries = Object.entries(contenders).map(([name, c]) => [name, typeof c === 'function' ? { run: c } : c]);
  const best = Object.fromEntries(entries.map(([name]) => [name, Infinity]));
  for (const [, c] of entries) { c.prepare?.(); c.run?.(); } // warm-up
  for (let r = 0; r < rounds; r++) {
    const turn = entries.slice(r % entries.length).concat(entries.slice(0, r % entries.length));
    for (const [name, c] of turn) {
      if (c.slow && r >= 3) continue;
      if (c.selfTimed) { best[name] = Math.min(best[name], c.selfTimed()); continue; }
      c.prepare?.();
      const t = process.hrtime.bigint();
      c.run();
      best[name] = Math.min(best[name], Number(process.hrtime.bigint() - t) / per);
    }
  }
  return best;
}

function sink(x) { if (x === 0.5) console.log('impossible'); }

execFileSync('cargo', ['build', '--quiet', '--release', '--example', 'bench_parse', '--example', 'bench_detect']);
const example = (name) => fileURLToPath(new URL(`../target/release/examples/${name}`, import.meta.url));
const native = (pattern, inputs) => {
  const dir = mkdtempSync(join(tmpdir(), 'ep-bench-'));
  const file = join(dir, 'inputs.txt');
  writeFileSync(file, inputs.join('\n'));
  return { selfTimed: () => Number(execFileSync(example('bench_parse'), [pattern, file], { encoding: 'utf8' }).trim().split(' ')[0]) };
};

const rows = [];
{
  const ours = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  const joda = DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss');
  const ref = new Date(0);
  rows.push(['yyyy-MM-dd\' \'HH:mm:ss', race({
    'element-poller parseMany (wasm)': () => { const a = ours.parseMany(plain); sink(a[0]); },
    'js-joda ofPattern': { slow: true, run: () => { let s = 0; for (const t of plain) s += LocalDateTime.parse(t, joda).toInstant(ZoneOffset.UTC).toEpochMilli(); sink(s); } },
    'date-fns parse': { slow: true, run: () => { let s = 0; for (const t of plain) s += dfParse(t, 'yyyy-MM-dd HH:mm:ss', ref).getTime(); sink(s); } },
    'its JS part: join + encodeInto': () => sink(border(plain)),
    'its wasm part: parse the batch': wasmPart(ours, plain),
    'native Rust (release), same loop': native("yyyy-MM-dd' 'HH:mm:ss", plain),
  })]);
}
{
  const ours = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
  const joda = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  const ref = new Date(0);
  rows.push(["yyyy-MM-dd'T'HH:mm:ssXXX", race({
    'element-poller parseMany (wasm)': () => { const a = ours.parseMany(iso); sink(a[0]); },
    'js-joda ofPattern': { slow: true, run: () => { let s = 0; for (const t of iso) s += OffsetDateTime.parse(t, joda).toInstant().toEpochMilli(); sink(s); } },
    'date-fns parse': { slow: true, run: () => { let s = 0; for (const t of iso) s += dfParse(t, "yyyy-MM-dd'T'HH:mm:ssXXX", ref).getTime(); sink(s); } },
    "V8 Date.parse": () => { let s = 0; for (const t of iso) s += Date.parse(t); sink(s); },
    'its JS part: join + encodeInto': () => sink(border(iso)),
    'its wasm part: parse the batch': wasmPart(ours, iso),
    'native Rust (release), same loop': native("yyyy-MM-dd'T'HH:mm:ssXXX", iso),
  })]);
}

{
  // Day and month names vary in width: the fast plan's step reader takes them, not the fixed
  // layout. js-joda needs its locale package for names; it is not a contender here.
  const pattern = 'EEE, dd MMM yyyy HH:mm:ss Z';
  const ours = new JavaDateFormat(pattern);
  const ref = new Date(0);
  rows.push([pattern, race({
    'element-poller parseMany (wasm)': () => { const a = ours.parseMany(rfc); sink(a[0]); },
    'date-fns parse': { slow: true, run: () => { let s = 0; for (const t of rfc) s += dfParse(t, 'EEE, dd MMM yyyy HH:mm:ss xx', ref).getTime(); sink(s); } },
    'V8 Date.parse': () => { let s = 0; for (const t of rfc) s += Date.parse(t); sink(s); },
    'its JS part: join + encodeInto': () => sink(border(rfc)),
    'its wasm part: parse the batch': wasmPart(ours, rfc),
    'native Rust (release), same loop': native(pattern, rfc),
  })]);
}

// Sanity: every contender agrees with us on a sample, so the race is fair.
{
  const f = new JavaDateFormat('EEE, dd MMM yyyy HH:mm:ss Z');
  for (const t of rfc.slice(0, 100)) {
    if (f.parse(t) !== Date.parse(t) || dfParse(t, 'EEE, dd MMM yyyy HH:mm:ss xx', new Date(0)).getTime() !== Date.parse(t)) {
      throw new Error(`disagreement on ${t}`);
    }
  }
}
{
  const f = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
  for (const t of iso.slice(0, 100)) {
    const want = Date.parse(t);
    if (f.parse(t) !== want || OffsetDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")).toInstant().toEpochMilli() !== want) {
      throw new Error(`disagreement on ${t}`);
    }
  }
}

console.log(`Parse ${N.toLocaleString('en-US')} strings per pattern, contenders taking turns over 15 rounds (the slow peers 3), best pass each, one Node ${process.version} process.\n`);
for (const [pattern, r] of rows) {
  const ours = r['element-poller parseMany (wasm)'];
  console.log(`${pattern}`);
  console.log(`  ${'contender'.padEnd(34)} ${'ns/item'.padStart(9)}  ${'vs ours'.padStart(8)}`);
  for (const [name, ns] of Object.entries(r)) {
    const ratio = name.startsWith('element-poller') ? '1.00×' : `${(ns / ours).toFixed(2)}×`;
    console.log(`  ${name.padEnd(34)} ${ns.toFixed(1).padStart(9)}  ${ratio.padStart(8)}`);
  }
  const nat = r['native Rust (release), same loop'];
  console.log(`  against native: the whole call ${(ours / nat).toFixed(2)}×, its wasm part ${(r['its wasm part: parse the batch'] / nat).toFixed(2)}×`);
  console.log('');
}
console.log('"vs ours" > 1 means the contender is slower than element-poller (wasm).');
console.log('The JS part is the join and UTF-8 copy parseMany does before wasm starts: a floor no one-call design avoids.');
console.log('Native runs the wasm part\'s loop (NUL-separated UTF-8 in, f64 out) on the same texts.');
console.log('');
detectBench();
console.log('');
await cycleBench();

const wasm = readFileSync(new URL('../pkg/dist/web/element_poller_bg.wasm', import.meta.url));
console.log(`wasm size: ${(wasm.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`);

// Detection: a 20,000-record page of iContact-like contacts, text to events through the JS
// API, beside V8's JSON.parse of the same page alone (which finds no events at all).
function detectBench() {
  const M = 20_000;
  const base = Date.UTC(2024, 1, 1);
  const fmt = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  const streets = ['Main St', 'Oak Ave', 'Pine Rd', 'Elm St', 'Cedar Ln'];
  const contacts = [];
  for (let i = 0; i < M; i++) {
    const t = base + i * 60_000;
    // The fields of an iContact contact (~300 bytes as JSON).
    contacts.push({
      contactId: String(1_000_000 + i), email: `person${i}@example.com`, prefix: '', firstName: `First${i}`, lastName: `Last${i}`,
      suffix: '', street: `${100 + (i % 900)} ${streets[i % 5]}`, city: 'Springfield', state: 'IL', postalCode: String(62700 + (i % 99)),
      phone: `217-555-${String(i % 10_000).padStart(4, '0')}`, business: `Company ${i % 300}`, status: 'normal',
      bounceCount: String(i % 3), createDate: fmt(t), updateDate: fmt(t + (i % 7) * 3_600_000),
    });
  }
  const page = JSON.stringify({ contacts, total: M, limit: M, offset: 0 });
  const instance = {
    element: { key: 'icontact' }, name: 'bench',
    configuration: {
      'event.notification.enabled': true, 'event.notification.callback.url': 'https://example.com/events', 'event.poller.refresh_interval': 15,
      'event.poller.configuration': { contacts: { url: '/hubs/general/contacts', idField: 'contactId', datesConfiguration: {
        updatedDateField: 'updateDate', updatedDateFormat: "yyyy-MM-dd' 'HH:mm:ss", createdDateField: 'createDate', createdDateFormat: "yyyy-MM-dd' 'HH:mm:ss" } } },
    },
  };
  const det = new Detector(instance, 'contacts', { instanceId: 'bench', recordsPath: 'contacts' });
  const end = base + M * 60_000 + 7 * 3_600_000;
  // Steady state: the cursor sits so that the last 1,000 records are new.
  const steadyCursor = base + (M - 1_000) * 60_000 + 6 * 3_600_000;
  const first = det.detect('{"contacts": []}', null, steadyCursor);
  const steadyState = first.state;
  const allNewState = det.detect('{"contacts": []}', null, base - 1).state;
  let steadyEvents = 0, allEvents = 0;
  const dir = mkdtempSync(join(tmpdir(), 'ep-detect-'));
  writeFileSync(join(dir, 'instance.json'), JSON.stringify(instance));
  writeFileSync(join(dir, 'page.json'), page);
  writeFileSync(join(dir, 'steady.json'), JSON.stringify(steadyState));
  writeFileSync(join(dir, 'all.json'), JSON.stringify(allNewState));
  const nat = (state) => ({ selfTimed: () => Number(execFileSync(example('bench_detect'),
    [join(dir, 'instance.json'), join(dir, 'page.json'), join(dir, state), String(end)], { encoding: 'utf8' }).trim().split(' ')[0]) });
  const r = race({
    jsonParse: () => { const v = JSON.parse(page); sink(v.contacts.length); },
    steady: () => { steadyEvents = det.detect(page, steadyState, end).events.length; },
    allNew: () => { allEvents = det.detect(page, allNewState, end).events.length; },
    nSteady: nat('steady.json'),
    nAll: nat('all.json'),
  }, { rounds: 9, per: 1e6 });
  const { jsonParse, steady, allNew, nSteady, nAll } = r;
  console.log(`Detect changes in one page of ${M.toLocaleString('en-US')} iContact-like contacts (${(page.length / 1e6).toFixed(1)} MB), text to events, best of 9 rounds:`);
  console.log(`  ${'contender'.padEnd(48)} ${'ms/page'.padStart(8)}  ${'vs JSON.parse'.padStart(13)}`);
  const row = (name, v) => console.log(`  ${name.padEnd(48)} ${v.toFixed(1).padStart(8)}  ${`${(v / jsonParse).toFixed(2)}×`.padStart(13)}`);
  row('V8 JSON.parse of the page alone', jsonParse);
  row(`element-poller Detector (wasm), ${steadyEvents} new`, steady);
  row(`element-poller Detector (wasm), all ${allEvents} new`, allNew);
  row(`native Rust, ${steadyEvents} new`, nSteady);
  row(`native Rust, all ${allEvents} new`, nAll);
  console.log('"vs JSON.parse" < 1 means faster than parsing the page alone in V8.');
}

// One poll cycle: 10 resources x 5,000 contact-like records from the local iContact API
// (real HTTP on 127.0.0.1, iContact headers, limit/offset pages of 500), every record new
// (backfill), delivered in notifications of 10 to a local receiver that verifies each
// signature. Wall time split into fetch, detect and deliver.
async function cycleBench() {
  const R = 10, PER = 5_000;
  const base = Date.UTC(2024, 0, 1);
  const api = await new IContactApi().listen();
  const resources = {};
  for (let r = 0; r < R; r++) {
    const name = `list${r}`;
    const items = [];
    for (let i = 0; i < PER; i++) {
      const t = contactDate(base + (r * PER + i) * 1_000);
      items.push({ contactId: `${r}-${i}`, email: `person${i}@example.com`, firstName: `First${i}`, lastName: `Last${i}`,
        city: 'Springfield', state: 'IL', status: 'normal', createDate: t, updateDate: t });
    }
    api.collections.set(name, items);
    resources[name] = { url: `/hubs/general/${name}`, idField: 'contactId', backfillFrom: '2023-12-31T00:00:00Z', pageSize: 500, datesConfiguration: {
      updatedDateField: 'updateDate', updatedDateFormat: "yyyy-MM-dd' 'HH:mm:ss", createdDateField: 'createDate', createdDateFormat: "yyyy-MM-dd' 'HH:mm:ss" } };
  }
  const rx = await new Receiver({ secret: 'local-signature-key' }).listen();
  const instance = localInstance({ apiUrl: api.url, callbackUrl: rx.url });
  instance.configuration['event.poller.configuration'] = resources;
  const p = new Poller(instance);
  const t0 = process.hrtime.bigint();
  const report = await p.pollOnce();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const sum = (k) => report.resources.reduce((n, r) => n + r[k], 0);
  const delivered = sum('delivered');
  console.log(`One poll cycle: ${R} resources x ${PER.toLocaleString('en-US')} records from the local iContact API (${sum('pages')} pages), all new, signed, to a local receiver:`);
  console.log(`  wall ${wall.toFixed(0)} ms = fetch ${sum('fetchMs')} ms + detect ${sum('detectMs')} ms + deliver ${sum('deliverMs')} ms`);
  console.log(`  ${delivered.toLocaleString('en-US')} events in ${sum('notifications').toLocaleString('en-US')} notifications: ${(delivered / (wall / 1000)).toFixed(0)} events/s; receiver got ${rx.events.length.toLocaleString('en-US')}, rejected ${rx.rejected}`);
  await rx.close();
  await api.close();
}
