#!/usr/bin/env node
// element-poller validate <file> [--json]: diagnostics as file:line:col: severity code: message.
// Exit status 1 when there is an error, 2 on wrong usage. Wiring only: the engine decides.
import { readFileSync } from 'node:fs';
import { validateInstance } from './node.js';
import { runScheduler, describe } from './harness.js';

const usage = `usage: element-poller validate <instance.json> [--json]
       element-poller run <instance.json> [--state FILE] [--once] [--dry-run] [--reset RESOURCE]...`;

function validate(args) {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0].startsWith('-')) {
    console.error(usage);
    return 2;
  }
  const [file] = files;
  let text;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`element-poller: cannot read ${file}: ${e.code ?? e.message}`);
    return 2;
  }
  const report = validateInstance(text);
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const d of report.diagnostics) {
      const where = d.line ? `${file}:${d.line}:${d.column}` : file;
      const pointer = d.path ? ` (${d.path})` : '';
      console.log(`${where}: ${d.severity} ${d.code}: ${d.message}${pointer}`);
    }
    const n = (s) => report.diagnostics.filter((d) => d.severity === s).length;
    console.error(`${file}: ${report.ok ? 'ok' : 'not ok'}: ${n('error')} errors, ${n('warning')} warnings, ${n('info')} notes`);
  }
  return report.ok ? 0 : 1;
}

async function run(args) {
  const flag = (name) => { const i = args.indexOf(name); if (i < 0) return false; args.splice(i, 1); return true; };
  const option = (name) => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
  const once = flag('--once');
  const dryRun = flag('--dry-run');
  const stateFile = option('--state');
  const reset = [];
  for (let r = option('--reset'); r !== undefined; r = option('--reset')) reset.push(r);
  if (args.length !== 1) { console.error(usage); return 2; }
  let instance;
  try { instance = readFileSync(args[0], 'utf8'); } catch (e) { console.error(`element-poller: cannot read ${args[0]}: ${e.code ?? e.message}`); return 2; }
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { console.error(`${sig}: stopping after the current cycle`); stop.abort(); });
  try {
    await runScheduler({ instance, stateFile, once, dryRun, reset, signal: stop.signal, onReport: (report, n) => {
      for (const r of report.resources) for (const [id, n] of r.notificationIds) console.log(`delivered ${r.resource} notification ${id} (${n} event${n === 1 ? '' : 's'})`);
      for (const line of describe(report)) console.log(`cycle ${n}: ${line}`);
    } });
  } catch (e) {
    console.error(`element-poller: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 1;
  }
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'validate') {
  process.exitCode = validate(rest);
} else if (command === 'run') {
  process.exitCode = await run(rest);
} else {
  console.error(usage);
  process.exitCode = 2;
}
