import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/kube/backoff.js';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/kube/retryAfter.js';

describe('Backoff (client-go reflector: 800 ms ×2 to 30 s, jitter up to +100 %, reset after 2 min clean)', () => {
  it('doubles from 800 ms to the 30 s cap; jitter adds up to the delay again', () => {
    let now = 0;
    const low = new Backoff({ random: () => 0, now: () => now });
    const delays = Array.from({ length: 8 }, () => {
      now += 1000;
      return low.next();
    });
    expect(delays).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
    const high = new Backoff({ random: () => 0.999999, now: () => now });
    expect(high.next()).toBe(1600);
  });

  it('a success does not reset it; only two minutes without a failure do', () => {
    let now = 0;
    const backoff = new Backoff({ random: () => 0, now: () => now });
    backoff.next();
    backoff.next();
    now += 119_000;
    expect(backoff.next()).toBe(3200);
    expect(backoff.attempts).toBe(3);
    now += 121_000;
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(800);
    expect(backoff.attempts).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps at 60 s, ignores what it cannot read', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs(['2', '9'])).toBe(2000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('3600')).toBe(MAX_RETRY_AFTER_MS);
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 10:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('-3')).toBeUndefined();
  });
});
