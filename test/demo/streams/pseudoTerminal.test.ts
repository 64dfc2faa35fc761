import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pseudoTerminalKind } from '../../../src/demo/streams/pseudoTerminal.js';
import { startLocalProcess } from '../../../src/demo/streams/localProcess.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** The demo cluster's shells without node-pty: util-linux script gives them a terminal. */
describe('demo shells through script(1) instead of node-pty', () => {
  afterEach(() => {
    delete process.env['PODSCOPE_DEMO_PTY'];
  });

  it('runs a tty shell that sees a terminal, echoes input and reports its exit code', async (context) => {
    if (!hasScript) {
      context.skip('util-linux script is not installed');
      return;
    }
    process.env['PODSCOPE_DEMO_PTY'] = 'script';
    expect(pseudoTerminalKind()).toBe('script');
    const shell = startLocalProcess({ command: ['sh'], tty: true, stdin: true, hostname: 'web', columns: 100, rows: 30 });
    let output = '';
    shell.onOutput((_stream, data) => (output += data.toString('utf8')));
    shell.write('[ -t 0 ] && echo "tty-$(stty size)"\n');
    await expect.poll(() => output, { timeout: 10_000 }).toContain('tty-30 100');
    shell.write('exit 7\n');
    expect(await shell.exited).toBe(7);
  });
});
