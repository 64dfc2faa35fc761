import type { CoreV1Event, CoreV1EventList, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { eventsText } from '../../src/cli/print/eventsText.js';
import { textTable } from '../../src/cli/print/textTable.js';
import { treeText } from '../../src/cli/print/treeText.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const now = new Date('2026-11-23T09:16:41Z');

describe('plain-text printers', () => {
  it('aligns columns three spaces apart like kubectl and trims trailing space', () => {
    expect(textTable(['A', 'LONGER'], [['xyz', 'b'], ['q', '']])).toEqual(['A     LONGER', 'xyz   b', 'q']);
  });

  it('marks warnings in colour only when asked', () => {
    const events = readFixtureJson<CoreV1EventList>('events/crashy-by-field.json').items as CoreV1Event[];
    const plain = eventsText(events, now, { ascii: false, colour: false });
    const coloured = eventsText(events, now, { ascii: false, colour: true });
    expect(plain.join('\n')).not.toContain('\x1b');
    const warningLine = coloured.find((line) => line.includes('BackOff'));
    expect(warningLine).toMatch(/^\x1b\[33m/);
    expect(plain.some((line) => /×\d+/.test(line))).toBe(true);
    expect(eventsText(events, now, { ascii: true, colour: false }).join('\n')).not.toContain('×');
  });

  it('prints the recorded OOMKilled pod with its last termination', () => {
    const pod = readFixtureJson<V1Pod>('pods/states-oom.json');
    const text = treeText(pod, now, { ascii: true, colour: false }).join('\n');
    expect(text).toMatch(/OOMKilled/);
    expect(text).toMatch(/exit 137/);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });
});
