import { useEffect, useMemo, useRef, useState } from 'react';
import { ageTickerFor } from '../ageTicker.js';

/**
 * The time to print ages against. It advances only when one of the given moments' printed age
 * changes (every second for young ones, rarely for old ones), at most once per second, and with
 * every other component on the same clock (see AgeTicker), so a tick is one frame, drawn only by
 * the components whose ages changed.
 */
export function useAgeClock(anchorsMs: readonly number[], now: () => Date): Date {
  const [time, setTime] = useState(() => now().getTime());
  const latestNow = useRef(now);
  latestNow.current = now;
  const anchorsKey = anchorsMs.join(',');
  // The anchors this clock was last set for: new ones (a restart just now) are drawn against the
  // time of this render, not the last tick, which could be older than them (kubectl's `<invalid>`).
  const settledKey = useRef<string | null>(null);
  const shown = settledKey.current === anchorsKey ? time : Math.max(time, now().getTime());

  useEffect(() => {
    const anchors = anchorsKey === '' ? [] : anchorsKey.split(',').map(Number);
    // The list changed: the ages shown may already be stale.
    settledKey.current = anchorsKey;
    const clock = latestNow.current;
    const current = clock().getTime();
    setTime(current);
    return ageTickerFor(clock).watch(anchors, current, setTime);
  }, [anchorsKey]);

  return useMemo(() => new Date(shown), [shown]);
}
