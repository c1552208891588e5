// The same wasm in real workerd (miniflare 3): the package's workerd entry, the example
// Worker's cron trigger polling the local iContact API with its state in KV, and delivery
// to a local receiver that checks signatures.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Miniflare } from 'miniflare';
import { IContactApi } from '../../scripts/local/icontact-api.mjs';
import { Receiver } from '../../scripts/local/receiver.mjs';
import { localInstance } from '../../scripts/local/instance.mjs';
import { samplePattern, sampleTexts } from '../js/dates-sample.mjs';

const pkg = new URL('../../pkg/', import.meta.url).pathname;
const api = await new IContactApi().listen();
const rx = await new Receiver({ secret: 'local-signature-key' }).listen();
for (let i = 0; i < 3; i++) api.addContact(Date.now() - 3_600_000);
/** The example Worker in workerd, on the package as published (wasm as a module). */
const workerd = (apiUrl, callbackUrl, { bindings = {}, ...extra } = {}) => new Miniflare({
  modules: true,
  modulesRoot: pkg,
  scriptPath: `${pkg}workers/poller-worker.js`,
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }, { type: 'ESModule', include: ['**/*.js'] }],
  bindings: { INSTANCE: JSON.stringify(localInstance({ apiUrl, callbackUrl })), ...bindings },
  kvNamespaces: ['STATE'],
  compatibilityDate: '2024-09-23',
  ...extra,
});
const mf = workerd(api.url, rx.url);
after(async () => { await mf.dispose(); await api.close(); await rx.close(); });

test('validateInstance runs in workerd', async () => {
  const res = await mf.dispatchFetch('http://localhost/validate');
  const report = await res.json();
  assert.equal(report.ok, true);
  assert.equal(report.instance.configuration['api.password'], '********');
});

test('parseMany in workerd: across chunks, the same answers as parse one by one', async () => {
  const root = new URL('../../', import.meta.url).pathname;
  const dates = new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: `${root}tests/workers/dates-worker.js`,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }, { type: 'ESModule', include: ['**/*.js'] }],
    compatibilityDate: '2024-09-23',
  });
  try {
    const texts = sampleTexts();
    const res = await dates.dispatchFetch('http://localhost/', { method: 'POST', body: JSON.stringify({ pattern: samplePattern, texts }) });
    const { many, one } = await res.json();
    assert.equal(many.length, texts.length);
    assert.deepEqual(many, one);
    assert.equal(many[0], Date.parse('2024-02-29T00:34:56+05:30'));
    assert.ok(many.filter((x) => x === null).length > 1000);
  } finally {
    await dates.dispose();
  }
});

test('cron triggers poll, deliver signed notifications and keep the state in KV', async () => {
  const worker = await mf.getWorker();
  assert.equal((await worker.scheduled({ cron: '*/1 * * * *' })).outcome, 'ok');
  const kv = await mf.getKVNamespace('STATE');
  const first = await kv.get('state', 'json');
  assert.equal(first.version, 1);
  assert.equal(rx.events.length, 0, 'the first poll is a baseline');
  api.addContact(Date.now() + 1_000);
  api.addContact(Date.now() + 1_000);
  api.addMessage(Date.now() + 1_000);
  await new Promise((ok) => setTimeout(ok, 1_200));
  assert.equal((await worker.scheduled({ cron: '*/1 * * * *' })).outcome, 'ok');
  // waitUntil work may finish after scheduled() returns.
  for (let i = 0; i < 50 && rx.events.length < 3; i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.deepEqual(rx.events.map((e) => [e.objectType, e.eventType]).sort(), [['contacts', 'CREATED'], ['contacts', 'CREATED'], ['message', 'CREATED']]);
  assert.equal(rx.rejected, 0);
  const second = await kv.get('state', 'json');
  assert.ok(second.resources.contacts.cursor > first.resources.contacts.cursor);
  assert.equal((await worker.scheduled({ cron: '*/1 * * * *' })).outcome, 'ok');
  await new Promise((ok) => setTimeout(ok, 200));
  assert.equal(rx.events.length, 3, 'nothing is sent twice');
});

test('a Durable Object polls on its own alarm, one cycle at a time, state in its storage', async () => {
  const api2 = await new IContactApi().listen();
  const rx2 = await new Receiver({ secret: 'local-signature-key' }).listen();
  api2.addContact(Date.now() - 3_600_000);
  const mf2 = workerd(api2.url, rx2.url, { bindings: { INTERVAL_MS: '300' }, durableObjects: { POLLER: 'PollerObject' } });
  try {
    assert.equal((await (await mf2.dispatchFetch('http://localhost/start', { method: 'POST' })).json()).armed, true);
    let state = null;
    for (let i = 0; i < 100 && !state; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      state = await (await mf2.dispatchFetch('http://localhost/do/state')).json();
    }
    assert.equal(state?.version, 1, 'the alarm ran a first cycle');
    api2.addContact(Date.now() + 1_000);
    for (let i = 0; i < 100 && rx2.events.length < 1; i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(rx2.events.length, 1, 'a later alarm delivered the new contact');
    await new Promise((ok) => setTimeout(ok, 800));
    assert.equal(rx2.events.length, 1, 'and never again');
  } finally {
    await mf2.dispose();
    await api2.close();
    await rx2.close();
  }
});
