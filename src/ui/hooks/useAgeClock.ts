import { useEffect, useMemo, useRef, useState } from 'react';
import { nextTickDelayMs } from '../ageClock.js';

/**
 * The time to print ages against. It advances only when one of the given moments' printed age
 * changes (every second for young ones, rarely for old ones), at most once per second, so a
 * component using it redraws no more than its ages need.
 */
export function useAgeClock(anchorsMs: readonly number[], now: () => Date): Date {
  const [time, setTime] = useState(() => now().getTime());
  const lastTick = useRef(time);
  const latestNow = useRef(now);
  latestNow.current = now;
  const anchorsKey = anchorsMs.join(',');
  // The anchors this clock was last set for: new ones (a restart just now) are drawn against the
  // time of this render, not the last tick, which could be older than them (kubectl's `<invalid>`).
  const settledKey = useRef<string | null>(null);
  const shown = settledKey.current === anchorsKey ? time : Math.max(time, now().getTime());

  useEffect(() => {
    const anchors = anchorsKey === '' ? [] : anchorsKey.split(',').map(Number);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (fromMs: number): void => {
      const delay = nextTickDelayMs(anchors, fromMs, lastTick.current);
      if (delay === undefined) return;
      timer = setTimeout(() => {
        const tick = latestNow.current().getTime();
        lastTick.current = tick;
        setTime(tick);
        schedule(tick);
      }, delay);
    };
    // The list changed: the ages shown may already be stale.
    settledKey.current = anchorsKey;
    const current = latestNow.current().getTime();
    setTime(current);
    schedule(current);
    return () => clearTimeout(timer);
  }, [anchorsKey]);

  return useMemo(() => new Date(shown), [shown]);
}
