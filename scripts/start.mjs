// npm start: the main job on the embedded default. A local iContact-like API and a local
// callback receiver (both real HTTP on 127.0.0.1), and the poller on the seed's instance
// body pointed at them, with the interval shortened to seconds. The API changes while it
// runs (new contacts, updated ones, several in one second, new messages); the receiver
// verifies every signature and prints the events as they arrive.
//   npm start                 runs until Ctrl-C
//   npm start -- --cycles 5   stops by itself after 5 cycles
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateInstance } from 'element-poller';
import { runScheduler, describe } from '../pkg/harness.js';
import { IContactApi } from './local/icontact-api.mjs';
import { Receiver } from './local/receiver.mjs';
import { localInstance } from './local/instance.mjs';

const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i < 0 ? fallback : Number(process.argv[i + 1]); };
const cycles = arg('--cycles', Infinity);
const intervalMs = arg('--interval-ms', 2_000);

const api = await new IContactApi().listen();
const receiver = await new Receiver({
  secret: 'local-signature-key',
  onNotification: (m) => {
    for (const e of m.events) console.log(`  ← ${e.eventType.padEnd(7)} ${e.objectType}/${e.objectId} at ${e.date}  (${e.id})`);
  },
}).listen();
for (let i = 0; i < 12; i++) api.addContact(Date.now() - 3_600_000);
api.addMessage(Date.now() - 3_600_000);

const instance = localInstance({ apiUrl: api.url, callbackUrl: receiver.url });
const report = validateInstance(instance);
console.log(`element-poller: local iContact API ${api.url}, receiver ${receiver.url}`);
console.log(`instance "${instance.name}": ${report.ok ? 'valid' : 'NOT VALID'}; polling contacts and message every ${intervalMs / 1000} s${Number.isFinite(cycles) ? `, ${cycles} cycles` : ' (Ctrl-C to stop)'}`);

// The API's data changes between polls.
let tick = 0;
const changer = setInterval(() => {
  tick += 1;
  const now = Date.now();
  if (tick % 2 === 1) { api.addContact(now); api.addContact(now); api.addContact(now); } // three share one second
  if (tick % 3 === 0) api.updateContact(String(1 + (tick % 12)), now);
  if (tick % 4 === 0) api.addMessage(now);
}, Math.max(200, intervalMs / 2));

const stop = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => stop.abort());
const stateFile = join(mkdtempSync(join(tmpdir(), 'element-poller-')), 'state.json');
try {
  const done = await runScheduler({
    instance, stateFile, cycles, intervalMs, signal: stop.signal,
    onReport: (r, n) => { for (const line of describe(r)) console.log(`cycle ${n}: ${line}`); },
  });
  console.log(`done: ${done.cycles} cycles; ${receiver.events.length} events received, ${new Set(receiver.events.map((e) => e.id)).size} distinct, ${receiver.rejected} rejected signatures; state in ${stateFile}`);
} finally {
  clearInterval(changer);
  await api.close();
  await receiver.close();
}
