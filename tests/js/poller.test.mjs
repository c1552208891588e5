// The Poller with real parts: the local iContact-like API and a signature-checking receiver
// on 127.0.0.1, the wasm engine fetching through Node's fetch. Every fault test asserts the
// set of delivered events by id: nothing lost, anything repeated carries the same id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Poller, verifySignature } from 'element-poller';
import { IContactApi } from '../../scripts/local/icontact-api.mjs';
import { Receiver } from '../../scripts/local/receiver.mjs';
import { localInstance } from '../../scripts/local/instance.mjs';

const T0 = Date.UTC(2024, 1, 29, 12, 0, 0);
const fast = { retry: { attempts: 3, baseMs: 20, capMs: 200 }, timeoutMs: 400 };

async function world({ secret = 'local-signature-key', contacts = 3 } = {}) {
  const clock = { now: T0 };
  const api = await new IContactApi({ now: () => clock.now }).listen();
  const rx = await new Receiver({ secret }).listen();
  for (let i = 0; i < contacts; i++) api.addContact(T0 - 3_600_000);
  const instance = localInstance({ apiUrl: api.url, callbackUrl: rx.url, signatureKey: secret });
  const close = async () => { await api.close(); await rx.close(); };
  return { clock, api, rx, instance, close };
}

/** Adds changes after the baseline: 2 new contacts in one second, 1 update, 1 message. */
function change(w) {
  w.clock.now += 60_000;
  return [w.api.addContact(), w.api.addContact(), w.api.updateContact('1'), w.api.addMessage()];
}

/** A world, a poller on its clock, the baseline poll done, and one round of changes made. */
async function afterBaseline(opts = {}) {
  const w = await world(opts);
  const p = new Poller(w.instance, { now: () => w.clock.now, ...fast });
  await p.pollOnce();
  change(w);
  return { w, p };
}

const ids = (rx) => rx.events.map((e) => e.id);
const distinct = (rx) => [...new Set(ids(rx))].sort();

test('happy path: a baseline, then each change once, signed, in the Cloud Elements body', async () => {
  const w = await world();
  const p = new Poller(w.instance, { now: () => w.clock.now, ...fast });
  const first = await p.pollOnce();
  assert.deepEqual(first.resources.map((r) => [r.resource, r.events, r.committed]), [['contacts', 0, true], ['message', 0, true]]);
  change(w);
  const second = await p.pollOnce();
  assert.deepEqual(second.resources.map((r) => [r.resource, r.delivered]), [['contacts', 3], ['message', 1]]);
  assert.deepEqual(w.rx.events.map((e) => [e.objectType, e.objectId, e.eventType]).sort(),
    [['contacts', '1', 'UPDATED'], ['contacts', '4', 'CREATED'], ['contacts', '5', 'CREATED'], ['message', '1', 'CREATED']]);
  assert.equal(w.rx.rejected, 0);
  const third = await p.pollOnce();
  assert.equal(third.resources.reduce((n, r) => n + r.events, 0), 0, 'nothing is sent twice');
  const e = w.rx.events[0];
  assert.equal(e.elementKey, 'icontact');
  assert.match(e.pollDate, /^2024-02-29T12:01:00Z$/);
  await w.close();
});

test('provider faults: 500 and 429 are retried, garbage and truncated pages fail only that resource, nothing is lost', async () => {
  const { w, p } = await afterBaseline();
  // Discovery (2 requests) is cached after the first cycle: the next requests are contacts, then message.
  w.api.faults.push({ status: 500 }, { status: 429, retryAfter: 0 });
  let r = await p.pollOnce();
  assert.deepEqual(r.resources.map((x) => x.errors.length), [0, 0]);
  assert.equal(w.rx.events.length, 4);
  change(w);
  w.api.faults.push({ body: '<html>oops</html>' });
  r = await p.pollOnce();
  assert.match(r.resources[0].errors[0], /contacts/);
  assert.equal(r.resources[0].committed, false);
  assert.equal(r.resources[1].delivered, 1, 'the other resource still delivers');
  w.api.faults.push({ truncate: true });
  r = await p.pollOnce();
  assert.equal(r.resources[0].committed, false);
  r = await p.pollOnce();
  assert.equal(r.resources[0].delivered, 3, 'the next good cycle delivers what the failed ones could not');
  assert.deepEqual(distinct(w.rx), [...ids(w.rx)].sort(), 'no repeats');
  assert.equal(w.rx.events.length, 8);
  await w.close();
});

