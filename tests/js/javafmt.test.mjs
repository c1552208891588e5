// The npm package through its public entry point (Node condition).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JavaDateFormat, inferJavaDateFormat } from 'element-poller';

test('parses and formats the seed patterns as Java does', () => {
  const f = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  assert.equal(f.parse('2024-02-29 12:34:56'), Date.UTC(2024, 1, 29, 12, 34, 56));
  assert.equal(f.format(Date.UTC(2024, 1, 29, 12, 34, 56)), '2024-02-29 12:34:56');
  const x = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX", { zone: 'America/New_York' });
  assert.equal(x.parse('2024-02-29T12:34:56+05:30'), Date.parse('2024-02-29T12:34:56+05:30'));
  assert.equal(x.format(0), '1969-12-31T19:00:00-05:00');
  assert.equal(x.format(0, 'UTC'), '1970-01-01T00:00:00Z');
});

test('options: dialect, lenient, resolver, now', () => {
  const sdf = new JavaDateFormat('yyyy-MM-dd');
  assert.equal(sdf.parse('2024-02-30'), Date.UTC(2024, 2, 1)); // lenient rolls over
  assert.throws(() => new JavaDateFormat('yyyy-MM-dd', { lenient: false }).parse('2024-02-30'), /day of month 30/);
  const smart = new JavaDateFormat('yyyy-MM-dd', { dialect: 'java.time' });
  assert.equal(smart.parse('2024-02-30'), Date.UTC(2024, 1, 29)); // SMART clamps
  assert.throws(() => new JavaDateFormat('uuuu-MM-dd', { dialect: 'java.time', resolver: 'strict' }).parse('2024-02-30'));
  // Two-digit years: SimpleDateFormat's window is [now-80y, now+20y).
  const yy = new JavaDateFormat('yy-MM-dd', { now: Date.UTC(2026, 10, 28) });
  assert.equal(yy.parse('46-01-01'), Date.UTC(2046, 0, 1));
  assert.equal(yy.parse('47-01-01'), Date.UTC(1947, 0, 1));
});

test('errors are Error objects with code and column', () => {
  assert.throws(() => new JavaDateFormat("yyyy-MM-dd'T"), (e) => e instanceof Error && e.code === 'EPATTERN' && e.column === 11);
  assert.throws(() => new JavaDateFormat('yyyy-MM-dd j'), (e) => e.code === 'EPATTERN' && /'j'/.test(e.message) && e.column === 12);
  assert.throws(() => new JavaDateFormat('yyyy', { zone: 'Mars/Base' }), (e) => e.code === 'EZONE');
  assert.throws(() => new JavaDateFormat('yyyy', { dialect: 'joda' }), (e) => e.code === 'EOPTIONS');
  const f = new JavaDateFormat('yyyy-MM-dd', { dialect: 'java.time' });
  assert.throws(() => f.parse('2024-1x-01'), (e) => e.code === 'EPARSE' && e.column === 6 && /expected two-digit month at column 6, found "1x"/.test(e.message));
});

test('parseMany: one call, NaN for bad items, survives U+0000 in a text', () => {
  const f = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  const out = f.parseMany(['2024-02-29 12:34:56', 'nope', '1970-01-01 00:00:00']);
  assert.ok(out instanceof Float64Array);
  assert.deepEqual(Array.from(out), [Date.UTC(2024, 1, 29, 12, 34, 56), NaN, 0]);
  assert.deepEqual(Array.from(f.parseMany([])), []);
  const nul = f.parseMany(['1970-01-01 00:00:00\u0000x', '1970-01-01 00:00:01']);
  assert.deepEqual(Array.from(nul), [0, 1000]); // SimpleDateFormat ignores the tail
});

test('parseMany agrees with parse on non-ASCII, lone surrogates and a batch larger than its buffer', () => {
  const f = new JavaDateFormat('EEE, dd MMM yyyy HH:mm:ss Z');
  const texts = ['Thu, 29 Feb 2024 12:34:56 +0000', 'Ünïcode 29 Feb', '\uD800 29 Feb 2024', '٢٠٢٤', ''];
  const one = texts.map((t) => { try { return f.parse(t); } catch { return NaN; } });
  assert.deepEqual(Array.from(f.parseMany(texts)), one);
  const g = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  const many = Array.from({ length: 50_000 }, (_, i) => `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}`);
  const out = g.parseMany(many);
  assert.equal(out.length, many.length);
  assert.equal(out[59], Date.UTC(2024, 0, 1, 0, 0, 59));
  assert.deepEqual(Array.from(g.parseMany(['2024-01-01 00:00:07'])), [Date.UTC(2024, 0, 1, 0, 0, 7)]);
});

