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
    [140, 30],
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
