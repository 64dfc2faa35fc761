import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import type { Pod } from '../../src/model/apiObjects.js';
import { podStatus } from '../../src/model/podColumns.js';
import { PtyScreen } from './helpers/ptyScreen.js';

// Issue 11, "readable at every width": on the embedded cluster, at 80x24, 120x40 and 200x60, with
// Unicode and under LANG=C, every STATUS is printed whole and no two names on screen look alike.

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

let demo: DemoCluster;
let state: string;
/** Every STATUS each pod (`namespace/name`) has had, as the printer makes it from the watched objects. */
const statuses = new Map<string, Set<string>>();
let stopWatch: (() => void) | undefined;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 7, namespace: 'shop' });
  state = mkdtempSync(join(tmpdir(), 'podscope-widths-e2e-'));
  const config = new KubeConfig();
  config.loadFromFile(demo.kubeconfigPath);
  const request = await new Watch(config).watch(
    '/api/v1/pods',
    {},
    (_type: string, pod: Pod) => {
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      const seen = statuses.get(key) ?? new Set<string>();
      seen.add(podStatus(pod));
      statuses.set(key, seen);
    },
    () => undefined,
  );
  stopWatch = () => request.abort();
}, 90_000);

afterAll(async () => {
  stopWatch?.();
  await demo?.close();
  rmSync(state, { recursive: true, force: true });
});

interface Row {
  namespace: string;
  name: string;
  status: string;
}

/** The pod rows of a screen, cut at the title line's column starts. */
function rowsOf(lines: readonly string[]): Row[] {
  const at = lines.findIndex((l) => /NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS/.test(l));
  if (at < 0) return [];
  const title = lines[at]!;
  const start = (word: string) => title.search(new RegExp(`\\b${word}\\b`));
  const [ns, name, ready, status, restarts] = ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS'].map(start) as [number, number, number, number, number];
  const rows: Row[] = [];
  for (const line of lines.slice(at + 1)) {
    const cell = (from: number, to: number) => line.slice(from, to).trim();
    // The table ends where a line no longer has a READY cell (n/m).
    if (!/^\d+\/\d+$/.test(cell(ready, status))) break;
    rows.push({ namespace: cell(ns, name), name: cell(name, ready), status: cell(status, restarts) });
  }
  return rows;
}

/** The pods a (possibly cut) cell can stand for: the name itself, or a start and an end around the mark. */
function candidates(cell: string, names: readonly string[], mark: string): string[] {
  const cut = cell.indexOf(mark);
  if (cut < 0) return names.filter((n) => n === cell);
  const head = cell.slice(0, cut);
  const tail = cell.slice(cut + mark.length);
  return names.filter((n) => n.length > cell.length - mark.length && n.startsWith(head) && n.endsWith(tail));
}

const PAGE_DOWN = '\x1b[6~';
/** The long statuses the embedded cluster comes to: the test waits until the table has shown them. */
const LONG_STATUSES = ['Init:CrashLoopBackOff', 'ErrImageNeverPull', 'ImagePullBackOff', 'CrashLoopBackOff'];

describe('readable at every width on the embedded cluster', () => {
  for (const [cols, rows] of [
    [80, 24],
    [120, 40],
    [200, 60],
  ] as const) {
    for (const [label, env, mark] of [
      ['UTF-8', { LANG: 'C.UTF-8' }, '…'],
      ['LANG=C, NO_COLOR', { LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined, NO_COLOR: '1' }, '~'],
    ] as const) {
      it(`${cols}x${rows}, ${label}: every STATUS whole, no two names alike`, async () => {
        const tui = new PtyScreen({ args: ['-A', '--kubeconfig', demo.kubeconfigPath], cols, rows, env: { ...env, XDG_STATE_HOME: state } });
        screens.push(tui);
        await tui.waitFor((text) => /states\s+unsched|rows \d/.test(text), 'the pods', 30_000);
        const shown = new Set<string>();
        const deadline = Date.now() + 90_000;
        let pages = 0;
        while (!LONG_STATUSES.every((s) => shown.has(s)) || pages < 2) {
          if (Date.now() > deadline) throw new Error(`the table never showed ${LONG_STATUSES.filter((s) => !shown.has(s)).join(', ')}; saw ${[...shown].join(', ')}`);
          const lines = await tui.screen();
          const table = rowsOf(lines);
          expect(table.length, lines.join('\n')).toBeGreaterThan(0);
          const names = [...statuses.keys()];
          const distinct = new Set<string>();
          for (const row of table) {
            // The namespace may be cut too: the pods in every namespace it can stand for.
            const namespaces = candidates(row.namespace, [...new Set(names.map((n) => n.split('/')[0]!))], mark);
            const pods = namespaces.flatMap((ns) => candidates(row.name, names.filter((n) => n.startsWith(`${ns}/`)).map((n) => n.slice(ns.length + 1)), mark).map((n) => `${ns}/${n}`));
            expect(pods, `${row.namespace} ${row.name} stands for exactly one pod\n${lines.join('\n')}`).toHaveLength(1);
            distinct.add(pods[0]!);
            expect(row.status, `a cut STATUS\n${lines.join('\n')}`).not.toContain(mark);
            expect([...(statuses.get(pods[0]!) ?? [])], `${pods[0]}: ${row.status} is one of its statuses\n${lines.join('\n')}`).toContain(row.status);
            shown.add(row.status);
          }
          expect(distinct.size).toBe(table.length);
          if (label !== 'UTF-8') expect(lines.join('\n')).toMatch(/^[\x00-\x7f]*$/);
          // The next page, or the first again after the last.
          const position = lines.slice(0, 3).join('\n').match(/rows \d+.(\d+) of (\d+)/);
          tui.write(position !== null && position[1] === position[2] ? 'g' : PAGE_DOWN);
          await new Promise((resolve) => setTimeout(resolve, 300));
          pages += 1;
        }
        tui.write('q');
        expect((await tui.waitForExit()).exitCode).toBe(0);
      }, 150_000);
    }
  }

  it('E shows the whole message of an event at 80x24', async () => {
    const tui = new PtyScreen({ args: ['-n', 'lab', '--kubeconfig', demo.kubeconfigPath], cols: 80, rows: 24, env: { LANG: 'C.UTF-8', XDG_STATE_HOME: state } });
    screens.push(tui);
    await tui.waitFor((text) => /badimage\s+\S+\s+ErrImageNeverPull/.test(text), 'badimage', 60_000);
    // The pod's events arrive on a watch of their own, maybe after the row (a loaded machine): until
    // then E says there is none, and a person presses it again.
    let text = '';
    for (let attempt = 0; attempt < 30 && text === ''; attempt++) {
      tui.write('E');
      const detail = (t: string): boolean => /Event \d+ of \d+/.test(t) && t.includes('Message');
      const answer = await tui.waitFor((t) => detail(t) || t.includes('no event to show'), 'the event detail or its absence', 15_000);
      if (detail(answer)) text = answer;
      else await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(text).toMatch(/Object +pod\/badimage/);
    expect(text).toMatch(/Reason +\S+/);
    expect(text).toMatch(/Source +kubelet/);
    tui.write('\x1b');
    await tui.waitFor((t) => !t.includes('Message'), 'the explorer again');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 120_000);
});
