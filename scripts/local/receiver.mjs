// A local callback receiver on 127.0.0.1: verifies each notification's signature with the
// package's verifySignature and records its events. `faults` makes it fail on purpose.
import { createServer } from 'node:http';
import { verifySignature } from 'element-poller';

export class Receiver {
  constructor({ secret, onNotification = () => {} } = {}) {
    this.secret = secret;
    this.onNotification = onNotification;
    /** Every event received with a valid signature, in order (repeats included). */
    this.events = [];
    this.notifications = 0;
    this.rejected = 0;
    /** Queue of faults, one per request: {status, delayMs, destroy}. */
    this.faults = [];
  }

  async handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const fault = this.faults.shift();
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.destroy) return res.destroy();
    if (this.secret) {
      const v = verifySignature({ body, headers: req.headers, secret: this.secret });
      if (!v.ok) { this.rejected += 1; res.writeHead(401).end(v.reason); return; }
    }
    if (fault?.status) { res.writeHead(fault.status).end(); return; }
    const message = JSON.parse(body.toString('utf8')).message;
    this.notifications += 1;
    for (const e of message.events) this.events.push(e);
    this.onNotification(message);
    res.writeHead(200).end('{}');
  }

  async listen() {
    this.server = createServer((req, res) => { this.handle(req, res).catch(() => res.destroy()); });
    await new Promise((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${this.server.address().port}/events`;
    return this;
  }

  close() {
    this.server.closeAllConnections?.();
    return new Promise((ok) => this.server.close(ok));
  }
}
