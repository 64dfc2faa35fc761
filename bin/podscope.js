#!/usr/bin/env node
// The npm package's command: runs the bundle `npm run build` makes (dist/podscope.cjs) with a V8
// code cache in the user's cache directory (src/launch/runBundle.ts, bundled as dist/launch.cjs).
// `--version` needs none of it. CommonJS (bin/package.json says so): an ES module entry makes Node
// start its module loader first, ~10 ms before this file's first line and ~4 ms more per import.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${manifest.version}\n`);
} else {
  const { runBundle } = require('../dist/launch.cjs');
  runBundle({ bundle: join(__dirname, '..', 'dist', 'podscope.cjs'), argv });
}
