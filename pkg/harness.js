// Node harness: schedules poll cycles, keeps the state in a file, stops cleanly.
// Wiring only: what to poll, detect and deliver is decided by the engine (Poller).
import { readFileSync, writeFileSync, renameSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Poller } from './node.js';

/** Reads a state file; a missing file is "no state yet". */
export function readState(file) {
  if (!file || !existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Writes the state atomically: a crash leaves the old file or the new one, never half. */
export function writeState(file, state) {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * Runs cycles every `intervalMs` (default: the instance's refresh_interval), never two at
 * once: the next cycle is timed from the end of the previous one. Resolves when `cycles`
 * cycles ran, `once` is set, or `signal` aborts (after the running cycle finishes).
 */
export async function runScheduler({ instance, stateFile, once = false, dryRun = false, cycles = Infinity, intervalMs, fetch, now, instanceId, signal, retry, timeoutMs, reset, onReport = () => {} }) {
  const poller = new Poller(instance, { state: readState(stateFile), dryRun, fetch, now, instanceId, retry, timeoutMs, reset });
  const every = intervalMs ?? poller.refreshIntervalMinutes * 60_000;
  let ran = 0;
  while (!signal?.aborted) {
    const report = await poller.pollOnce();
    if (!dryRun) writeState(stateFile, poller.state());
    ran += 1;
    onReport(report, ran);
    if (once || ran >= cycles || signal?.aborted) break;
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, every);
      signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
  return { cycles: ran, state: poller.state() };
}

/** One line per resource and cycle, for logs. Never prints a secret: reports hold none. */
export function describe(report) {
  return report.resources.map((r) => {
    const parts = [`${r.resource}: ${r.fetched} fetched in ${r.pages} page(s), ${r.events} event(s), ${r.delivered} delivered`];
    if (r.skipped.length) parts.push(`${r.skipped.length} skipped`);
    if (r.truncated) parts.push('page budget reached');
    parts.push(r.committed ? 'committed' : 'not committed');
    for (const e of r.errors) parts.push(`error: ${e}`);
    return parts.join(', ');
  });
}
