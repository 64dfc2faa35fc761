#!/usr/bin/env node
// Ink decides at import time, from CI / CONTINUOUS_INTEGRATION, that it runs in CI and then renders
// only the last frame; chalk then also drops colour. A person at a terminal wants live, coloured
// frames even where those variables are set (jump boxes, runners), so an interactive session
// forgets them (setting them to "false" would still turn chalk's colour off).
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // Keys typed while podscope loads and connects are kept for the explorer, not echoed and lost.
  const early = await import('../dist/cli/earlyKeys.js');
  if (early.opensExplorer(process.argv.slice(2))) early.holdEarlyKeys();
}

const { main } = await import('../dist/cli/main.js');
await main(process.argv.slice(2));
