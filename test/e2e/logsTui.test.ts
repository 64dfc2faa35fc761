import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

describe('the log key in the explorer', () => {
  it('l follows the selected pod, p shows the crashed instance, Esc goes back', async () => {
    // A faster clock so crashy has crashed at least once.
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab', '--speed', '4'], cols: 120, rows: 40 });
    screens.push(tui);
    await tui.waitFor((text) => /crashy\s+\S+\s+\S+\s+[1-9]/.test(text), 'crashy with a restart', 30_000);
    // One row at a time, each move seen before the next: a loaded machine draws late, and j pressed
    // on a stale screen would overshoot.
    const selectedPod = (text: string): string | undefined => /Containers │ lab\/(\S+)/.exec(text)?.[1];
    for (let i = 0; i < 6 && selectedPod(await tui.text()) !== 'crashy'; i++) {
      const before = selectedPod(await tui.text());
      tui.write('j');
      await tui.waitFor((text) => selectedPod(text) !== before, 'the selection to move');
    }
    await tui.waitForText('Containers │ lab/crashy');
    tui.write('l');
    const logView = await tui.waitFor((text) => /lab\/crashy │ crashy │ following/.test(text), 'the log view following crashy');
    // Only the log view's keys are offered while it has the keyboard.
    expect(logView).toContain('Esc back to the explorer');
    expect(logView).not.toMatch(/\bd debug\b/);
    tui.write('p');
    // crashy's previous instance ended with the lines its script prints before exit 1.
    await tui.waitFor((text) => /lab\/crashy │ crashy │ previous instance/.test(text) && text.includes('exiting with 1'), 'the previous instance');
    tui.write('\x1b');
    await tui.waitFor((text) => text.includes('Containers │ lab/crashy'), 'the explorer again');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });
});

describe('the workload log key in the explorer', () => {
  it('L merges every pod of the selected pod\'s ReplicaSet with a prefix each; f filters the lines; Esc goes back', async () => {
    const tui = new PtyScreen({ args: ['--demo', '-n', 'shop'], cols: 120, rows: 40 });
    screens.push(tui);
    await tui.waitForText('frontend-', 30_000);
    tui.write('/');
    tui.write('frontend');
    tui.write('\r');
    await tui.waitFor((text) => /Containers │ shop\/frontend-/.test(text), 'a frontend pod selected');
    tui.write('L');
    await tui.waitFor(
      (text) => /shop │ ReplicaSet frontend-\S+ │ 3 pods │ following/.test(text) && new Set([...text.matchAll(/\[(frontend-\S+-\S+)\] /g)].map((m) => m[1])).size >= 2,
      'the workload log with lines of several pods',
      60_000,
    );
    tui.write('f');
    tui.write('healthz');
    tui.write('\r');
    await tui.waitFor((text) => /filter healthz \(\d+ lines\)/.test(text) && /\[frontend-\S+\] \S+ - - \[[^\]]+\] "GET \/healthz/.test(text), 'only the healthz lines', 60_000);
    const filtered = await tui.text();
    const body = filtered.split('\n').filter((line) => /^\[frontend-/.test(line));
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((line) => line.includes('/healthz'))).toBe(true);
    tui.write('\x1b');
    await tui.waitFor((text) => /Containers │ shop\/frontend-/.test(text), 'the explorer again');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });
});
