import { describe, expect, test } from 'vitest';
import { podColumns, type PodColumns } from '../../src/model/podColumns.js';
import { clean as c, type Printable } from '../../src/model/printable.js';
import { fitMiddleDistinct } from '../../src/ui/distinctCut.js';
import { COLUMN_GAP, formatPodLines, formatTitleLine, planColumns, type PlannedColumn, type PodCells } from '../../src/ui/podTableColumns.js';
import { textWidth } from '../../src/ui/text.js';
import { podList } from './helpers/pods.js';

const now = new Date('2026-11-23T09:16:12Z');
const recorded: PodColumns[] = [...podList('pods/lab-list.json'), ...podList('pods/states-list.json')].map((p) => podColumns(p, now));

/** Every STATUS the embedded cluster goes through, with the names its workloads make, on recorded rows. */
const DEMO_ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['kube-system', 'metrics-server-78fd8569bb-nq2gv', 'Running', '0'],
  ['kube-system', 'coredns-67b5c844f-btzzb', 'Running', '0'],
  ['lab', 'badimage', 'ErrImageNeverPull', '0'],
  ['lab', 'badpull', 'ImagePullBackOff', '0'],
  ['lab', 'badpull2', 'ErrImagePull', '0'],
  ['lab', 'initwait', 'Init:1/2', '0'],
  ['states', 'initfail', 'Init:CrashLoopBackOff', '5 (2m34s ago)'],
  ['states', 'initerr', 'Init:Error', '12 (10m ago)'],
  ['states', 'oom', 'OOMKilled', '4 (58s ago)'],
  ['states', 'crashy', 'CrashLoopBackOff', '123 (59m ago)'],
  ['states', 'slowstop', 'Terminating', '0'],
  ['states', 'unsched', 'Pending', '0'],
  ['shop', 'nightly-report-29936280-4rx2k', 'Error', '0'],
  ['shop', 'nightly-report-29936280-8gq7m', 'ContainerCreating', '0'],
  ['shop', 'nightly-report-29936281-4rx2k', 'PodInitializing', '0'],
  ['shop', 'recommendation-7b6b4fc759-x9k2p', 'Completed', '0'],
  ['shop', 'orders-worker-6785b4bc58-9kq2w', 'NotReady', '0'],
];
const demo: PodCells[] = DEMO_ROWS.map(([namespace, name, status, restarts], i) => ({
  ...recorded[i % recorded.length]!,
  namespace: c(namespace),
  name: c(name),
  status: c(status),
  restarts: c(restarts),
}));
const rows: PodCells[] = [...recorded, ...demo];

const total = (columns: readonly PlannedColumn[]) => columns.reduce((a, col) => a + col.width, 0) + (columns.length - 1) * COLUMN_GAP;

/** The text of one column of each line, by the planned widths. */
function cellsOf(lines: readonly Printable[], columns: readonly PlannedColumn[], id: string): string[] {
  let at = 0;
  for (const col of columns) {
    if (col.id === id) return lines.map((l) => [...l].slice(at, at + col.width).join('').trimEnd());
    at += col.width + COLUMN_GAP;
  }
  return [];
}

const WIDTHS = [80, 120, 200] as const;
const CASES = WIDTHS.flatMap((width) => [false, true].flatMap((all) => [0, 1].map((reserved) => ({ width, all, reserved }))));

describe.each(CASES)('the pod table at $width columns (all namespaces: $all, marker: $reserved)', ({ width, all, reserved }) => {
  const columns = planColumns(width, rows, all, reserved);
  const lines = formatPodLines(rows, columns, width - reserved, c('~'));

  test('is never wider than the terminal', () => {
    expect(total(columns)).toBeLessThanOrEqual(width - reserved);
    for (const line of lines) expect(textWidth(line)).toBe(width - reserved);
    expect(textWidth(formatTitleLine(columns, width - reserved, c('~')))).toBe(width - reserved);
  });

  test('prints every STATUS whole', () => {
    expect(cellsOf(lines, columns, 'status')).toEqual(rows.map((r) => r.status));
  });

  test('no two different names look the same', () => {
    const shown = cellsOf(lines, columns, 'name').map((name, i) => `${all ? cellsOf(lines, columns, 'namespace')[i] : ''}/${name}`);
    const distinct = new Set(rows.map((r) => `${all ? r.namespace : ''}/${r.name}`));
    expect(new Set(shown).size).toBe(distinct.size);
  });

  test('READY and AGE are whole, RESTARTS whole or its count alone, never cut', () => {
    expect(cellsOf(lines, columns, 'ready')).toEqual(rows.map((r) => r.ready));
    expect(cellsOf(lines, columns, 'age')).toEqual(rows.map((r) => r.age));
    const restarts = cellsOf(lines, columns, 'restarts');
    const short = columns.find((col) => col.id === 'restarts')?.short === true;
    expect(restarts).toEqual(rows.map((r) => (short ? r.restarts.split(' ')[0] : r.restarts)));
  });
});

