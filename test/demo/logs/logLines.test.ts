import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/demo/controlPlane/index.js';
import { ByteBudget, formatLogLine, formatLogTimestamp, selectEntries } from '../../../src/demo/logs/logLines.js';
import { readFixtureText } from '../../helpers/fixtures.js';

const at = (iso: string, text: string, stream: LogEntry['stream'] = 'stdout'): LogEntry => ({ time: Date.parse(iso), text, stream });

describe('log line formatting', () => {
  it('prefixes RFC 3339 with a fixed nine-digit fraction, the shape of the recorded timestamps', () => {
    expect(formatLogTimestamp(Date.parse('2026-11-23T09:16:09.500Z'))).toBe('2026-11-23T09:16:09.500000000Z');
    expect(formatLogTimestamp(Date.parse('2026-11-23T09:16:09Z'))).toBe('2026-11-23T09:16:09.000000000Z');
    const recordedPrefix = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z $/;
    for (const line of readFixtureText('logs/web-tail5-timestamps.txt').trimEnd().split('\n')) {
      expect(line.slice(0, 31)).toMatch(recordedPrefix);
      expect(formatLogLine(at('2026-11-23T09:16:09.5Z', line.slice(31)), true)).toMatch(new RegExp(`^\\S{30} ${line.slice(31)}\\n$`));
    }
  });

  it('ends every line with a newline, stdout and stderr alike', () => {
    expect(formatLogLine(at('2026-11-23T09:16:09Z', 'line 3: about to fail', 'stderr'), false)).toBe('line 3: about to fail\n');
  });
});

describe('selectEntries', () => {
  const entries = [1, 2, 3, 4, 5].map((second) => at(`2026-11-23T09:16:0${second}Z`, `tick ${second}`));

  it('takes the tail first, then drops lines older than since (a line written exactly then stays)', () => {
    expect(selectEntries(entries, {}).map((entry) => entry.text)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
    expect(selectEntries(entries, { tailLines: 2 }).map((entry) => entry.text)).toEqual(['tick 4', 'tick 5']);
    expect(selectEntries(entries, { tailLines: 0 })).toEqual([]);
    expect(selectEntries(entries, { tailLines: 99 })).toHaveLength(5);
    expect(selectEntries(entries, { sinceMillis: Date.parse('2026-11-23T09:16:03Z') }).map((entry) => entry.text)).toEqual(['tick 3', 'tick 4', 'tick 5']);
    expect(selectEntries(entries, { tailLines: 4, sinceMillis: Date.parse('2026-11-23T09:16:04Z') }).map((entry) => entry.text)).toEqual(['tick 4', 'tick 5']);
  });
});

describe('ByteBudget', () => {
  it('cuts at the exact byte, as the recorded limitBytes=40 answer does', () => {
    const recorded = readFixtureText('logs/web-limitbytes40.txt');
    const budget = new ByteBudget(40);
    const written = Buffer.concat([budget.take('09:13:03 web tick 1\n'), budget.take('09:13:04 web tick 2\n'), budget.take('09:13:05 web tick 3\n')]);
    expect(written.toString('utf8')).toBe(recorded);
    expect(budget.exhausted).toBe(true);
  });

  it('cuts inside a multi-byte character when that is where the budget ends', () => {
    const budget = new ByteBudget(2);
    expect([...budget.take('é!')]).toEqual([0xc3, 0xa9]);
    const cutInside = new ByteBudget(1);
    expect([...cutInside.take('é')]).toEqual([0xc3]);
    expect(cutInside.take('more')).toHaveLength(0);
  });

  it('never runs out without a limit', () => {
    const budget = new ByteBudget(undefined);
    expect(budget.take('x'.repeat(100_000))).toHaveLength(100_000);
    expect(budget.exhausted).toBe(false);
  });
});
