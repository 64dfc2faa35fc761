#!/usr/bin/env node
// Runs every bench/*.bench.js in turn (or those whose name contains the argument). Each prints its
// own table, podscope side by side with the reference (kubectl, node -e 0) in the same run.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
console.log(`date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, load ${(await import('node:os')).loadavg().map((value) => value.toFixed(1)).join(' ')}`);
for (const file of readdirSync(here).filter((name) => name.endsWith('.bench.js')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n## ${file}`);
  const bench = await import(join(here, file));
  await bench.default();
}
