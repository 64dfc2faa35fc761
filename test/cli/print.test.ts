import type { CoreV1Event, CoreV1EventList, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { cliOutput } from '../../src/cli/output.js';
import { eventsText } from '../../src/cli/print/eventsText.js';
import { clean } from '../../src/model/printable.js';
import { textTable } from '../../src/cli/print/textTable.js';
import { treeText } from '../../src/cli/print/treeText.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const now = new Date('2026-11-23T09:16:41Z');

describe('plain-text printers', () => {
  it('aligns columns three spaces apart like kubectl and trims trailing space', () => {
    expect(textTable(['A', 'LONGER'].map(clean), [['xyz', 'b'].map(clean), ['q', ''].map(clean)])).toEqual(['A     LONGER', 'xyz   b', 'q']);
    expect(textTable(['NAME', 'X'].map(clean), [['日本', 'b'].map(clean)])).toEqual(['NAME   X', '日本   b']);
  });

  it('marks warnings in colour only on a terminal, never with NO_COLOR', () => {
    const events = readFixtureJson<CoreV1EventList>('events/crashy-by-field.json').items as CoreV1Event[];
    const lines = eventsText(events, now, { ascii: false });
    const printed = (isTTY: boolean, env: Record<string, string>): string => {
      let text = '';
      const stream = { isTTY, write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) };
      cliOutput({ stdout: stream, stderr: stream }, { LANG: 'C.UTF-8', ...env }).lines(lines);
      return text;
    };
    expect(printed(false, {})).not.toContain('\x1b');
    expect(printed(true, { NO_COLOR: '1' })).not.toContain('\x1b');
    const warningLine = printed(true, {}).split('\n').find((line) => line.includes('BackOff'));
    expect(warningLine).toMatch(/^\x1b\[33m.*\x1b\[0m$/);
    expect(lines.some((line) => /×\d+/.test(line.text))).toBe(true);
    expect(eventsText(events, now, { ascii: true }).map((line) => line.text).join('\n')).not.toContain('×');
  });

  it('prints the recorded OOMKilled pod with its last termination', () => {
    const pod = readFixtureJson<V1Pod>('pods/states-oom.json');
    const text = treeText(pod, now, { ascii: true }).map((line) => line.text).join('\n');
    expect(text).toMatch(/OOMKilled/);
    expect(text).toMatch(/exit 137/);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });
});