test('provider timeout: retried; after the last attempt the resource waits for the next cycle', async () => {
  const { w, p } = await afterBaseline();
  w.api.faults.push({ delayMs: 800 }, { delayMs: 800 }, { delayMs: 800 });
  let r = await p.pollOnce();
  assert.match(r.resources[0].errors[0], /timed out, 3 attempts/);
  r = await p.pollOnce();
  assert.equal(r.resources[0].delivered, 3);
  await w.close();
});

test('receiver faults: down, slow, 500 and 400 never lose events; re-sends carry the same ids', async () => {
  const { w, p } = await afterBaseline();
  // 400: not retried, not committed.
  w.rx.faults.push({ status: 400 });
  let r = await p.pollOnce();
  assert.equal(r.resources[0].committed, false);
  assert.match(r.resources[0].errors[0], /answered 400/);
  // 500 then slow then ok: retried within the cycle.
  w.rx.faults.push({ status: 500 }, { delayMs: 800 });
  r = await p.pollOnce();
  assert.equal(r.resources[0].committed, true);
  // Down: the connection is dropped every time.
  change(w);
  w.rx.faults.push({ destroy: true }, { destroy: true }, { destroy: true });
  r = await p.pollOnce();
  assert.equal(r.resources[0].committed, false);
  r = await p.pollOnce();
  assert.equal(r.resources[0].committed, true);
  const want = new Set(ids(w.rx));
  assert.equal(want.size, (3 + 1) * 2, 'every change arrived');
  const counts = {};
  for (const id of ids(w.rx)) counts[id] = (counts[id] ?? 0) + 1;
  assert.ok(Object.values(counts).every((n) => n <= 2), 'repeats only where an acknowledgement was lost');
  await w.close();
});