describe('column priorities', () => {
  const ids = (columns: readonly PlannedColumn[]) => columns.map((col) => col.id);
  const widthOf = (columns: readonly PlannedColumn[], id: string) => columns.find((col) => col.id === id)?.width ?? 0;

  test('the kubectl columns always, NAMESPACE first across namespaces, IP and NODE after them', () => {
    expect(ids(planColumns(60, rows, false))).toEqual(['name', 'ready', 'status', 'restarts', 'age']);
    expect(ids(planColumns(60, rows, true))).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age']);
    expect(ids(planColumns(200, rows, true))).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'ip', 'node']);
  });

  test('at 80 columns across namespaces STATUS is whole, NAME gets the room, RESTARTS shows its count', () => {
    const columns = planColumns(80, rows, true, 1);
    expect(widthOf(columns, 'status')).toBe('Init:CrashLoopBackOff'.length);
    expect(widthOf(columns, 'namespace')).toBe('kube-system'.length);
    expect(columns.find((col) => col.id === 'restarts')?.short).toBe(true);
    expect(ids(columns)).not.toContain('ip');
    // What is left after the narrowest of the others all goes to NAME.
    expect(total(columns)).toBe(79);
  });

  test('NAME whole before RESTARTS gets its long form, RESTARTS before IP and NODE', () => {
    const names = Math.max(...rows.map((r) => textWidth(r.name)));
    for (let width = 60; width <= 200; width++) {
      const columns = planColumns(width, rows, false);
      if (columns.find((col) => col.id === 'restarts')?.short === false) expect(widthOf(columns, 'name')).toBe(names);
      if (ids(columns).includes('ip')) expect(columns.find((col) => col.id === 'restarts')?.short).toBe(false);
    }
  });

  test('never wider than the terminal from 60 to 200 columns, STATUS always whole', () => {
    for (const all of [false, true]) {
      for (let width = 60; width <= 200; width++) {
        const columns = planColumns(width, rows, all);
        expect(total(columns)).toBeLessThanOrEqual(width);
        expect(widthOf(columns, 'status')).toBe('Init:CrashLoopBackOff'.length);
      }
    }
  });

  test("a STATUS no real pod has (a hostile server's, 200 columns) is what gets cut, not every other column", () => {
    const hostile: PodCells = { ...rows[0]!, status: c(`CrashLoopBackOff${'x'.repeat(200)}`) };
    const columns = planColumns(80, [...rows, hostile], false);
    expect(total(columns)).toBeLessThanOrEqual(80);
    expect(widthOf(columns, 'name')).toBeGreaterThanOrEqual(10);
    expect(widthOf(columns, 'ready')).toBe(5);
    expect(widthOf(columns, 'status')).toBeGreaterThanOrEqual(40);
  });

  test('the marker comes out of NAME, not STATUS', () => {
    for (const all of [false, true]) expect(widthOf(planColumns(80, rows, all, 1), 'status')).toBe(widthOf(planColumns(80, rows, all), 'status'));
  });
});

describe('fitMiddleDistinct', () => {
  const cut = (names: string[], width: number, mark = '~') => fitMiddleDistinct(names.map(c), width, c(mark));
  test.each([
    [['nightly-report-29936280-4rx2k', 'nightly-report-29936280-8gq7m'], 22, '~'],
    [['nightly-report-29936280-4rx2k', 'nightly-report-29936280-8gq7m'], 22, '…'],
    [['nightly-report-29936280-4rx2k', 'nightly-report-29936281-4rx2k'], 16, '~'],
    [['web-aaaaaaaaaaaaaaaaaaaaaaaa-x', 'web-aaaaaaaaaaaaaaaaaaaaaaab-x', 'web-aaaaaaaaaaaaaaaaaaaaaaac-x'], 14, '~'],
    [['a-very-long-shared-end-part-of-the-name', 'b-very-long-shared-end-part-of-the-name'], 12, '...'],
    [['checkout-6656cc448c-kvfbr', 'checkout-6656cc448c-kvfbq', 'checkout-6656cc448d-kvfbr'], 12, '~'],
  ])('%j in %d columns stay distinct (mark %s)', (names, width, mark) => {
    const out = cut(names, width, mark);
    for (const name of out) expect(textWidth(name)).toBeLessThanOrEqual(width);
    expect(new Set(out).size).toBe(new Set(names).size);
  });

  test('keeps the start and the end, the mark in between; short names whole', () => {
    expect(cut(['nightly-report-29936280-4rx2k', 'web'], 20)).toEqual(['nightly-re~280-4rx2k', 'web']);
  });

  test('the same name twice (two namespaces) is cut alike', () => {
    expect(cut(['metrics-server-78fd8569bb-nq2gv', 'metrics-server-78fd8569bb-nq2gv'], 14)).toEqual(['metrics~-nq2gv', 'metrics~-nq2gv']);
  });
});
