import { describe, expect, test } from 'vitest';
import { podColumns } from '../../src/model/podColumns.js';
import { clean as c } from '../../src/model/printable.js';
import { COLUMN_GAP, formatPodLine, formatTitleLine, planColumns, type PodCells } from '../../src/ui/podTableColumns.js';
import { podList } from './helpers/pods.js';

const now = new Date('2026-11-23T09:16:12Z');
const cells: PodCells[] = [...podList('pods/lab-list.json'), ...podList('pods/states-list.json')].map((p) => podColumns(p, now));
const longName: PodCells = { ...cells[0]!, name: c('payments-api-7c9f8d6b5-very-long-replicaset-suffix-x2z9q') };

const total = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + (widths.length - 1) * COLUMN_GAP;

describe('planColumns', () => {
  test.each([false, true])('never wider than the terminal, from 60 to 200 columns (all namespaces: %s)', (all) => {
    for (let width = 60; width <= 200; width++) {
      const columns = planColumns(width, [...cells, longName], all);
      expect(total(columns.map((c) => c.width))).toBeLessThanOrEqual(width);
      expect(formatPodLine(longName, columns, width, c('~'))).toHaveLength(width);
      expect(formatTitleLine(columns, width, c('~'))).toHaveLength(width);
    }
  });

  test('the kubectl columns always, NAMESPACE first across namespaces', () => {
    expect(planColumns(60, cells, false).map((c) => c.id).slice(0, 5)).toEqual(['name', 'ready', 'status', 'restarts', 'age']);
    expect(planColumns(60, cells, true).map((c) => c.id).slice(0, 6)).toEqual(['namespace', 'name', 'ready', 'status', 'restarts', 'age']);
  });

  test('IP and NODE only where they fit at full width', () => {
    expect(planColumns(200, [longName], false).map((c) => c.id)).toContain('node');
    const narrow = planColumns(80, [longName], true).map((c) => c.id);
    expect(narrow).not.toContain('ip');
    expect(narrow).not.toContain('node');
  });

  test('a long NAME is cut, with the mark, rather than pushing other columns out', () => {
    const columns = planColumns(80, [...cells, longName], false);
    const line = formatPodLine(longName, columns, 80, c('~'));
    expect(line.startsWith('payments-api-')).toBe(true);
    expect(line).toContain('~ ');
    expect(line).toContain(longName.status);
    expect(line).toContain(longName.age);
  });

  test('short content keeps natural widths', () => {
    const columns = planColumns(120, cells, false);
    expect(columns.find((c) => c.id === 'status')?.width).toBe('ErrImageNeverPull'.length);
  });
});
