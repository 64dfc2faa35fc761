#!/usr/bin/env node
// Ink 6.8's incremental renderer moves the cursor up one row too few when a frame ends with a newline
// (every non-fullscreen frame does), so from the second frame on the whole screen is drawn one row
// lower. Incremental rendering is what keeps a clock tick from redrawing the whole screen over SSH,
// so we fix that one expression at install time. Idempotent; warns and leaves the file alone when
// Ink's code no longer matches (a newer Ink may have fixed it: the e2e tests then tell).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let file;
try {
  file = join(dirname(fileURLToPath(import.meta.resolve('ink'))), 'log-update.js');
} catch {
  process.exit(0); // ink not installed (e.g. a production install without it): nothing to patch
}
const broken = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const fixed = "buffer.push(ansiEscapes.cursorUp(previousOutput.endsWith('\\n') ? previousVisible : previousVisible - 1));";
const source = readFileSync(file, 'utf8');
if (source.includes(fixed)) process.exit(0);
if (!source.includes(broken)) {
  console.warn(`podscope: ${file} differs from ink 6.8; not patching its incremental renderer`);
  process.exit(0);
}
writeFileSync(file, source.replace(broken, fixed));
