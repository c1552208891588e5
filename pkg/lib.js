// The public API, shared by every host. Wires the generated glue; no engine logic here.
import * as raw from './dist/web/element_poller.js';

const encoder = new TextEncoder();

export class JavaDateFormat extends raw.JavaDateFormat {
  /** The equivalent chrono strftime string, or null. */
  get strftime() {
    return super.strftime ?? null;
  }

  /**
   * Epoch ms for every text, NaN where one does not parse. No crossing per text: the texts
   * go to wasm 4,096 at a time as NUL-separated UTF-8, encoded straight into wasm memory
   * and parsed there while still in cache; wasm memory stays small whatever the array's size.
   */
  parseMany(texts) {
    if (!Array.isArray(texts)) throw new TypeError('parseMany expects an array of strings');
    const out = new Float64Array(texts.length);
    for (let i = 0; i < texts.length; i += CHUNK) {
      const chunk = texts.slice(i, i + CHUNK);
      const len = encodeInput(chunk.join('\u0000'));
      const at = raw.JavaDateFormat.prototype.parseBatch.call(this, len, chunk.length);
      if (at !== undefined) {
        out.set(new Float64Array(raw.wasmMemory().buffer, at, chunk.length), i);
        continue;
      }
      // A text held U+0000: this chunk one by one (a loop, not forEach, which skips holes).
      for (let k = 0; k < chunk.length; k++) {
        const t = chunk[k];
        try { out[i + k] = this.parse(t == null ? '' : String(t)); } catch { out[i + k] = NaN; }
      }
    }
    releaseHugeInput();
    return out;
  }
}

// Texts per join and per crossing. Measured: joining all 200,000 dates cost 45 ns a text,
// chunks of 4,096 cost 19; the jump comes by 16,384, about where the joined string passes
// V8's 128 KiB large-object size (4,096 dates of ~30 characters stay under it).
const CHUNK = 4096;
let inputCapacity = 0;

/**
 * Writes `text` as UTF-8 into wasm's input buffer, straight through a view on wasm memory;
 * returns the byte length. Room for one byte per UTF-16 unit first (most text is ASCII),
 * and for three per unit of what did not fit.
 */
function encodeInput(text) {
  inputCapacity = Math.max(inputCapacity, text.length);
  let at = raw.batchBuffer(inputCapacity); // first: growing memory detaches older views
  let { read, written } = encoder.encodeInto(text, new Uint8Array(raw.wasmMemory().buffer, at, inputCapacity));
  if (read < text.length) {
    inputCapacity = written + (text.length - read) * 3;
    at = raw.batchBuffer(inputCapacity);
    const view = new Uint8Array(raw.wasmMemory().buffer, at + written, inputCapacity - written);
    written += encoder.encodeInto(text.slice(read), view).written;
  }
  return written;
}

/** Gives back the input buffer after a huge text, so wasm's allocator can reuse the room. */
function releaseHugeInput() {
  if (inputCapacity > 1 << 26) {
    raw.batchBuffer(0);
    inputCapacity = 0;
  }
}

export function inferJavaDateFormat(samples) {
  if (!Array.isArray(samples)) throw new TypeError('inferJavaDateFormat expects an array of strings');
  return raw.inferJavaDateFormat(samples.map(String));
}

/**
 * Validates an element-instance body (a JSON string, with line and column in every
 * diagnostic, or an object, with JSON pointers only). Never throws.
 */
export function validateInstance(input) {
  return JSON.parse(raw.validateInstanceJson(input));
}

/** The JSON Schema (draft 2020-12) of the instance body, for editors and form libraries. */
export function instanceSchema() {
  return JSON.parse(raw.instanceSchemaJson());
}

/**
 * Change detection for one resource of an instance, over raw page text: the page is read
 * in wasm (only ids and dates are looked at), never turned into JS objects.
 */
export class Detector {
  #inner;

  constructor(instance, resource, { instanceId = '', recordsPath = '' } = {}) {
    const text = typeof instance === 'string' ? instance : JSON.stringify(instance);
    this.#inner = new raw.Detector(text, String(resource), String(instanceId), String(recordsPath));
  }

  /** `{events, state, stats}` for one page; `state` is what the last acknowledged poll returned (or null). */
  detect(page, state = null, now = Date.now()) {
    if (typeof page !== 'string') throw new TypeError('detect expects the page as text');
    const saved = state == null ? '' : JSON.stringify(state);
    const len = encodeInput(page);
    try {
      return JSON.parse(this.#inner.detectInput(len, saved, now));
    } finally {
      releaseHugeInput();
    }
  }

  free() {
    this.#inner.free();
  }
}

/**
 * Polls an instance's resources, detects changes and delivers them, signed, to the
 * callback URL. The state moves forward only when every notification was acknowledged.
 */
export class Poller {
  #inner;

  constructor(instance, { state = null, now, dryRun = false, fetch, instanceId = '', retry = {}, timeoutMs, maxPages, maxMs, reset = [] } = {}) {
    const text = typeof instance === 'string' ? instance : JSON.stringify(instance);
    const saved = state == null ? '' : JSON.stringify(state);
    const tuning = JSON.stringify({ ...retry, timeoutMs, maxPages, maxMs, reset });
    this.#inner = new raw.Poller(text, String(instanceId), saved, Boolean(dryRun), fetch, now, tuning);
  }

  /** One cycle over every resource; resolves to the report. */
  async pollOnce() {
    return JSON.parse(await this.#inner.pollOnceJson());
  }

  /** The state to save (JSON-serializable, versioned). */
  state() {
    return JSON.parse(this.#inner.stateJson());
  }

  /** The first request of each resource if a cycle ran at `now`: [{resource, url}]. No I/O. */
  preview(now = Date.now()) {
    return JSON.parse(this.#inner.previewJson(now));
  }

  /** Minutes between cycles, from `event.poller.refresh_interval`. */
  get refreshIntervalMinutes() {
    return this.#inner.refreshIntervalMinutes();
  }
}

/**
 * Verifies a callback request as a receiver: `headers` is a plain object or a Headers
 * instance; `body` the raw body (string or bytes). Standard Webhooks when `secret` starts
 * with `whsec_` (timestamp within `toleranceSeconds`), else Elements-Webhook-Signature.
 */
export function verifySignature({ body, headers, secret, now = Date.now(), toleranceSeconds = 300 }) {
  const get = (name) => {
    if (typeof headers?.get === 'function') return headers.get(name) ?? undefined;
    const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
    const v = key === undefined ? undefined : headers[key];
    return Array.isArray(v) ? v.join(' ') : v;
  };
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body);
  const names = ['elements-webhook-signature', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];
  const picked = JSON.stringify(Object.fromEntries(names.map((n) => [n, get(n) ?? null])));
  const reason = raw.verifySignatureRaw(String(secret), bytes, picked, now, toleranceSeconds);
  return reason === '' ? { ok: true } : { ok: false, reason };
}
