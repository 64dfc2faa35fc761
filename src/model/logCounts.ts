import { clean, p, type Printable } from './printable.js';

/** 1234567 as `1,234,567`: counts read at a glance, the same in every locale. */
export function groupedCount(count: number): Printable {
  return clean(String(Math.max(0, Math.round(count))).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

export interface LogCounts {
  /** Every line the view took in since the stream opened (held or not). */
  received: number;
  /** The oldest of them, let go to stay within --log-max-lines / --log-max-bytes. */
  dropped: number;
  /** Lines per second coming in now. */
  perSecond: number;
}

/**
 * The log view's counts for its status line: `12,345 lines`, `1,234,567 lines, 1,134,567 dropped`
 * once the bound let the oldest go (history is never cut without saying so), and the rate while lines come.
 */
export function logCountsText(counts: LogCounts): Printable[] {
  const total = p`${groupedCount(counts.received)} ${counts.received === 1 ? p`line` : p`lines`}`;
  const held = counts.dropped > 0 ? p`${total}, ${groupedCount(counts.dropped)} dropped` : total;
  return counts.perSecond >= 1 ? [held, p`${groupedCount(counts.perSecond)}/s`] : [held];
}
