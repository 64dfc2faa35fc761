import { describe, expect, test } from 'vitest';
import { humanDuration } from '../../src/model/duration.js';
import { ageAnchorsOf, nextAgeChangeMs, nextTickDelayMs } from '../../src/ui/ageClock.js';
import { podList } from './helpers/pods.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('nextAgeChangeMs', () => {
  // Ages across every bracket of kubectl's HumanDuration, including bracket edges.
  const ages = [0, 500, 1500, 59_999, 119_000, 2 * MINUTE, 9 * MINUTE + 59_500, 10 * MINUTE, 3 * HOUR - 1, 3 * HOUR + 30_000,
    7 * HOUR + 59 * MINUTE + 59_000, 8 * HOUR, 47 * HOUR + 10, 2 * DAY, 7 * DAY + 23 * HOUR + 59 * MINUTE, 8 * DAY + 5, 400 * DAY, 3 * 365 * DAY + 7];

  test.each(ages)('age %d ms: the text is unchanged until the next change and different at it', (ageMs) => {
    const since = Date.UTC(2026, 10, 23, 9, 0, 0);
    const now = since + ageMs;
    const next = nextAgeChangeMs(since, now);
    expect(next).toBeGreaterThan(now);
    const text = humanDuration(now - since);
    expect(humanDuration(next - 1 - since)).toBe(text);
    expect(humanDuration(next - since)).not.toBe(text);
  });

  test('young ages change every second, old ones much less often', () => {
    const since = 0;
    expect(nextAgeChangeMs(since, 90 * SECOND + 200)).toBe(91 * SECOND);
    expect(nextAgeChangeMs(since, 45 * MINUTE + 5 * SECOND)).toBe(46 * MINUTE);
    expect(nextAgeChangeMs(since, 20 * HOUR + 5 * SECOND)).toBe(21 * HOUR);
  });
});

describe('nextTickDelayMs', () => {
  test('waits for the soonest change among the anchors', () => {
    const now = 100 * MINUTE;
    // One pod 45 minutes old (next change in 1 minute), one 30 seconds old (next in 1 second).
    expect(nextTickDelayMs([now - 45 * MINUTE], now, 0)).toBe(MINUTE);
    expect(nextTickDelayMs([now - 45 * MINUTE, now - 30 * SECOND - 400], now, 0)).toBe(600);
  });

  test('never ticks twice within a second', () => {
    const now = 100 * MINUTE;
    expect(nextTickDelayMs([now - 30 * SECOND - 900], now, now - 200)).toBe(800);
  });

  test('nothing to show, nothing to wait for', () => {
    expect(nextTickDelayMs([], 0, 0)).toBeUndefined();
  });
});

test('ageAnchorsOf: creation and last terminations of every container', () => {
  const crashy = podList('pods/lab-list.json').find((p) => p.metadata?.name === 'crashy');
  expect(crashy).toBeDefined();
  const anchors = ageAnchorsOf(crashy ?? {});
  expect(anchors).toContain(Date.parse('2026-11-23T09:09:50Z'));
  expect(anchors).toContain(Date.parse('2026-11-23T09:14:38Z'));
});
