// A Cloudflare Worker that polls an instance on its cron trigger, keeping the state in KV.
// Wiring only: the engine (Poller) does the work. Bindings:
//   INSTANCE  (var or secret)  the element-instance body, JSON text
//   STATE     (KV namespace)   the poller state, under the key "state"
// fetch(): GET /validate shows the instance's validation report; GET /state the state.
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
    return new Response('element-poller worker: GET /validate, GET /state, POST /poll', { status: 404 });
  },
};
