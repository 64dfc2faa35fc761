import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];

function start(args: string[], cols = 80, rows = 24, env: Record<string, string | undefined> = {}): PtyScreen {
  const screen = new PtyScreen({ args, cols, rows, env });
  screens.push(screen);
  return screen;
}

afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

/** A settled demo namespace shows these states; they come from the live cluster, not from a fixture. */
const livePodTable = (text: string): boolean => /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/.test(text) && /frontend-\S+\s+1\/1\s+Running/.test(text);

describe('podscope --demo in a terminal', () => {
  for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
    it(`shows the live pod table at ${cols}x${rows} and quits cleanly with q`, async () => {
      const tui = start(['--demo'], cols, rows);
      const text = await tui.waitFor(livePodTable, 'a live pod table', 20_000);
      // Several frames later the screen must still start at the top row (a renderer that loses
      // track of the cursor draws each frame a row lower and leaves stale lines behind).
      tui.write('j');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const screenRows = await tui.screen();
      expect(screenRows[0]).toContain('context: podscope-demo');
      expect(screenRows.filter((row) => row.includes('context: podscope-demo'))).toHaveLength(1);
      expect(screenRows.filter((row) => /^NAME\s+READY/.test(row))).toHaveLength(1);
      expect(text).toContain('namespace: shop');
      expect(tui.inAlternateScreen).toBe(true);
      for (const line of await tui.screen()) expect(line.length).toBeLessThanOrEqual(cols);
      tui.write('q');
      expect((await tui.waitForExit()).exitCode).toBe(0);
      expect(tui.inAlternateScreen).toBe(false);
      expect(tui.output.endsWith('\x1b[?1049l') || tui.output.includes('\x1b[?25h')).toBe(true);
    });
  }

  it('moves the selection with j/k and G/g (the status line names the selected pod)', async () => {
    const tui = start(['--demo', '-n', 'lab']);
    await tui.waitForText('web', 20_000);
    // The status line names the selected pod as namespace/name.
    const selected = (text: string): string | undefined => text.split('\n').find((line) => /^lab\/\S+ /.test(line))?.split(' ')[0];
    await tui.waitFor((text) => selected(text) === 'lab/badimage', 'selection on the first pod');
    tui.write('j');
    await tui.waitFor((text) => selected(text) === 'lab/badpull', 'selection on badpull');
    tui.write('G');
    await tui.waitFor((text) => selected(text) === 'lab/web', 'selection on the last pod');
    tui.write('g');
    await tui.waitFor((text) => selected(text) === 'lab/badimage', 'selection back on the first pod');
    tui.write('\x03');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('stays live and coloured in a terminal even where CI=true is set (jump boxes, runners)', async () => {
    const tui = start(['--demo'], 80, 24, { CI: 'true' });
    await tui.waitFor(livePodTable, 'a live pod table', 20_000);
    expect(tui.inAlternateScreen).toBe(true);
    expect(tui.output).toMatch(/\x1b\[3[1-6]m/);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('shows all namespaces with a NAMESPACE column with -A', async () => {
    const tui = start(['--demo', '-A'], 120, 40);
    const text = await tui.waitFor((screen) => /NAMESPACE\s+NAME/.test(screen) && screen.includes('kube-system'), 'NAMESPACE column');
    expect(text).toMatch(/all namespaces/);
    tui.write('q');
    await tui.waitForExit();
  });

  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`restores the terminal on ${signal}`, async () => {
      const tui = start(['--demo']);
      await tui.waitFor(livePodTable, 'a live pod table', 20_000);
      tui.kill(signal);
      const exit = await tui.waitForExit();
      expect(exit.exitCode === code || exit.signal !== undefined).toBe(true);
      expect(tui.inAlternateScreen).toBe(false);
      expect(tui.output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(tui.output.lastIndexOf('\x1b[?25l'));
    });
  }

  it('re-lays the screen when the terminal is resized, and says when it is too small', async () => {
    const tui = start(['--demo'], 80, 24);
    await tui.waitFor(livePodTable, 'a live pod table', 20_000);
    tui.resize(40, 10);
    await tui.waitForText('too small');
    tui.resize(120, 30);
    const text = await tui.waitFor((screen) => livePodTable(screen) && /\bIP\b/.test(screen), 'a wide table with IP');
    expect(text).not.toContain('too small');
    tui.write('q');
    await tui.waitForExit();
  });
});
