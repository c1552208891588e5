#!/usr/bin/env node
// element-poller validate <file> [--json]: diagnostics as file:line:col: severity code: message.
// Exit status 1 when there is an error, 2 on wrong usage. Wiring only: the engine decides.
import { readFileSync } from 'node:fs';
import { validateInstance } from './node.js';

const usage = `usage: element-poller validate <instance.json> [--json]
       (run is not available yet)`;

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

const [command, ...rest] = process.argv.slice(2);
if (command === 'validate') {
  process.exitCode = validate(rest);
} else {
  console.error(usage);
  process.exitCode = 2;
}
