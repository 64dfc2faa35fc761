#!/usr/bin/env node
// The npm package's command: runs the bundle `npm run build` makes (dist/podscope.cjs) with a V8
// code cache in the user's cache directory (src/launch/runBundle.ts). `--version` needs none of it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else {
  const { runBundle } = await import('../dist/launch/runBundle.js');
  runBundle({ bundle: fileURLToPath(new URL('../dist/podscope.cjs', import.meta.url)), argv });
}
