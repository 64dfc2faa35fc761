import { isatty } from 'node:tty';

// The program's entry point (the bundle starts here). Everything a command does not use is loaded
// by the command itself, so `--version` and `--help` pay for little more than Node's own start-up.

// React in development mode checks more and says so with console.error (a duplicate key's raw text
// among it): that is for podscope's developers, never for a user's terminal. The bundle is built for
// production; this makes the unbundled build (dist/cli) the same, whatever NODE_ENV the shell has.
// Set before anything loads React (main.js and what it imports come later).
Object.assign(process.env, { NODE_ENV: 'production' });

// No top-level await: the bundle is a CommonJS script (so V8 can cache its compiled code, see
// bin/podscope.js), and a script has none.

// Ink decides at import time, from CI / CONTINUOUS_INTEGRATION, that it runs in CI and then renders
// only the last frame; chalk then also drops colour. A person at a terminal wants live, coloured
// frames even where those variables are set (jump boxes, runners), so an interactive session
// forgets them (setting them to "false" would still turn chalk's colour off).
// isatty, not process.stdin.isTTY: the getter makes the stdin stream (~5 ms), which --help and the
// one-shot commands never read.
async function start(argv: string[]): Promise<void> {
  if (isatty(0) && isatty(1)) {
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
    // Keys typed while podscope loads and connects are kept for the explorer, not echoed and lost.
    const early = await import('./earlyKeys.js');
    if (early.opensExplorer(argv)) early.holdEarlyKeys();
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    // yargs would print the same; this answer needs none of it.
    const { packageVersion } = await import('./version.js');
    process.stdout.write(`${packageVersion()}\n`);
  } else {
    const { main } = await import('./main.js');
    await main(argv);
  }
}

export const started = start(process.argv.slice(2));
