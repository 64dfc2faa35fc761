/** How far back the rate looks: long enough to smooth the batches out, short enough to follow a burst. */
const WINDOW_MS = 2000;

/**
 * Lines per second over the last couple of seconds, from running totals noted as batches arrive.
 * Times are given, never read, so it stays pure. The oldest sample kept is the last one at or before
 * the window's start, so the lines of the first batch noted (a tail's backlog) are its baseline, not a burst.
 */
export class LineRate {
  private samples: { at: number; total: number }[] = [];

  /** The running total of lines at time `at` (ms); a total that went down (a new stream) starts over. */
  note(at: number, total: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last !== undefined && (total < last.total || at < last.at)) this.samples = [];
    this.samples.push({ at, total });
    let stale = 0;
    while (stale + 1 < this.samples.length && (this.samples[stale + 1]?.at ?? at) <= at - WINDOW_MS) stale++;
    if (stale > 0) this.samples.splice(0, stale);
  }

  /** Lines per second up to `now`; 0 once nothing came for a whole window. */
  perSecond(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (first === undefined || last === undefined || now - last.at >= WINDOW_MS) return 0;
    const span = Math.max(now, last.at) - first.at;
    return span > 0 ? ((last.total - first.total) * 1000) / span : 0;
  }

  reset(): void {
    this.samples = [];
  }
}
