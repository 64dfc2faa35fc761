#!/usr/bin/env node
// Ink decides at import time, from the environment, whether it runs in CI and then renders only the
// last frame. A person at a terminal wants live frames even where CI=true is set (jump boxes, runners).
if (process.stdin.isTTY && process.stdout.isTTY) process.env.CI = 'false';

const { main } = await import('../dist/cli/main.js');
await main(process.argv.slice(2));
