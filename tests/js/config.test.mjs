// validateInstance, the JSON Schema and the CLI, through the package's public entry points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { validateInstance, instanceSchema, JavaDateFormat } from 'element-poller';

const shared = new URL('../../../shared/data/', import.meta.url);
const seedCurl = readFileSync(new URL('seed/icontact-instance-curl.json', shared), 'utf8');
const seedOneLine = readFileSync(new URL('seed/icontact-instance.json', shared), 'utf8');
const cli = new URL('../../pkg/cli.js', import.meta.url).pathname;

const codes = (r) => r.diagnostics.map((d) => d.code);

test('the seed body: warnings where a reviewer would put them, at their line and column', () => {
  const r = validateInstance(seedCurl);
  assert.equal(r.ok, true);
  const id = r.diagnostics.find((d) => d.code === 'id-field');
  assert.equal(id.path, '/configuration/event.poller.configuration/contacts/idField');
  const line = seedCurl.split('\n')[id.line - 1];
  assert.equal(line.slice(id.column - 1, id.column - 1 + '"messageId"'.length), '"messageId"');
  assert.match(id.message, /contactId/);
  assert.ok(codes(r).includes('callback-element'));
  assert.ok(codes(r).includes('same-date-field'));
  const poller = r.instance.configuration['event.poller.configuration'];
  assert.equal(r.instance.configuration['event.poller.refresh_interval'], 15);
  assert.equal(poller.contacts.filterByUpdatedDate, true);
  assert.equal(poller.contacts.pollDelay, 0);
});

test('the one-line seed: errors for the stray }\' and the <minutes> placeholder', () => {
  const r = validateInstance(seedOneLine);
  assert.equal(r.ok, false);
  const stray = r.diagnostics.filter((d) => d.code === 'url-stray');
  assert.equal(stray.length, 2);
  for (const d of stray) {
    assert.equal(d.line, 1);
    assert.equal(seedOneLine.slice(d.column - 1, d.column + 1), "}'");
  }
  assert.ok(codes(r).includes('refresh-interval'));
});

test('an object gets the same verdict, with pointers and without positions', () => {
  const fromText = validateInstance(seedCurl);
  const fromObject = validateInstance(JSON.parse(seedCurl));
  assert.deepEqual(codes(fromObject), codes(fromText));
  assert.ok(fromObject.diagnostics.every((d) => d.line === undefined && d.column === undefined && d.path !== undefined));
  assert.deepEqual(fromObject.instance, fromText.instance);
});

