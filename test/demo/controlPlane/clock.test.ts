import { describe, expect, it } from 'vitest';
import { manualClock, realClock } from '../../../src/demo/clock.js';

describe('manualClock', () => {
  it('fires due timers in due order, then by scheduling order, and only when advanced past them', () => {
    const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`a2@${clock.now()}`), 100);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(101);
    const base = Date.parse('2026-11-23T09:00:00Z');
    expect(fired).toEqual([`a@${base + 100}`, `a2@${base + 100}`, `b@${base + 200}`]);
    expect(clock.now()).toBe(base + 200);
  });

  it('runs timers scheduled by other timers within the same advance', () => {
    const clock = manualClock(new Date(0));
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 50);
    }, 10);
    clock.advance(100);
    expect(fired).toEqual([10, 60]);
    expect(clock.now()).toBe(100);
  });

  it('does not run cleared timers and counts pending ones', () => {
    const clock = manualClock(new Date(0));
    let ran = false;
    const timer = clock.setTimeout(() => {
      ran = true;
    }, 10);
    clock.setTimeout(() => {}, 20);
    expect(clock.pendingTimers()).toBe(2);
    clock.clearTimeout(timer);
    clock.clearTimeout(timer);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(50);
    expect(ran).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('realClock', () => {
  it('rejects a speed that is not a positive number', () => {
    expect(() => realClock(0)).toThrow(RangeError);
    expect(() => realClock(Number.NaN)).toThrow(RangeError);
  });

  it('runs simulated time faster than real time and fires scaled timers', async () => {
    const clock = realClock(1000);
    const began = clock.now();
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 2000));
    // 2 simulated seconds passed, in about 2 real milliseconds.
    expect(clock.now() - began).toBeGreaterThanOrEqual(2000);
  });
});
