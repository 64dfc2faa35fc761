import { describe, expect, test } from 'vitest';
import { planScreen } from '../../src/ui/layout.js';

describe('planScreen', () => {
  test('too small below 60x12', () => {
    expect(planScreen({ columns: 59, rows: 30 }).kind).toBe('tooSmall');
    expect(planScreen({ columns: 100, rows: 11 }).kind).toBe('tooSmall');
    expect(planScreen({ columns: 60, rows: 12 }).kind).toBe('normal');
  });

  test.each([
    [80, 24],
    [120, 40],
    [60, 12],
    [139, 30],
  ])('%dx%d stacks the table over one detail pane, in rows - 1 lines', (columns, rows) => {
    const layout = planScreen({ columns, rows }, 'events');
    if (layout.kind !== 'normal') throw new Error('expected a normal layout');
    expect(layout.height).toBe(rows - 1);
    expect(layout.header.height + layout.body.height + layout.statusLine.height + layout.hintBar.height).toBe(rows - 1);
    const a = layout.arrangement;
    if (a.kind !== 'stacked') throw new Error('expected stacked');
    expect(a.shown).toBe('events');
    expect(a.table.height + a.detail.height).toBe(layout.body.height);
    expect([a.table.width, a.detail.width]).toEqual([columns, columns]);
    expect(a.detail.height).toBeGreaterThanOrEqual(4);
  });

  test.each([
    [141, 30],
    [200, 60],
  ])('%dx%d puts the tree above the events beside the table', (columns, rows) => {
    const layout = planScreen({ columns, rows });
    if (layout.kind !== 'normal') throw new Error('expected a normal layout');
    const a = layout.arrangement;
    if (a.kind !== 'side') throw new Error('expected side by side');
    expect(a.table.width + 1 + a.detailWidth).toBe(columns);
    expect(a.tree.height + a.events.height).toBe(layout.body.height);
    expect(a.table.width).toBeGreaterThanOrEqual(77);
  });
});

describe('planScreen splits the panes by what they hold', () => {
  const content = (pods: number, tableWidth: number, treeLines: number, eventLines: number) => ({ pods, tableWidth, treeLines: () => treeLines, eventLines: () => eventLines });
  const arrangementAt = (columns: number, rows: number, c: ReturnType<typeof content>, pane: 'tree' | 'events' = 'tree') => {
    const layout = planScreen({ columns, rows }, pane, c);
    if (layout.kind !== 'normal') throw new Error('expected a normal layout');
    return { layout, a: layout.arrangement };
  };

  test.each([
    [80, 24],
    [120, 40],
  ])('at %dx%d one pod takes two lines, its detail the rest', (columns, rows) => {
    const { layout, a } = arrangementAt(columns, rows, content(1, 100, 30, 5));
    if (a.kind !== 'stacked') throw new Error('expected stacked');
    expect(a.table.height).toBe(2);
    expect(a.detail.height).toBe(layout.body.height - 2);
  });

  test('many pods: the table gets more than half, and does not depend on the selected pod', () => {
    const heights = [1, 10, 100].map((tree) => {
      const { a } = arrangementAt(80, 24, content(36, 120, tree, 3));
      if (a.kind !== 'stacked') throw new Error('expected stacked');
      return a.table.height;
    });
    expect(heights).toEqual([10, 10, 10]);
  });

  test('side by side only where the table is whole and the detail keeps 60 columns; the table as wide as its columns', () => {
    const { a } = arrangementAt(200, 60, content(36, 115, 25, 9));
    if (a.kind !== 'side') throw new Error('expected side by side');
    expect(a.table.width).toBe(115);
    expect(a.detailWidth).toBe(84);
    // Tree and events both whole: the tree its lines and title, the events the rest.
    expect(a.tree.height).toBe(26);
    expect(a.events.height).toBe(55 - 26);
    expect(arrangementAt(160, 40, content(36, 115, 25, 9)).a.kind).toBe('stacked');
    expect(arrangementAt(160, 40, content(13, 92, 25, 9)).a.kind).toBe('side');
  });

  test('a tall tree beside few events: the events whole, the tree the rest', () => {
    const { a } = arrangementAt(200, 60, content(36, 115, 80, 5));
    if (a.kind !== 'side') throw new Error('expected side by side');
    expect(a.events.height).toBe(7);
    expect(a.tree.height).toBe(55 - 7);
  });
});
