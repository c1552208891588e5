// The Detector through the package: raw page text in, events and state out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Detector } from 'element-poller';

const NOW = Date.UTC(2024, 1, 29, 12, 0, 0);
const instance = {
  element: { key: 'icontact' }, name: 'n',
  configuration: {
    'oauth.api.secret': 'very-secret-9931',
    'event.notification.enabled': true, 'event.notification.callback.url': 'https://example.com/e', 'event.poller.refresh_interval': 5,
    'event.poller.configuration': { contacts: { url: '/hubs/general/contacts', idField: 'contactId', pollDelay: 60, datesConfiguration: {
      updatedDateField: 'updateDate', updatedDateFormat: "yyyy-MM-dd' 'HH:mm:ss", createdDateField: 'createDate', createdDateFormat: "yyyy-MM-dd' 'HH:mm:ss" } } },
  },
};
const fmt = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const page = (...rows) => JSON.stringify({ contacts: rows.map(([id, u, c]) => ({ contactId: id, updateDate: fmt(u), createDate: fmt(c ?? u), email: 'x@y.z' })), total: rows.length });

test('baseline, then exactly the new changes, with stable ids and a JSON state', () => {
  const d = new Detector(instance, 'contacts', { instanceId: 'i-1', recordsPath: 'contacts' });
  const first = d.detect(page([1, NOW - 3_600_000]), null, NOW);
  assert.deepEqual(first.events, []);
  const state = JSON.parse(JSON.stringify(first.state));
  const second = d.detect(page([1, NOW - 3_600_000], [2, NOW + 1_000], [3, NOW + 2_000, NOW - 86_400_000]), state, NOW + 60_000);
  assert.deepEqual(second.events.map((e) => [e.objectId, e.eventType, e.date]), [['2', 'CREATED', NOW + 1_000], ['3', 'UPDATED', NOW + 2_000]]);
  assert.match(second.events[0].id, /^evt_[0-9a-f]{32}$/);
  assert.equal(second.events[0].objectType, 'contacts');
  assert.equal(second.stats.old, 1);
  // Re-polled before the state was saved (a failed delivery): the same events, the same ids.
  const again = d.detect(page([2, NOW + 1_000], [3, NOW + 2_000, NOW - 86_400_000]), state, NOW + 120_000);
  assert.deepEqual(again.events.map((e) => e.id), second.events.map((e) => e.id));
  // Once saved, nothing repeats; a record sharing the boundary second is still new.
  const third = d.detect(page([2, NOW + 1_000], [3, NOW + 2_000, NOW - 86_400_000], [4, NOW + 2_000]), second.state, NOW + 180_000);
  assert.deepEqual(third.events.map((e) => e.objectId), ['4']);
  d.free();
});

test('bad records are reported with index, id and reason', () => {
  const d = new Detector(instance, 'contacts', { recordsPath: 'contacts' });
  const { state } = d.detect(page(), null, NOW);
  const text = JSON.stringify({ contacts: [{ contactId: 1, updateDate: 'soon' }, { updateDate: fmt(NOW + 5) }, { contactId: 3, updateDate: fmt(NOW + 5000), createDate: fmt(NOW + 5000) }] });
  const out = d.detect(text, state, NOW + 10_000);
  assert.deepEqual(out.events.map((e) => e.objectId), ['3']);
  assert.deepEqual(out.stats.bad.map((b) => [b.index, b.objectId ?? null]), [[0, '1'], [1, null]]);
  assert.match(out.stats.bad[0].reason, /does not match `yyyy-MM-dd' 'HH:mm:ss`/);
});

test('errors name what is wrong and never a secret', () => {
  const codeOf = (fn) => { try { fn(); } catch (e) { assert.ok(!String(e.message).includes('very-secret-9931')); return e.code; } return 'no error'; };
  const broken = structuredClone(instance);
  broken.configuration['event.poller.refresh_interval'] = 'often';
  assert.equal(codeOf(() => new Detector(broken, 'contacts')), 'EINSTANCE');
  assert.equal(codeOf(() => new Detector(instance, 'leads')), 'ERESOURCE');
  assert.equal(codeOf(() => new Detector(instance, 'contacts', { recordsPath: 'a[' })), 'EOPTIONS');
  const d = new Detector(instance, 'contacts', { recordsPath: 'contacts' });
  assert.equal(codeOf(() => d.detect('{"contacts": [', null, NOW)), 'EPAGE');
  assert.equal(codeOf(() => d.detect('{"items": []}', null, NOW)), 'EPAGE');
  const other = structuredClone(instance);
  other.configuration['event.poller.configuration'].contacts.idField = 'email';
  const state = new Detector(other, 'contacts', { recordsPath: 'contacts' }).detect(page(), null, NOW).state;
  let message = '';
  try { d.detect(page(), state, NOW); } catch (e) { message = e.message; assert.equal(e.code, 'ESTATE'); }
  assert.match(message, /idField was `email`, now `contactId`/);
  // The instance still works after every error.
  assert.deepEqual(d.detect(page(), null, NOW).events, []);
});
