// The web page in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// the validator shows diagnostics as the user types and jumps to them; the date tester
// answers as Java would. Served from 127.0.0.1 like any static host would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const root = new URL('../../', import.meta.url).pathname;
let server, browser, page;
const errors = [];

before(async () => {
  server = await serve(root);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.url}/www/index.html`);
  await page.waitForSelector('#diagnostics li');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the example with mistakes lists them with line, column and pointer', async () => {
  const codes = await page.$$eval('#diagnostics li', (lis) => lis.map((li) => li.dataset.code));
  for (const c of ['json-comment', 'json-trailing-comma', 'url-stray', 'unknown-key', 'date-format', 'callback-insecure']) {
    assert.ok(codes.includes(c), `${c} missing from ${codes}`);
  }
  assert.match(await page.textContent('#summary'), /not valid/);
  const typo = await page.textContent('#diagnostics li[data-code="unknown-key"]');
  assert.match(typo, /updatedDateTimezone/);
  assert.match(typo, /\/configuration\/event\.poller\.configuration\/contacts\/datesConfiguration\/updateDateTimezone/);
});

test('clicking a diagnostic selects its place in the text', async () => {
  await page.click('#diagnostics li[data-code="url-stray"] button');
  const picked = await page.$eval('#body', (t) => t.value.slice(t.selectionStart, t.selectionStart + 2));
  assert.equal(picked, "}'");
  assert.equal(await page.evaluate(() => document.activeElement.id), 'body');
});

test('typing re-validates; the clean example is valid', async () => {
  await page.click('#example-good');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('✓ valid'));
  // The request the poller would make, its placeholder rendered.
  const req = await page.textContent('#requests li[data-resource="contacts"]');
  assert.match(req, /GET https:\/\/app\.icontact\.com\/icp\/a\/\{accountId\}\/c\/\{clientFolderId\}\/contacts\/\?where=updateDate>='\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'&limit=500&offset=0/);
  await page.fill('#body', '{"name": "x", "element": {"key": "k"}, "configuration": {"event.poller.refresh_interval": "0"}}');
  await page.waitForFunction(() => document.querySelector('#diagnostics li[data-code="refresh-interval"]'));
  const normalized = await page.textContent('#normalized');
  assert.match(normalized, /"event.poller.refresh_interval": 0/);
});

test('the date tester reads as Java does and names the column of a bad pattern', async () => {
  await page.fill('#pattern', "yyyy-MM-dd' 'HH:mm:ss");
  await page.fill('#text', '2024-02-29 12:34:56');
  await page.waitForFunction(() => document.querySelector('#out').textContent.includes('1709210096000'));
  await page.fill('#pattern', "yyyy-MM-dd'T");
  await page.waitForFunction(() => document.querySelector('#out').textContent.includes('EPATTERN'));
  assert.match(await page.textContent('#out'), /column 11/);
});

test('parseMany in Chromium: across chunks, the same answers as parse one by one', async () => {
  const { many, one, first } = await page.evaluate(async () => {
    const { JavaDateFormat } = await import('/pkg/browser.js');
    const { samplePattern, sampleTexts } = await import('/tests/js/dates-sample.mjs');
    const texts = sampleTexts();
    const f = new JavaDateFormat(samplePattern);
    const one = texts.map((t) => { try { return f.parse(t); } catch { return NaN; } });
    const many = Array.from(f.parseMany(texts));
    return { many: many.map(String), one: one.map(String), first: many[0] };
  });
  assert.equal(many.length, 10_000);
  assert.deepEqual(many, one);
  assert.equal(first, Date.parse('2024-02-29T00:34:56+05:30'));
});

test('no errors in the page', () => {
  assert.deepEqual(errors, []);
});
