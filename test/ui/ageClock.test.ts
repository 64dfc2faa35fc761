import { afterEach, describe, expect, test, vi } from 'vitest';
import { humanDuration } from '../../src/model/duration.js';
import { ageAnchorsOf, nextAgeChangeMs } from '../../src/ui/ageClock.js';
import { AgeTicker, nextTickAt } from '../../src/ui/ageTicker.js';
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

describe('nextTickAt: the next instant a shown age string changes', () => {
  const watcher = (anchorsMs: number[], shownAtMs: number) => ({ anchorsMs, shownAtMs, onTick: () => {} });

  test('waits for the soonest change among every watcher\'s anchors', () => {
    const now = 100 * MINUTE;
    // One pod 45 minutes old (next change in 1 minute), one 30 seconds old (next in 1 second).
    expect(nextTickAt([watcher([now - 45 * MINUTE], now)], Number.NEGATIVE_INFINITY)).toBe(now + MINUTE);
    expect(nextTickAt([watcher([now - 45 * MINUTE], now), watcher([now - 30 * SECOND - 400], now)], Number.NEGATIVE_INFINITY)).toBe(now + 600);
  });

  test('the instant is one at which the printed text differs, and it is unchanged before it', () => {
    const now = Date.UTC(2026, 10, 23, 9, 0, 0);
    for (const age of [700, 61_300, 11 * MINUTE + 7, 9 * HOUR + 5, 9 * DAY + 3]) {
      const since = now - age;
      const at = nextTickAt([watcher([since], now)], Number.NEGATIVE_INFINITY) ?? 0;
      expect(humanDuration(at - since)).not.toBe(humanDuration(now - since));
      expect(humanDuration(at - 1 - since)).toBe(humanDuration(now - since));
    }
  });

  test('never ticks twice within a second', () => {
    const now = 100 * MINUTE;
    expect(nextTickAt([watcher([now - 30 * SECOND - 900], now)], now - 200)).toBe(now + 800);
  });

  test('nothing to show, nothing to wait for', () => {
    expect(nextTickAt([], 0)).toBeUndefined();
    expect(nextTickAt([watcher([], 0)], 0)).toBeUndefined();
  });
});

describe('AgeTicker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('one tick for every pane, telling only those whose printed ages changed', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 100 * DAY;
    const ticker = new AgeTicker(() => now);
    const young: number[] = [];
    const otherYoung: number[] = [];
    const old: number[] = [];
    // Two panes of young ages at different sub-second phases, one pane of pods days old.
    ticker.watch([now - 5 * SECOND - 100], now, (at) => young.push(at));
    ticker.watch([now - 7 * SECOND - 600], now, (at) => otherYoung.push(at));
    ticker.watch([now - 3 * DAY - 5 * HOUR], now, (at) => old.push(at));
    for (let i = 0; i < 100; i++) {
      now += 100;
      vi.advanceTimersByTime(100);
    }
    expect(young.length).toBeGreaterThanOrEqual(9);
    expect(young.length).toBeLessThanOrEqual(10);
    // Ticked together: each of the first pane's ticks is one of the second's (one frame, not two).
    expect(otherYoung.length).toBeLessThanOrEqual(10);
    expect(new Set([...otherYoung, ...young]).size).toBe(otherYoung.length);
    expect(old).toEqual([]);
    for (let i = 1; i < young.length; i++) expect((young[i] ?? 0) - (young[i - 1] ?? 0)).toBeGreaterThanOrEqual(SECOND);
  });

  test('with nothing young on screen no timer fires for hours', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const now = 100 * DAY;
    const ticker = new AgeTicker(() => now);
    const stop = ticker.watch([now - 3 * DAY - 5 * HOUR], now, () => {});
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(HOUR);
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

test('ageAnchorsOf: creation and last terminations of every container', () => {
  const crashy = podList('pods/lab-list.json').find((p) => p.metadata?.name === 'crashy');
  expect(crashy).toBeDefined();
  const anchors = ageAnchorsOf(crashy ?? {});
  expect(anchors).toContain(Date.parse('2026-11-23T09:09:50Z'));
  expect(anchors).toContain(Date.parse('2026-11-23T09:14:38Z'));
});