test('a bad signature is rejected by the receiver, and verifySignature checks both schemes', async () => {
  const body = '{"message":{}}';
  assert.deepEqual(verifySignature({ body, headers: {}, secret: 'k' }), { ok: false, reason: 'the Elements-Webhook-Signature header is missing' });
  const sig = 'sha256=' + (await import('node:crypto')).createHmac('sha256', 'k').update(body).digest('base64');
  assert.deepEqual(verifySignature({ body, headers: { 'Elements-Webhook-Signature': sig }, secret: 'k' }), { ok: true });
  assert.equal(verifySignature({ body: body + ' ', headers: { 'elements-webhook-signature': sig }, secret: 'k' }).ok, false);
  const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
  const vector = { 'webhook-id': 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk', 'webhook-timestamp': '1649367553', 'webhook-signature': 'v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=' };
  const payload = '{"email":"test@example.com","username":"test_user"}';
  assert.deepEqual(verifySignature({ body: payload, headers: vector, secret, now: 1_649_367_553_000 }), { ok: true });
  assert.match(verifySignature({ body: payload, headers: vector, secret }).reason, /timestamp/);
  // Standard Webhooks end to end.
  const w = await world({ secret: 'whsec_' + Buffer.from('a-local-standard-webhooks-key!').toString('base64') });
  const p = new Poller(w.instance, { now: () => Date.now(), ...fast });
  await p.pollOnce();
  w.api.addContact(Date.now() + 2_000);
  await p.pollOnce();
  assert.equal(w.rx.events.length, 1);
  assert.equal(w.rx.rejected, 0);
  await w.close();
});

test('dry run fetches and detects but neither delivers nor commits; state() is JSON and reloads', async () => {
  const { w, p } = await afterBaseline();
  const saved = JSON.parse(JSON.stringify(p.state()));
  const dry = new Poller(w.instance, { now: () => w.clock.now, state: saved, dryRun: true, ...fast });
  const r = await dry.pollOnce();
  assert.equal(r.resources[0].events, 3);
  assert.equal(w.rx.events.length, 0);
  assert.deepEqual(dry.state(), saved);
  const again = new Poller(w.instance, { now: () => w.clock.now, state: saved, ...fast });
  await again.pollOnce();
  assert.equal(w.rx.events.length, 4);
  // A state from another configuration is refused with the reason.
  const other = structuredClone(w.instance);
  other.configuration['event.poller.configuration'].contacts.idField = 'email';
  assert.throws(() => new Poller(other, { state: saved }), /idField was `contactId`, now `email`/);
  const fresh = new Poller(other, { state: saved, reset: ['contacts'] });
  assert.equal(fresh.state().resources.contacts, undefined, 'reset drops only that resource');
  assert.ok(fresh.state().resources.message);
  assert.throws(() => new Poller(other, { state: saved, reset: ['nope'] }), /no such resource/);
  await w.close();
});

test('the process killed between delivery and commit: the restart re-sends the same ids, nothing is lost', async () => {
  const w = await world();
  const dir = mkdtempSync(join(tmpdir(), 'ep-kill-'));
  const file = join(dir, 'instance.json');
  const stateFile = join(dir, 'state.json');
  writeFileSync(file, JSON.stringify(w.instance));
  const cli = new URL('../../pkg/cli.js', import.meta.url).pathname;
  const run = () => new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'run', file, '--state', stateFile, '--once'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code, signal) => resolve({ code, signal, out, child }));
    w.rx.onNotification = () => { if (w.killNext) { w.killNext = false; child.kill('SIGKILL'); } };
  });
  // The real clock: the CLI reads Date.now().
  let r = await run();
  assert.equal(r.code, 0, r.out);
  assert.ok(existsSync(stateFile));
  for (let i = 0; i < 3; i++) w.api.addContact(Date.now() + 1_000);
  await new Promise((ok) => setTimeout(ok, 1_100));
  w.killNext = true; // SIGKILL as the first notification is received, before the state is written
  r = await run();
  assert.equal(r.signal, 'SIGKILL');
  const firstIds = ids(w.rx);
  assert.equal(firstIds.length, 3);
  const stateBefore = readFileSync(stateFile, 'utf8');
  r = await run();
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /delivered contacts notification msg_[0-9a-f]{32} \(3 events\)/);
  assert.notEqual(readFileSync(stateFile, 'utf8'), stateBefore, 'the restart committed');
  assert.deepEqual(distinct(w.rx), [...new Set(firstIds)].sort(), 'the re-sent events carry the same ids');
  r = await run();
  assert.equal(w.rx.events.length, 6, 'and after the commit nothing more is sent');
  await w.close();
});

test('limit/offset paging reads every page, and the page budget stops early and says so', async () => {
  const w = await world({ contacts: 120 });
  const p = new Poller(w.instance, { now: () => w.clock.now, ...fast });
  let r = await p.pollOnce();
  assert.deepEqual([r.resources[0].pages, r.resources[0].fetched, r.resources[0].truncated], [3, 120, false]);
  const budget = new Poller(w.instance, { now: () => w.clock.now, ...fast, maxPages: 2 });
  r = await budget.pollOnce();
  assert.deepEqual([r.resources[0].pages, r.resources[0].fetched, r.resources[0].truncated], [2, 100, true]);
  // Wrong credentials: a clear error, no secret in it.
  const bad = structuredClone(w.instance);
  bad.configuration['api.password'] = 'wrong-password-123';
  r = await new Poller(bad, { now: () => w.clock.now, ...fast }).pollOnce();
  assert.match(r.resources[0].errors[0], /answered 401/);
  assert.ok(!JSON.stringify(r).includes('wrong-password-123') && !JSON.stringify(r).includes('local-api-password'));
  await w.close();
});

