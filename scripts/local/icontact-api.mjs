// A local iContact-like API on 127.0.0.1 for `npm start`, the tests and the benchmark.
// Real HTTP; requires iContact's headers; serves accounts, client folders, contacts and
// messages with iContact's field names and the seed's date formats; limit/offset paging.
// `faults` lets tests make it fail (status codes, slowness, garbage, truncated pages).
import { createServer } from 'node:http';

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** yyyy-MM-dd HH:mm:ss in UTC (the seed's contacts format). */
export const contactDate = (ms) => { const d = new Date(ms); return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; };
/** yyyy-MM-dd'T'HH:mm:ssXXX with a -05:00 offset (the seed's messages format). */
export const messageDate = (ms) => { const d = new Date(ms - 5 * 3_600_000); return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}-05:00`; };

export const CREDENTIALS = { 'api-version': '2.2', 'api-appid': 'local-app-id', 'api-username': 'demo@example.com', 'api-password': 'local-api-password' };

export class IContactApi {
  constructor({ now = () => Date.now() } = {}) {
    this.now = now;
    this.contacts = new Map();
    this.messages = new Map();
    /** More collections by name (for the benchmark): name → array of records. */
    this.collections = new Map();
    this.nextContact = 1;
    this.nextMessage = 1;
    this.requests = 0;
    /** Queue of faults, consumed one per request: {status, retryAfter, delayMs, body, truncate}. */
    this.faults = [];
  }

  addContact(at = this.now()) {
    const id = String(this.nextContact++);
    this.contacts.set(id, { contactId: id, email: `person${id}@example.com`, firstName: `First${id}`, lastName: `Last${id}`,
      street: `${id} Main St`, city: 'Springfield', state: 'IL', postalCode: '62701', phone: '217-555-0100', status: 'normal',
      createDate: contactDate(at), updateDate: contactDate(at), bounceCount: '0' });
    return id;
  }

  updateContact(id, at = this.now()) {
    const c = this.contacts.get(id);
    if (c) { c.updateDate = contactDate(at); c.status = c.status === 'normal' ? 'pending' : 'normal'; }
  }

  addMessage(at = this.now()) {
    const id = String(this.nextMessage++);
    this.messages.set(id, { messageId: id, subject: `Newsletter ${id}`, messageType: 'normal', campaignId: '7', createDate: messageDate(at) });
    return id;
  }

  #send(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  }

  async handle(req, res) {
    this.requests += 1;
    const fault = this.faults.shift();
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.status) return this.#send(res, fault.status, '{"errors":["injected"]}', fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {});
    if (fault?.body !== undefined) return this.#send(res, 200, fault.body);
    for (const [k, v] of Object.entries(CREDENTIALS)) {
      if (req.headers[k] !== v) return this.#send(res, 401, JSON.stringify({ errors: [`missing or wrong ${k} header`] }));
    }
    if (!String(req.headers.accept ?? '').includes('application/json')) return this.#send(res, 406, '{"errors":["Accept: application/json"]}');
    const url = new URL(req.url, 'http://local');
    const path = url.pathname.replace(/\/+$/, '/');
    if (path === '/icp/a/') return this.#send(res, 200, JSON.stringify({ accounts: [{ accountId: '1001', enabled: 1 }] }));
    if (path === '/icp/a/1001/c/') return this.#send(res, 200, JSON.stringify({ clientfolders: [{ clientFolderId: '2002' }] }));
    const m = path.match(/^\/icp\/a\/1001\/c\/2002\/([a-zA-Z0-9_-]+)\/$/);
    const named = m && { contacts: () => [...this.contacts.values()], messages: () => [...this.messages.values()] }[m[1]];
    const all = named ? named() : m && this.collections.get(m[1]);
    if (!all) return this.#send(res, 404, '{"errors":["not found"]}');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 10_000);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const body = JSON.stringify({ [m[1]]: all.slice(offset, offset + limit), total: all.length, limit, offset });
    this.#send(res, 200, fault?.truncate ? body.slice(0, Math.floor(body.length / 2)) : body);
  }

  async listen() {
    this.server = createServer((req, res) => { this.handle(req, res).catch(() => res.destroy()); });
    await new Promise((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  close() {
    this.server.closeAllConnections?.();
    return new Promise((ok) => this.server.close(ok));
  }
}
