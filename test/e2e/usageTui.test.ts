import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

// 130 columns: the table has the whole width (stacked layout), room for CPU and MEM after NODE.
const cols = 130;
const rows = 40;

/** The table row of pod `name` as drawn. */
function rowOf(lines: readonly string[], name: string): string | undefined {
  return lines.find((line) => new RegExp(`^\\s*!?\\s*${name}\\s`).test(line));
}

/** `44m`, `71Mi` and the rest of a usage cell: millicores and mebibytes. */
const CPU_CELL = /\b\d+m(?: (?:\d+%|-)\/(?:\d+%|-))?/;
const MEM_CELL = /\b\d+(?:Mi|Ki)(?: (?:\d+%|-)\/(?:\d+%|-))?/;

describe('usage in the table', () => {
  for (const [label, extra, source] of [
    ['metrics.k8s.io', [] as string[], /usage from metrics\.k8s\.io/],
    ["the kubelets' stats/summary (--no-metrics-api)", ['--no-metrics-api'], /usage from the kubelets' stats\/summary/],
  ] as const) {
    it(`CPU and MEM columns from ${label}, sortable with C and M, the source named in ?`, async () => {
      const tui = new PtyScreen({ args: ['--demo', '-n', 'lab', ...extra], cols, rows });
      screens.push(tui);
      await tui.waitFor((text) => /NODE\s+CPU\s+MEM/.test(text), 'the CPU and MEM titles', 40_000);
      // web runs from the start: its usage arrives with the first poll.
      await tui.waitFor((text) => {
        const web = rowOf(text.split('\n'), 'web');
        return web !== undefined && CPU_CELL.test(web) && MEM_CELL.test(web);
      }, "web's CPU and MEM", 40_000);

      tui.write('C');
      await tui.waitFor((text) => /cpu↓/.test(text), 'sorted by CPU in the header', 20_000);
      const lines = await tui.screen();
      const at = lines.find((line) => /NODE\s+CPU\s+MEM/.test(line))?.search(/CPU/) ?? -1;
      expect(at).toBeGreaterThan(0);
      const cpus = lines.filter((line) => /^\d+m/.test(line.slice(at))).map((line) => Number(/^(\d+)m/.exec(line.slice(at))?.[1]));
      expect(cpus.length).toBeGreaterThan(1);
      expect([...cpus].sort((a, b) => b - a)).toEqual(cpus);

      tui.write('M');
      await tui.waitFor((text) => /mem↓/.test(text), 'sorted by memory in the header', 20_000);

      tui.write('?');
      await tui.waitFor((text) => text.includes('Esc, ? or q to close'), 'the help screen');
      tui.write('G');
      await tui.waitFor((text) => source.test(text), 'the usage source in the help', 20_000);
      tui.write('\x1b');
      await tui.waitFor((text) => !text.includes('Esc, ? or q to close'), 'the help screen to close');
      tui.write('q');
      expect((await tui.waitForExit()).exitCode).toBe(0);
    });
  }
});

describe('usage of all namespaces', () => {
  it('the rows on screen have their CPU and MEM; after G the last namespace’s rows have theirs too', async () => {
    // 600 fleet pods in three namespaces besides the demo's: the first screen shows one or two of them.
    const tui = new PtyScreen({ args: ['--demo', '--scale-pods', '600', '-A'], cols: 200, rows: 30 });
    screens.push(tui);
    await tui.waitFor((text) => /NODE\s+CPU\s+MEM/.test(text), 'the CPU and MEM titles', 60_000);
    /** The table rows' namespaces, each with whether a row of it shows a CPU and MEM cell. */
    const sampled = (text: string): Map<string, boolean> => {
      const lines = text.split('\n');
      const title = lines.findIndex((line) => /NODE\s+CPU\s+MEM/.test(line));
      const at = lines[title]?.search(/CPU/) ?? -1;
      const namespaces = new Map<string, boolean>();
      for (const line of lines.slice(title + 1)) {
        const namespace = /^[ !]?([a-z0-9-]+)\s{2,}[a-z0-9-]+\s/.exec(line)?.[1];
        if (namespace === undefined) break;
        const cells = line.slice(at);
        namespaces.set(namespace, (namespaces.get(namespace) ?? false) || (CPU_CELL.test(cells) && MEM_CELL.test(cells)));
      }
      return namespaces;
    };
    const first = sampled(await tui.waitFor((text) => [...sampled(text).values()].some(Boolean), 'a row of the first screen with its CPU and MEM', 40_000));
    tui.write('G');
    // The last screen's namespaces were not on the first, so not in the polls before the move.
    await tui.waitFor((text) => [...sampled(text)].some(([namespace, shown]) => shown && !first.has(namespace)), 'a row of another namespace with its CPU and MEM', 40_000);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 120_000);
});