test('parseMany across join chunks: every item in its place, buffer growth, non-strings as join reads them', () => {
  const f = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  const kinds = [
    (i) => `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.${String(i % 1000).padStart(3, '0')}+05:30`,
    (i) => `2024-3-${1 + (i % 28)}T10:00:00.${i % 1000}Z`, // off the fixed layout
    (i) => `2024-03-01T10:00:00.000Z${'·'.repeat(i % 50)}`, // trailing non-ASCII, longer than the first guess
    () => 'not a date',
    (i) => `${'𝟚'.repeat(i % 3)}2024-03-01T10:00:00.000Z`,
    () => '',
  ];
  const texts = Array.from({ length: 12_345 }, (_, i) => kinds[(i * 7919) % kinds.length](i));
  const one = texts.map((t) => { try { return f.parse(t); } catch { return NaN; } });
  assert.deepEqual(Array.from(f.parseMany(texts)), one);
  // join's reading of non-strings: null and undefined are empty, numbers their digits.
  const m = new JavaDateFormat('milliseconds');
  assert.deepEqual(Array.from(m.parseMany([1000, null, undefined, '5'])), [1000, NaN, NaN, 5]);
  // Holes read as empty texts, also where a U+0000 sends the chunk one by one.
  assert.deepEqual(Array.from(m.parseMany([1, , 3])), [1, NaN, 3]); // eslint-disable-line no-sparse-arrays
  assert.deepEqual(Array.from(m.parseMany(['1\u0000', , '3'])), [NaN, NaN, 3]); // eslint-disable-line no-sparse-arrays
  // A U+0000 at a chunk boundary still falls back item by item.
  const g = new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss");
  const nul = Array.from({ length: 9000 }, (_, i) => (i === 4096 ? '\u00001970-01-01 00:00:00' : '1970-01-01 00:00:01'));
  const got = g.parseMany(nul);
  assert.equal(got.length, 9000);
  assert.ok(Number.isNaN(got[4096]));
  assert.equal(got[4095], 1000);
  assert.equal(got[8999], 1000);
});

test('milliseconds is a first-class format', () => {
  const f = new JavaDateFormat('milliseconds');
  assert.equal(f.parse('1709210096789'), 1709210096789);
  assert.equal(f.format(1709210096789), '1709210096789');
  assert.throws(() => f.parse('12:00'), (e) => e.code === 'EPARSE');
});

test('strftime equivalents, null when none is exact', () => {
  assert.equal(new JavaDateFormat("yyyy-MM-dd' 'HH:mm:ss", { dialect: 'java.time' }).strftime, '%Y-%m-%d %H:%M:%S');
  assert.equal(new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX").strftime, null);
});

test('inferJavaDateFormat ranks the exact pattern first', () => {
  assert.equal(inferJavaDateFormat(['2024-02-29 12:34:56'])[0], "yyyy-MM-dd' 'HH:mm:ss");
  assert.equal(inferJavaDateFormat(['Thu, 29 Feb 2024 12:34:56 +0000'])[0], 'EEE, dd MMM yyyy HH:mm:ss Z');
  assert.deepEqual(inferJavaDateFormat(['certainly not a date']), []);
});

test('hostile input never kills the instance', () => {
  const f = new JavaDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  const big = '9'.repeat(1_000_000);
  for (const t of [big, '\u0000', '😀', '-'.repeat(1000), '2024-02-29T12:34:56.999+99:99', '99999999999-01-01T00:00:00.000Z']) {
    try { f.parse(t); } catch (e) { assert.equal(e.code, 'EPARSE'); }
  }
  assert.equal(typeof f.format(8.64e15), 'string');
  assert.throws(() => f.format(NaN), (e) => e.code === 'ERANGE');
  // Still alive afterwards.
  assert.equal(f.parse('2024-02-29T12:34:56.789Z'), 1709210096789);
});
