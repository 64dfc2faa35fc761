import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { Display } from '../../src/ui/glyphs.js';
import type { UiState } from '../../src/ui/state.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { kubectlPrintTime, kubectlTable, podList, renamed, withoutPod } from './helpers/pods.js';
import { KEYS, overflowProblems, renderAt, type RenderedUi, type Size } from './helpers/render.js';
import { fakeServices, type FakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const UNICODE: Display = { unicode: true, color: false };
const SMALL: Size = { columns: 80, rows: 24 };
const LARGE: Size = { columns: 120, rows: 40 };

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

interface Mounted {
  ui: RenderedUi;
  fake: FakeServices;
  onQuit: ReturnType<typeof vi.fn>;
}

async function mount(
  options: Parameters<typeof fakeServices>[0] & { size?: Size; display?: Display; initialState?: UiState; onStateChange?: (s: UiState) => void },
): Promise<Mounted> {
  const fake = fakeServices({ now: labNow, ...options });
  const onQuit = vi.fn();
  const ui = renderAt(
    <App
      services={fake.services}
      onQuit={onQuit}
      display={options.display ?? UNICODE}
      {...(options.initialState === undefined ? {} : { initialState: options.initialState })}
      {...(options.onStateChange === undefined ? {} : { onStateChange: options.onStateChange })}
    />,
    options.size ?? SMALL,
  );
  await ui.waitForFrame((f) => f.includes('NAME') || f.includes('too small'));
  return { ui, fake, onQuit };
}

/**
 * The cells of the table line for pod `name`, split where kubectl-style columns are (2+ spaces).
 * Without colour a row starts with its health marker (`!` or a space), which is not a cell.
 */
function rowCells(frame: string, name: string): string[] | undefined {
  return frame
    .split('\n')
    .map((line) => line.replace(/^!/, '').trim().split(/ {2,}/))
    .find((cells) => cells.includes(name));
}

/** The status line describes the selected pod as namespace/name. */
function selectedPod(ui: RenderedUi): string | undefined {
  const lines = ui.lines();
  return /^(\S+\/\S+)/.exec(lines[lines.length - 2] ?? '')?.[1];
}

async function expectSelected(ui: RenderedUi, pod: string): Promise<void> {
  await ui.waitForFrame(() => selectedPod(ui) === pod, 5_000).catch(() => undefined);
  expect(selectedPod(ui)).toBe(pod);
}

function expectFits(ui: RenderedUi): void {
  expect(overflowProblems(ui.rawFrame(), ui.size())).toEqual([]);
}

describe('the pod table shows what kubectl printed', () => {
  const cases = [
    { list: lab, kubectl: 'kubectl/get-pods-lab-wide.txt' },
    { list: states, kubectl: 'kubectl/get-pods-states-wide.txt' },
  ];
  for (const { list, kubectl } of cases) {
    for (const size of [SMALL, LARGE]) {
      test(`${kubectl} at ${size.columns}x${size.rows}`, async () => {
        const rows = kubectlTable(kubectl);
        const { ui } = await mount({ pods: list, now: kubectlPrintTime(rows, list), size, info: { namespace: list[0]?.metadata?.namespace ?? '' } });
        expect(rows.length).toBe(list.length);
        const checked = new Set<string>();
        const check = (frame: string): void => {
          for (const row of rows) {
            const cells = rowCells(frame, row['NAME'] ?? '');
            if (cells === undefined) continue;
            checked.add(row['NAME'] ?? '');
            // NAME READY STATUS RESTARTS AGE [IP NODE], AGE aside: printed seconds apart from the JSON.
            expect([cells[0], cells[1], cells[2], cells[3]]).toEqual([row['NAME'], row['READY'], row['STATUS'], row['RESTARTS']]);
            if (size === LARGE) expect([cells[5], cells[6]]).toEqual([row['IP'], row['NODE']]);
          }
        };
        check(ui.frame());
        expect(ui.frame()).toContain(`pods: ${list.length}`);
        expect(ui.lines()).toHaveLength(size.rows - 1);
        expectFits(ui);
        // The table is shorter than the list at 80x24: the last page shows the rest.
        await ui.press('G');
        await expectSelected(ui, `${list[0]?.metadata?.namespace}/${rows[rows.length - 1]?.['NAME']}`);
        check(ui.frame());
        expect([...checked].sort()).toEqual(rows.map((r) => r['NAME']).sort());
      });
    }
  }

  test('all namespaces put NAMESPACE first and say so in the header', async () => {
    const { ui } = await mount({ pods: [...states, ...lab], info: { allNamespaces: true } });
    const frame = ui.frame();
    expect(frame).toContain('all namespaces');
    expect(frame.split('\n').find((l) => l.trimStart().startsWith('NAMESPACE'))).toMatch(/^ NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE/);
    // Sorted by namespace, then name.
    expect(rowCells(frame, 'badimage')?.[0]).toBe('lab');
    expect(frame.indexOf('web')).toBeLessThan(frame.indexOf('done-err'));
    expect(frame).toContain('pods: 15');
    expectFits(ui);
  });

  test('a long name is cut in the middle with an ellipsis instead of wrapping', async () => {
    const long = renamed(lab[0]!, 'payments-api-7c9f8d6b5-a-very-long-generated-name-that-never-ends-x2z9q');
    const { ui } = await mount({ pods: [long, ...lab], info: { allNamespaces: true } });
    const line = ui.lines().find((l) => l.includes('payments-api'));
    expect(line).toMatch(/payments-api…\S*-x2z9q +0\/1/);
    expectFits(ui);
  });
});

describe('keys move the selection', () => {
  test('j/k and arrows, g/G and Home/End', async () => {
    const { ui } = await mount({ pods: lab });
    await expectSelected(ui, 'lab/badimage');
    await ui.press('j', 'j');
    await expectSelected(ui, 'lab/crashy');
    await ui.press('k');
    await expectSelected(ui, 'lab/badpull');
    await ui.press(KEYS.down, KEYS.down, KEYS.down);
    await expectSelected(ui, 'lab/initwait');
    await ui.press(KEYS.up);
    await expectSelected(ui, 'lab/duo');
    await ui.press('G');
    await expectSelected(ui, 'lab/web');
    await ui.press('j');
    await expectSelected(ui, 'lab/web');
    await ui.press('g');
    await expectSelected(ui, 'lab/badimage');
    await ui.press(KEYS.end);
    await expectSelected(ui, 'lab/web');
    await ui.press(KEYS.home);
    await expectSelected(ui, 'lab/badimage');
  });

  test('several keys arriving in one read (fast typing, a held key, a slow SSH link) each count', async () => {
    const { ui } = await mount({ pods: lab });
    await expectSelected(ui, 'lab/badimage');
    await ui.press('jjj');
    await expectSelected(ui, 'lab/duo');
    await ui.press('kG');
    await expectSelected(ui, 'lab/web');
  });

  test('pages (PgDn/PgUp, Ctrl-F/Ctrl-B) scroll a long list', async () => {
    const many = Array.from({ length: 50 }, (_, i) => renamed(lab[3]!, `pod-${String(i).padStart(2, '0')}`));
    const { ui } = await mount({ pods: many });
    // 24 rows: 23 lines drawn; 2 header lines, a table of 10 lines (titles and 9 pods: 55% of the
    // body for more pods than fit), the detail pane, status line and hint bar. A page is 8 rows.
    await ui.press(KEYS.pageDown);
    await expectSelected(ui, 'lab/pod-08');
    await ui.press(KEYS.ctrlF);
    await expectSelected(ui, 'lab/pod-16');
    expect(ui.frame()).not.toContain('pod-00');
    expect(ui.frame()).toContain('pod-16');
    await ui.press(KEYS.ctrlB);
    await expectSelected(ui, 'lab/pod-08');
    await ui.press(KEYS.pageUp);
    await expectSelected(ui, 'lab/pod-00');
    await ui.press('G');
    await expectSelected(ui, 'lab/pod-49');
    const frame = ui.frame();
    expect(frame).toContain('pod-49');
    expect(frame).toContain('pod-41 ');
    expect(frame).not.toContain('pod-40 ');
    expectFits(ui);
  });

  test('q and Ctrl-C ask the owner to quit', async () => {
    const { ui, onQuit } = await mount({ pods: lab });
    await ui.press('q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1));
    await ui.press(KEYS.ctrlC);
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(2));
  });

  test('an unbound key says so on the status line until the next command', async () => {
    const { ui } = await mount({ pods: lab });
    await ui.press('x');
    await ui.waitForFrame((f) => f.includes('no command for x'));
    await ui.press('j');
    await expectSelected(ui, 'lab/badpull');
    expect(ui.frame()).not.toContain('no command');
  });
});

describe('live updates', () => {
  test('store changes re-render the table and the count', async () => {
    const { ui, fake } = await mount({ pods: lab });
    fake.podStore().set([...lab, renamed(lab[5]!, 'zeta')]);
    await ui.waitForFrame((f) => f.includes('zeta') && f.includes('pods: 7'));
    fake.podStore().set(withoutPod(lab, 'crashy'));
    await ui.waitForFrame((f) => !f.includes('crashy') && f.includes('pods: 5'));
  });

  test('the selection stays on its pod when rows appear before it', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press('j', 'j', 'j');
    await expectSelected(ui, 'lab/duo');
    fake.podStore().set([renamed(lab[0]!, 'aaa-1'), ...[...lab].reverse(), renamed(lab[0]!, 'aaa-2')]);
    await ui.waitForFrame((f) => f.includes('aaa-2'));
    await expectSelected(ui, 'lab/duo');
    // The cursor moved with it: the next row is the one after duo.
    await ui.press('j');
    await expectSelected(ui, 'lab/initwait');
  });

  test('when the selected pod vanishes the nearest row is selected', async () => {
    const { ui, fake } = await mount({ pods: lab });
    await ui.press('j', 'j', 'j');
    await expectSelected(ui, 'lab/duo');
    fake.podStore().set(withoutPod(lab, 'duo'));
    // The status line says which pod the selection went to.
    await ui.waitForFrame((f) => (f.split('\n').at(-2) ?? '').startsWith('lab/duo is no longer listed; lab/initwait is selected'));
    await ui.press('G');
    await expectSelected(ui, 'lab/web');
    fake.podStore().set(withoutPod(withoutPod(lab, 'duo'), 'web'));
    await ui.waitForFrame((f) => (f.split('\n').at(-2) ?? '').startsWith('lab/web is no longer listed; lab/initwait is selected'));
    await ui.press('k', 'j');
    await expectSelected(ui, 'lab/initwait');
  });

  test('the header shows every connection state', async () => {
    const forbidden = readFixtureJson<{ message: string }>('errors/forbidden-list-pods.json').message;
    const { ui, fake } = await mount({ pods: lab, connection: { kind: 'connecting' } });
    expect(ui.lines()[1]).toContain('connecting…');
    const store = fake.podStore();
    store.setConnection({ kind: 'live' });
    await ui.waitForFrame((f) => (f.split('\n')[1] ?? '').endsWith('live'));
    store.setConnection({ kind: 'reconnecting', error: 'ECONNRESET', since: new Date(), attempt: 3 });
    await ui.waitForFrame((f) => f.includes('reconnecting… (ECONNRESET, attempt 3)'));
    store.setConnection({ kind: 'forbidden', message: forbidden });
    await ui.waitForFrame((f) => f.includes('forbidden: pods is forbidden'));
    store.setConnection({ kind: 'failed', message: 'certificate has expired' });
    await ui.waitForFrame((f) => f.includes('failed: certificate has expired'));
    expectFits(ui);
  });

  test('empty lists say why they are empty', async () => {
    const forbidden = readFixtureJson<{ message: string }>('errors/forbidden-list-pods.json').message;
    const { ui, fake } = await mount({ pods: [], connection: { kind: 'connecting' } });
    expect(ui.lines()[3]).toBe('connecting…');
    fake.podStore().setConnection({ kind: 'live' });
    await ui.waitForFrame((f) => f.includes('no pods in namespace lab'));
    fake.podStore().setConnection({ kind: 'forbidden', message: forbidden });
    await ui.waitForFrame((f) => (f.split('\n')[3] ?? '').startsWith('forbidden: pods is forbidden'));
    expectFits(ui);
  });

  test('across all namespaces, an empty list says so', async () => {
    const { ui } = await mount({ pods: [], info: { allNamespaces: true } });
    expect(ui.frame()).toContain('no pods in any namespace');
  });

  test('ages advance with the clock', async () => {
    const statesNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-states-wide.txt'), states);
    const { ui, fake } = await mount({ pods: states, now: statesNow });
    expect(rowCells(ui.frame(), 'noshell')?.[4]).toBe('49s');
    fake.setNow(new Date(statesNow.getTime() + 1000));
    await ui.waitForFrame((f) => rowCells(f, 'noshell')?.[4] === '50s');
    expect(rowCells(ui.frame(), 'flaky-once')?.[3]).toBe('1 (48s ago)');
  });
});

