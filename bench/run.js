#!/usr/bin/env node
// Runs every bench/*.bench.js in turn. Each prints its own table of podscope vs kubectl, as ratios.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(here).filter((name) => name.endsWith('.bench.js')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n## ${file}`);
  const bench = await import(join(here, file));
  await bench.default();
}
