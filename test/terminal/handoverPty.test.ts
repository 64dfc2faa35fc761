import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { launchDebugContainer } from '../../src/kube/debug/launchDebugContainer.js';
import { waitForContainer } from '../../src/kube/debug/waitForContainer.js';
import { eventually } from '../kube/demoHarness.js';
import { containerState, startDebugHarness, type DebugHarness } from '../kube/debug/debugHarness.js';
import { repoRoot } from '../e2e/helpers/ptyScreen.js';

/** The child script in a pty, with a headless terminal answering busybox's cursor queries. */
function runChild(args: string[]): { pty: IPty; output: () => string; exited: Promise<number> } {
  const terminal = new xterm.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  let raw = '';
  const pty = spawn(process.execPath, [join(repoRoot, 'test', 'terminal', 'handoverPtyChild.mjs'), ...args], { name: 'xterm-256color', cols: 80, rows: 24, cwd: repoRoot, env: { ...process.env, TERM: 'xterm-256color' } as Record<string, string> });
  terminal.onData((reply) => pty.write(reply));
  pty.onData((data) => {
    raw += data;
    terminal.write(data);
  });
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => {
    terminal.dispose();
    resolve(exitCode);
  }));
  return { pty, output: () => raw, exited };
}

describe('handTerminalTo in a pseudo-terminal (built dist/)', () => {
  let harness: DebugHarness;

  beforeAll(async () => {
    harness = await startDebugHarness();
  }, 90_000);

  afterAll(async () => {
    await harness.close();
  });

  async function runningDebugger(): Promise<string> {
    const launched = await launchDebugContainer(harness.session, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' });
    await waitForContainer(harness.session, { namespace: 'lab', pod: 'web', container: launched.container });
    return launched.container;
  }

  it('runs the shell with the pty size, detaches on Ctrl-P Ctrl-Q and leaves stdin cooked, paused and without listeners', async () => {
    const container = await runningDebugger();
    const child = runChild([harness.demo.kubeconfigPath, 'lab', 'web', container]);
    try {
      await eventually(() => expect(child.output()).toContain('Ctrl-P Ctrl-Q to detach'));
      child.pty.write('stty size\r');
      await eventually(() => expect(child.output()).toContain('24 80'));
      child.pty.resize(90, 20);
      // SIGWINCH and the typed line race each other to the child, so ask until the new size shows.
      let asked = 0;
      await eventually(() => {
        if (Date.now() - asked > 1_000) {
          asked = Date.now();
          child.pty.write('stty size\r');
        }
        expect(child.output()).toContain('20 90');
      });
      // A lone Ctrl-P followed by another key reaches the shell (the pty echoes it as ^P); no detach.
      child.pty.write('\x10');
      child.pty.write('echo after-ctrl-p\r');
      await eventually(() => expect(child.output()).toContain('^Pecho after-ctrl-p'));
      child.pty.write('echo still-attached\r');
      // Echoed with the command, then printed by it.
      await eventually(() => expect(child.output().match(/still-attached/g)).toHaveLength(2));
      child.pty.write('\x10\x11');
      expect(await child.exited).toBe(0);
      expect(child.output()).toContain('RESULT {"how":"detached"}');
      expect(child.output()).toContain('STDIN raw=false paused=true data=0 resize=0');
      expect((await containerState(harness.session, 'lab', 'web', container))?.running).toBeDefined();
    } finally {
      child.pty.kill();
    }
  });
});
