#!/usr/bin/env node
// The npm package's command: the one-file bundle that `npm run build` makes (scripts/build.mjs).
await import('../dist/app/entry.mjs');
