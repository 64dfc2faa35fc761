import { describe, expect, it } from 'vitest';
import type { CoreV1Event } from '@kubernetes/client-node';
import { eventRows } from '../../src/model/eventRows.js';
import { clean as c } from '../../src/model/printable.js';
import { eventCells, eventLines, eventStart, formatEventTitle, planEventLayout } from '../../src/ui/eventColumns.js';
import { glyphsFor } from '../../src/ui/glyphs.js';
import { textWidth, wrapWords } from '../../src/ui/text.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const glyphs = glyphsFor({ unicode: true, color: false });
const events = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const crashy = events.filter((e) => e.involvedObject?.name === 'crashy');
const cellsOf = (list: CoreV1Event[]) => eventRows(list, new Date('2030-01-01T00:00:00Z')).map((row) => eventCells(row, 'pod', glyphs));

describe('wrapWords', () => {
  it('breaks at spaces, cuts a word longer than a line, and marks what does not fit', () => {
    expect(wrapWords(c('Back-off restarting failed container crashy in pod'), 20, 3, c('…'))).toEqual(['Back-off restarting', 'failed container', 'crashy in pod']);
    expect(wrapWords(c('abcdefghij klm'), 4, 3, c('…'))).toEqual(['abcd', 'efgh', 'ij …']);
    expect(wrapWords(c('one two three four five six'), 9, 2, c('…'))).toEqual(['one two', 'three fo…']);
    expect(wrapWords(c(''), 10, 3, c('…'))).toEqual([]);
  });
});

describe('the events pane layout', () => {
  it('keeps the table where the pane is wide', () => {
    const cells = cellsOf(crashy);
    const layout = planEventLayout(120, cells);
    expect(layout.kind).toBe('table');
    const lines = eventLines(cells, layout, 120, glyphs);
    expect(lines).toHaveLength(cells.length);
    expect(formatEventTitle(layout.columns, 120, c('…'))).toMatch(/LAST SEEN +TYPE +REASON +OBJECT +COUNT +MESSAGE/);
  });

  it('at 80 columns puts each whole message under its event, every line within the width', () => {
    const cells = cellsOf(crashy);
    const layout = planEventLayout(80, cells);
    expect(layout.kind).toBe('stacked');
    expect(formatEventTitle(layout.columns, 80, c('…'))).toMatch(/^ {2}LAST SEEN +TYPE +REASON +COUNT +OBJECT *$/);
    const lines = eventLines(cells, layout, 80, glyphs);
    for (const line of lines) expect(textWidth(line.text)).toBe(80);
    const backOff = lines.findIndex((l) => /Warning +BackOff +×\d+ +spec\.containers\{crashy\}/.test(l.text));
    expect(lines[backOff]?.text.startsWith('! ')).toBe(true);
    expect(lines[backOff + 1]).toMatchObject({ warning: true });
    expect(lines[backOff + 1]?.text.trim()).toBe(cells.find((c) => c.reason === 'BackOff')?.message);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });
});

describe('eventStart', () => {
  const line = (key: string, first: boolean) => ({ key, text: c(key), warning: false, first });
  const lines = [line('a', true), line('a/0', false), line('b', true), line('b/0', false), line('b/1', false), line('b/2', false)];
  it('moves a page start on to the next event line, or back to its own event when none follows', () => {
    expect(eventStart(lines, 0)).toBe(0);
    expect(eventStart(lines, 1)).toBe(2);
    expect(eventStart(lines, 4)).toBe(2);
    expect(eventStart([], 0)).toBe(0);
  });
});

describe('OBJECT across the namespace', () => {
  it('names the pod and the container, and a cut keeps both ends', () => {
    const rows = eventRows(events, new Date('2030-01-01T00:00:00Z')).filter((r) => r.container !== undefined);
    const row = rows.find((r) => r.object === 'pod/crashy')!;
    const cells = eventCells(row, 'scope', glyphs);
    expect(cells.object).toBe(`pod/crashy ${row.container}`);
    for (const width of [80, 120, 200]) {
      const all = rows.map((r) => eventCells(r, 'scope', glyphs));
      const layout = planEventLayout(width, all);
      const column = layout.columns.find((col) => col.id === 'object')!;
      const line = eventLines([cells], layout, width, glyphs)[0]!.text;
      expect(textWidth(line)).toBe(width);
      if (column.width >= textWidth(cells.object)) expect(line).toContain(cells.object);
      else expect(line).toMatch(/pod\/.*….*\S/);
    }
  });
});
