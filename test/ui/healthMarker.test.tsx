import './helpers/forceColor.js';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { podColumns } from '../../src/model/podColumns.js';
import { App } from '../../src/ui/App.js';
import type { Display } from '../../src/ui/glyphs.js';
import { planColumns } from '../../src/ui/podTableColumns.js';
import { podList, renamed } from './helpers/pods.js';
import { overflowProblems, renderAt, stripAnsi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => cleanup());

// Tall enough for every row; the width is the one that matters.
const SIZE: Size = { columns: 80, rows: 70 };
const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const now = new Date('2026-11-23T09:16:12Z');

async function frameOf(display: Display, allNamespaces: boolean) {
  const fake = fakeServices({ pods: [...lab, ...states], info: { allNamespaces } });
  const ui = renderAt(<App services={fake.services} onQuit={() => {}} display={display} />, SIZE);
  await ui.waitForFrame((f) => f.includes('NAME'));
  return ui;
}

const rowOf = (frame: string, name: string): string => frame.split('\n').find((line) => new RegExp(`(^|\\s)${name}\\s`).test(line)) ?? '';

describe('without colour, a one-column ! marks the pods that need attention', () => {
  test.each([true, false])('! before failed and not-ready rows, a space before the others (ASCII: %s)', async (ascii) => {
    const ui = await frameOf({ unicode: !ascii, color: false }, true);
    const frame = ui.frame();
    expect(rowOf(frame, 'crashy')).toMatch(/^!lab +crashy /);
    expect(rowOf(frame, 'badpull')).toMatch(/^!lab +badpull /);
    expect(rowOf(frame, 'duo')).toMatch(/^ lab +duo /);
    expect(rowOf(frame, 'done-ok')).toMatch(/^ states +done-ok /);
    // The titles stay over their columns.
    const title = frame.split('\n').find((line) => line.includes('NAMESPACE')) ?? '';
    expect(title.indexOf('STATUS')).toBe(rowOf(frame, 'oom').indexOf('OOMKilled'));
    expect(overflowProblems(ui.rawFrame(), SIZE)).toEqual([]);
  });

  test('with colour there is no marker column: colour says it', async () => {
    const ui = await frameOf({ unicode: true, color: true }, false);
    expect(stripAnsi(rowOf(ui.frame(), 'crashy'))).toMatch(/^crashy /);
  });

  test('the marker costs STATUS nothing at 80 columns: it comes out of the slack, then out of NAME', () => {
    const long = renamed(lab[2]!, 'payments-api-7c9f8d6b5-a-very-long-generated-name-that-never-ends-x2z9q');
    for (const pods of [[...lab, ...states], [...lab, ...states, long]]) {
      const cells = pods.map((pod) => podColumns(pod, now));
      for (const all of [false, true]) {
        const without = planColumns(80, cells, all);
        const withMarker = planColumns(80, cells, all, 1);
        const width = (columns: typeof without, id: string) => columns.find((c) => c.id === id)?.width;
        expect(width(withMarker, 'status')).toBe(width(without, 'status'));
        expect(withMarker.reduce((sum, c) => sum + c.width, 0) + (withMarker.length - 1) * 2).toBeLessThanOrEqual(79);
      }
    }
  });
});