test('generic profile: page numbers, next links and next tokens, records found as the single array', async () => {
  const { createServer } = await import('node:http');
  const all = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, modified: new Date(T0 + (i + 1) * 1000).toISOString() }));
  const server = createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let body;
    if (u.pathname === '/paged') {
      const page = Number(u.searchParams.get('p')); const size = Number(u.searchParams.get('n'));
      body = { data: all.slice((page - 1) * size, page * size), meta: { page } };
    } else if (u.pathname === '/linked') {
      const from = Number(u.searchParams.get('from') ?? 0);
      body = { items: all.slice(from, from + 3), next: from + 3 < all.length ? `/linked?from=${from + 3}` : null };
    } else {
      const from = Number(u.searchParams.get('token') ?? 0);
      body = { results: all.slice(from, from + 3), paging: { cursor: from + 3 < all.length ? String(from + 3) : null } };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const rx = await new Receiver().listen();
  const instance = (url, paging) => ({ element: { key: 'generic' }, name: 'g', configuration: {
    'base.url': base, ...paging, 'event.notification.enabled': true, 'event.notification.callback.url': rx.url, 'event.poller.refresh_interval': 1,
    'event.poller.configuration': { items: { url, idField: 'id', pageSize: 3, backfillFrom: new Date(T0).toISOString(),
      datesConfiguration: { updatedDateField: 'modified', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" } } } } });
  const cases = [
    ['/paged', { 'pagination.type': 'page', 'pagination.page': 'p', 'pagination.size': 'n' }, 3],
    ['/linked', { 'pagination.type': 'nextLink', 'pagination.next': 'next' }, 3],
    ['/tokens', { 'pagination.type': 'nextToken', 'pagination.next': 'paging.cursor', 'pagination.token': 'token' }, 3],
  ];
  for (const [url, paging, pages] of cases) {
    const r = await new Poller(instance(url, paging), { now: () => T0 + 60_000, ...fast }).pollOnce();
    assert.deepEqual([r.resources[0].pages, r.resources[0].fetched, r.resources[0].delivered, r.resources[0].errors], [pages, 7, 7, []], url);
  }
  await rx.close();
  server.closeAllConnections?.();
  await new Promise((ok) => server.close(ok));
});

test('run keeps polling on its interval and stops cleanly on SIGTERM, state saved', async () => {
  const w = await world();
  const dir = mkdtempSync(join(tmpdir(), 'ep-term-'));
  const file = join(dir, 'instance.json');
  const stateFile = join(dir, 'state.json');
  const inst = structuredClone(w.instance);
  writeFileSync(file, JSON.stringify(inst));
  const cli = new URL('../../pkg/cli.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [cli, 'run', file, '--state', stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  while (!out.includes('cycle 1: message')) await new Promise((ok) => setTimeout(ok, 50));
  child.kill('SIGTERM');
  const code = await new Promise((ok) => child.on('exit', ok));
  assert.equal(code, 0, out);
  assert.match(out, /SIGTERM: stopping after the current cycle/);
  assert.equal(JSON.parse(readFileSync(stateFile, 'utf8')).version, 1);
  await w.close();
});

test('one cycle at a time: a second pollOnce while one runs is refused with EBUSY', async () => {
  const w = await world();
  const p = new Poller(w.instance, { now: () => w.clock.now, ...fast });
  w.api.faults.push({ delayMs: 200 });
  const first = p.pollOnce();
  await assert.rejects(p.pollOnce(), (e) => e.code === 'EBUSY');
  assert.throws(() => p.state(), (e) => e.code === 'EBUSY');
  const r = await first;
  assert.equal(r.resources.length, 2);
  assert.equal(p.state().version, 1);
  await w.close();
});
