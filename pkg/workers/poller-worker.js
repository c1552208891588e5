// A Cloudflare Worker that polls an instance on its cron trigger, keeping the state in KV.
// Wiring only: the engine (Poller) does the work. Bindings:
//   INSTANCE  (var or secret)  the element-instance body, JSON text
//   STATE     (KV namespace)   the poller state, under the key "state"
// fetch(): GET /validate shows the instance's validation report; GET /state the state.
// With a POLLER Durable Object binding, the PollerObject below polls on its own alarm.
import { Poller, validateInstance } from '../workerd.js';

export async function pollOnce(env, now = Date.now) {
  const saved = await env.STATE.get('state', 'json');
  const poller = new Poller(env.INSTANCE, { state: saved, now });
  const report = await poller.pollOnce();
  await env.STATE.put('state', JSON.stringify(poller.state()));
  return report;
}

export default {
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(pollOnce(env).then((r) => console.log(JSON.stringify(r.resources.map((x) => [x.resource, x.delivered, x.errors])))));
  },
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/validate') return Response.json(validateInstance(env.INSTANCE));
    if (pathname === '/state') return Response.json(await env.STATE.get('state', 'json'));
    if (pathname === '/poll' && request.method === 'POST') return Response.json(await pollOnce(env));
    if (env.POLLER && (pathname === '/start' || pathname.startsWith('/do/'))) {
      const stub = env.POLLER.get(env.POLLER.idFromName('instance'));
      return stub.fetch(new URL(pathname.replace('/do/', '/'), request.url), request);
    }
    return new Response('element-poller worker: GET /validate, GET /state, POST /poll', { status: 404 });
  },
};

/**
 * The same poller as a Durable Object: one object per instance, woken by its own alarm
 * every refresh_interval minutes. A Durable Object runs one event at a time, so two cycles
 * of one instance never overlap (a cron trigger plus KV cannot promise that), and its
 * storage keeps the state next to the code. Bindings: POLLER (this class), INSTANCE.
 * `POST /start` on the Worker (re)arms the alarm; `GET /do/state` reads the state.
 */
export class PollerObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }

  async cycle() {
    const saved = (await this.ctx.storage.get('state')) ?? null;
    const poller = new Poller(this.env.INSTANCE, { state: saved });
    const report = await poller.pollOnce();
    await this.ctx.storage.put('state', poller.state());
    await this.ctx.storage.put('lastReport', report);
    return { report, nextMs: poller.refreshIntervalMinutes * 60_000 };
  }

  async alarm() {
    const { nextMs } = await this.cycle();
    await this.ctx.storage.setAlarm(Date.now() + Number(this.env.INTERVAL_MS ?? nextMs));
  }

  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname.endsWith('/start')) {
      await this.ctx.storage.setAlarm(Date.now() + 10);
      return Response.json({ armed: true });
    }
    if (pathname.endsWith('/state')) return Response.json((await this.ctx.storage.get('state')) ?? null);
    if (pathname.endsWith('/report')) return Response.json((await this.ctx.storage.get('lastReport')) ?? null);
    return new Response('not found', { status: 404 });
  }
}
