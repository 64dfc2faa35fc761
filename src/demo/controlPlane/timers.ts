import type { Clock, ClockTimer } from '../clock.js';

/**
 * Timers that belong to one owner (a pod, a container process) so they can all be cancelled at once
 * when the owner goes away.
 */
export class TimerGroup {
  private readonly timers = new Set<ClockTimer>();
  private closed = false;

  constructor(readonly clock: Clock) {}

  after(ms: number, fn: () => void): ClockTimer | undefined {
    if (this.closed) return undefined;
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms));
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: ClockTimer | undefined): void {
    if (timer === undefined || !this.timers.delete(timer)) return;
    this.clock.clearTimeout(timer);
  }

  cancelAll(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /** Cancels everything and refuses new timers. */
  close(): void {
    this.cancelAll();
    this.closed = true;
  }
}
