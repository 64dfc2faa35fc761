import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const CTRL_P_CTRL_Q = '\x10\x11';
const selected = (text: string): string | undefined => text.split('\n').find((line) => /^(lab|states)\/\S+ /.test(line))?.split(' ')[0];

function explorer(namespace: string): PtyScreen {
  const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
  const tui = new PtyScreen({ args: ['--demo', '-n', namespace], cols: 120, rows: 40, env: { XDG_STATE_HOME: state } });
  cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));
  return tui;
}

async function selectWeb(tui: PtyScreen): Promise<void> {
  await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 30_000);
  tui.write('G');
  await tui.waitFor((text) => selected(text) === 'lab/web', 'web selected');
}

describe('an honest hand-over in the explorer', () => {
  it('clears what was on the screen before a shell, and a shell in an image without one never leaves the explorer', async () => {
    const tui = explorer('lab');
    await selectWeb(tui);
    tui.write('s');
    await tui.waitForText('attached to pod/web container web', 20_000);
    tui.write('echo FIRST-$((40+2))\r');
    await tui.waitFor((text) => /^FIRST-42$/m.test(text), 'the first session output');
    tui.write('exit 127\r');
    // A shell that exits is not a container that crashed.
    await tui.waitForText('shell in web exited (exit code 127)', 20_000);

    tui.write('s');
    const handedOver = await tui.waitForText('attached to pod/web container web', 20_000);
    // Nothing of the first session (left on the main screen) nor of the explorer shows.
    expect(handedOver).not.toContain('FIRST-42');
    expect(handedOver).not.toContain('NAME');
    expect(handedOver.split('\n')[0]).toContain('attached to pod/web container web');
    await tui.waitFor((text) => text.includes('/ # '), 'the prompt, without pressing Enter');
    tui.write('exit\r');
    await tui.waitForText('shell in web exited (exit code 0)', 20_000);

    tui.write(':ns states\r');
    await tui.waitFor((text) => /noshell\s+1\/1\s+Running/.test(text), 'the states namespace', 20_000);
    tui.write('/noshell\r');
    await tui.waitFor((text) => selected(text) === 'states/noshell', 'noshell selected');
    const before = tui.output.length;
    tui.write('s');
    // Sampled until the refusal shows: the explorer never left the alternate screen, no banner was printed.
    for (;;) {
      expect(tui.inAlternateScreen).toBe(true);
      const text = await tui.text();
      if (text.includes('has no shell')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (tui.exited) throw new Error('podscope exited');
    }
    expect(tui.output.slice(before)).not.toContain('attached to pod/noshell');
    expect(await tui.text()).toMatch(/noshell\s+1\/1\s+Running/);
    expect(await tui.text()).toContain('press d to debug it with an ephemeral container');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 120_000);

  it('a attaches to the newest running debug container, not to a newer one that exited', async () => {
    const tui = explorer('lab');
    await selectWeb(tui);
    tui.write('d');
    await tui.waitForText('busybox:1.36', 20_000);
    tui.write('\r');
    const first = await tui.waitFor((text) => /attached to pod\/web container debugger-[a-z0-9]{5}/.test(text), 'the first debugger', 60_000);
    const running = /container (debugger-[a-z0-9]{5})/.exec(first)![1]!;
    // The hint is printed with the banner, and the shell redraws the prompt it drew before we attached.
    expect(first).toContain("If you don't see a command prompt, press Enter.");
    await tui.waitFor((text) => text.includes('/ # '), 'the redrawn prompt');
    tui.write(CTRL_P_CTRL_Q);
    await tui.waitForText(`detached from ${running}`, 20_000);

    tui.write('d');
    await tui.waitForText('busybox:1.36', 20_000);
    tui.write('\r');
    const second = await tui.waitFor((text) => new RegExp(`attached to pod/web container (?!${running})debugger-[a-z0-9]{5}`).test(text), 'the second debugger', 60_000);
    const exited = /container (debugger-[a-z0-9]{5})/.exec(second)![1]!;
    await tui.waitFor((text) => text.includes('/ # '), 'the second prompt');
    tui.write('exit\r');
    await tui.waitForText(`${exited} exited (exit code 0)`, 20_000);

    tui.write('a');
    await tui.waitForText(`attached to pod/web container ${running}`, 20_000);
    tui.write('echo back-in-$((1+1))\r');
    await tui.waitFor((text) => /^back-in-2$/m.test(text), 'the running debugger answering');
    tui.write('exit\r');
    await tui.waitForText(`${running} exited (exit code 0)`, 20_000);

    // None runs now: a shows the newest exited one's log, and its header says so.
    tui.write('a');
    const log = await tui.waitFor((text) => /lab\/web │ debugger-[a-z0-9]{5} │ exited \(exit code 0\)/.test(text), 'the log of an exited debugger', 20_000);
    expect(log).not.toContain('following');
    tui.write('q');
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'back in the explorer');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 180_000);
});