describe('terminal size', () => {
  test('too small says so, and the table comes back when the terminal grows', async () => {
    const { ui } = await mount({ pods: lab, size: { columns: 50, rows: 20 } });
    expect(ui.frame()).toContain('terminal too small (50x20); need at least 60x12');
    expectFits(ui);
    ui.resize({ columns: 80, rows: 10 });
    await ui.waitForFrame((f) => f.includes('(80x10)'));
    ui.resize(SMALL);
    await ui.waitForFrame((f) => f.includes('crashy'));
    expectFits(ui);
  });

  test('re-lays the table on resize', async () => {
    const { ui } = await mount({ pods: lab, size: LARGE });
    expect(ui.frame()).toContain('NODE');
    ui.resize({ columns: 60, rows: 12 });
    await ui.waitForFrame((f) => !f.includes('NODE'));
    expect(ui.lines()).toHaveLength(11);
    expectFits(ui);
  });

  test('q still quits while too small', async () => {
    const { ui, onQuit } = await mount({ pods: lab, size: { columns: 40, rows: 8 } });
    await ui.press('q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalled());
  });
});

describe('state across a remount', () => {
  test('the owner gets the state and can mount again where it was', async () => {
    const seen: UiState[] = [];
    const first = await mount({ pods: lab, onStateChange: (s) => seen.push(s) });
    await first.ui.press('j', 'j', 'j');
    await expectSelected(first.ui, 'lab/duo');
    first.ui.unmount();
    expect(first.fake.podStore().closed).toBe(true);

    const last = seen[seen.length - 1];
    expect(last?.selection).toEqual({ namespace: 'lab', name: 'duo' });
    // The new store starts empty and connecting, as a real one would.
    const second = await mount({ pods: [], connection: { kind: 'connecting' }, ...(last === undefined ? {} : { initialState: last }) });
    second.fake.podStore().set(lab);
    second.fake.podStore().setConnection({ kind: 'live' });
    await second.ui.waitForFrame((f) => f.includes('crashy'));
    await expectSelected(second.ui, 'lab/duo');
  });
});

test('the pod store is closed on unmount and opened for the configured scope', async () => {
  const { ui, fake } = await mount({ pods: lab });
  expect(fake.opened.map((o) => o.scope)).toEqual([{ namespace: 'lab' }]);
  expect(fake.podStore().listenerCount).toBeGreaterThan(0);
  ui.unmount();
  expect(fake.podStore().closed).toBe(true);
});