test('inside a stringified poller configuration, positions point into the user\'s text', () => {
  const inner = { deals: { url: "/hubs/x?w=${gmtDate:yyyy-MM-dd'T}", idField: 'id',
    datesConfiguration: { updatedDateField: 'm', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX", updateDateTimezone: 'GMT' } } };
  const text = JSON.stringify({ element: { key: 'x' }, name: 'n', configuration: {
    'event.notification.enabled': 'true', 'event.notification.callback.url': 'https://example.com/e',
    'event.poller.refresh_interval': '5', 'event.poller.configuration': JSON.stringify(inner) } }, null, 2);
  const r = validateInstance(text);
  const typo = r.diagnostics.find((d) => d.code === 'unknown-key');
  assert.equal(typo.path, '/configuration/event.poller.configuration/deals/datesConfiguration/updateDateTimezone');
  assert.match(typo.message, /did you mean `updatedDateTimezone`/);
  const line = text.split('\n')[typo.line - 1];
  assert.equal(line.slice(typo.column - 1, typo.column - 1 + 'updateDateTimezone'.length + 2), '\\"updateDateTimezone');
  const tpl = r.diagnostics.find((d) => d.code === 'template');
  // The column of the quote inside the placeholder's format, within the escaped string.
  assert.equal(text.split('\n')[tpl.line - 1][tpl.column - 1], "'");
  assert.ok(codes(r).includes('normalized-string-config'));
  assert.equal(typeof r.instance.configuration['event.poller.configuration'], 'object');
});

test('comments and trailing commas are errors, and the rest is still checked', () => {
  const text = '{\n  // my instance\n  "name": "x",\n  "element": {"key": "k"},\n  "configuration": {"event.poller.refresh_interval": "0",},\n}';
  const r = validateInstance(text);
  assert.deepEqual(codes(r).filter((c) => c.startsWith('json-')), ['json-comment', 'json-trailing-comma', 'json-trailing-comma']);
  assert.deepEqual(r.diagnostics.find((d) => d.code === 'json-comment'), {
    severity: 'error', code: 'json-comment', path: '', line: 2, column: 3,
    message: r.diagnostics.find((d) => d.code === 'json-comment').message });
  assert.ok(codes(r).includes('refresh-interval'), 'values after the comment are still checked');
  const cut = validateInstance('{"name": "x", "configuration": {"event.poller.configuration": {"a": {"url": "/a');
  assert.deepEqual(codes(cut), ['json-truncated']);
  assert.equal(cut.instance, undefined);
});

test('secrets never appear in diagnostics or in the normalized instance', () => {
  const secret = {
    password: 's3cr3t-pass-9876', oauth: 'oauth-sec-4567', signature: 'sig-key-1234', code: 'grant-code-7777', token: 'tok-5555',
    urlPassword: 'url-pw-3141', wrongType: 'bad-typed-secret-2718',
  };
  const body = {
    element: { key: 'icontact' }, name: 'n', token: secret.token,
    providerData: { code: secret.code },
    configuration: {
      'api.password': secret.password, 'oauth.api.secret': secret.oauth, 'event.notification.signature.key': secret.signature,
      'event.notification.callback.url': `https://user:${secret.urlPassword}@example.com/events`,
      // A secret key with a wrong value type, and invalid non-secret values around it: every
      // diagnostic path that quotes a value runs.
      'api.key': [secret.wrongType],
      'event.notification.enabled': 'maybe', 'event.poller.refresh_interval': 'often',
      'event.poller.configuration': { c: { url: '/c', idField: 'id', datesConfiguration: { updatedDateField: 'u', updatedDateFormat: 'yyyy-qq' } } },
    },
  };
  for (const input of [body, JSON.stringify(body, null, 2)]) {
    const r = validateInstance(input);
    assert.equal(r.ok, false, 'the invalid values are reported');
    const out = JSON.stringify(r);
    for (const [what, value] of Object.entries(secret)) assert.ok(!out.includes(value), `leaked ${what}`);
    assert.equal(r.instance.configuration['api.password'], '********');
    assert.equal(r.instance.configuration['oauth.api.secret'], '********');
    assert.equal(r.instance.configuration['event.notification.signature.key'], '********');
    assert.equal(r.instance.providerData.code, '********');
    assert.equal(r.instance.token, '********');
    assert.equal(r.instance.configuration['event.notification.callback.url'], 'https://user:********@example.com/events');
  }
  // A secret that is also a placeholder-looking value is not echoed either.
  const ph = validateInstance({ element: { key: 'k' }, name: 'n', configuration: { 'api.password': '<hunter2-secret>' } });
  assert.ok(!JSON.stringify(ph).includes('hunter2'));
});

test('hostile input gets a report, never an exception, and the instance keeps working', () => {
  const inputs = [
    '', ' ', 'null', '[]', '"text"', '1e400', '{', '}', '{"a":1}{"b":2}', '\u0000', '\uD800',
    '['.repeat(100_000), '{"a":'.repeat(50_000), `{"name": "${'x'.repeat(10 * 1024 * 1024)}"}`,
    JSON.stringify({ element: { key: 1 }, name: [], tags: {}, providerData: 'x', configuration: {
      'event.notification.enabled': 7, 'event.poller.refresh_interval': 1e308, 'event.notification.callback.url': 42,
      'event.poller.configuration': { a: [], b: 'x', c: { url: 5, idField: {}, datesConfiguration: [], pageSize: -1, pollDelay: '1.5', createdCheckTolerance: 1e400 } } } }),
    JSON.stringify({ configuration: { 'event.poller.configuration': JSON.stringify(JSON.stringify({ a: { url: '/a' } })) } }),
  ];
  for (const input of inputs) {
    const r = validateInstance(input);
    assert.equal(typeof r.ok, 'boolean');
    assert.ok(Array.isArray(r.diagnostics));
    for (const d of r.diagnostics) {
      assert.ok(['error', 'warning', 'info'].includes(d.severity));
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length < 2000, `message of ${d.code} is ${d.message.length} chars`);
    }
  }
  const cyclic = { a: {} };
  cyclic.a.b = cyclic;
  for (const input of [cyclic, { n: 10n }, null, undefined, 42, () => 1, Symbol('s')]) {
    const r = validateInstance(input);
    assert.equal(r.ok, false);
    assert.equal(r.diagnostics[0].code, 'type');
  }
  assert.equal(validateInstance(seedCurl).ok, true);
  assert.equal(new JavaDateFormat('yyyy').parse('2024'), Date.UTC(2024, 0, 1));
});

test('the JSON Schema is a package file and a function, and accepts every body the validator accepts', () => {
  const require = createRequire(import.meta.url);
  const file = JSON.parse(readFileSync(require.resolve('element-poller/schema.json'), 'utf8'));
  assert.deepEqual(file, instanceSchema());
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const check = ajv.compile(file);
  let checked = 0;
  const dir = new URL('ce-configs/', shared);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const entry = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    for (const raw of [entry.raw, ...(entry.alternates ?? []).map((a) => a.raw)]) {
      const r = validateInstance(raw);
      const shape = r.diagnostics.some((d) => d.code === 'input-shape');
      if (!r.ok || shape || !r.instance) continue;
      assert.ok(check(r.instance), `${name}: ${ajv.errorsText(check.errors)}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 5, `only ${checked} bodies checked`);
  assert.ok(check(JSON.parse(seedCurl)), 'the raw seed body, strings and all, fits the schema');
  assert.ok(!check({ configuration: { 'event.vendor.type': 'carrier-pigeon' } }));
});

test('CLI: file:line:col: severity code: message, exit 1 on errors, --json prints the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ep-cli-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, seedOneLine);
  const run = spawnSync(process.execPath, [cli, 'validate', bad], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  const lines = run.stdout.trim().split('\n');
  assert.ok(lines.length >= 10);
  for (const l of lines) assert.match(l, /^.+bad\.json:\d+:\d+: (error|warning|info) [a-z-]+: .+/);
  assert.ok(lines.some((l) => /:1:\d+: error url-stray: /.test(l)));
  const good = execFileSync(process.execPath, [cli, 'validate', new URL('seed/icontact-instance-curl.json', shared).pathname, '--json'], { encoding: 'utf8' });
  assert.equal(JSON.parse(good).ok, true);
  assert.equal(spawnSync(process.execPath, [cli, 'validate'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(process.execPath, [cli, 'validate', join(dir, 'missing.json')], { encoding: 'utf8' }).status, 2);
});
