import { nextAgeChangeMs } from './ageClock.js';

const SECOND = 1000;

/** What a component prints ages of, and the time it last printed them against. */
export interface AgeWatcher {
  readonly anchorsMs: readonly number[];
  shownAtMs: number;
  /** Told the new time when one of its printed ages reads differently at it. */
  readonly onTick: (atMs: number) => void;
}

/** The first instant after the time it was drawn at at which one of the watcher's ages reads differently. */
export function nextChangeOf(watcher: AgeWatcher): number {
  let next = Number.POSITIVE_INFINITY;
  for (const since of watcher.anchorsMs) next = Math.min(next, nextAgeChangeMs(since, watcher.shownAtMs));
  return next;
}

/**
 * When the next tick is due: the first instant any watcher's ages read differently, but never
 * sooner than `minIntervalMs` after the previous tick. Undefined when no watcher shows an age.
 */
export function nextTickAt(watchers: Iterable<AgeWatcher>, lastTickMs: number, minIntervalMs = SECOND): number | undefined {
  let next = Number.POSITIVE_INFINITY;
  for (const watcher of watchers) next = Math.min(next, nextChangeOf(watcher));
  return Number.isFinite(next) ? Math.max(next, lastTickMs + minIntervalMs) : undefined;
}

/**
 * One clock for every age on screen. Each pane's ages change at their own sub-second phase; ticking
 * them together makes one frame a second at most, not one per pane, and a tick tells only the
 * watchers whose printed ages changed, so a pane of old pods is not drawn again.
 */
export class AgeTicker {
  private readonly watchers = new Set<AgeWatcher>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastTickMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly minIntervalMs = SECOND,
  ) {}

  /** Watches `anchorsMs` as drawn at `shownAtMs`; returns the unsubscribe. */
  watch(anchorsMs: readonly number[], shownAtMs: number, onTick: (atMs: number) => void): () => void {
    const watcher: AgeWatcher = { anchorsMs, shownAtMs, onTick };
    this.watchers.add(watcher);
    this.schedule();
    return () => {
      this.watchers.delete(watcher);
      this.schedule();
    };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const at = nextTickAt(this.watchers, this.lastTickMs, this.minIntervalMs);
    if (at === undefined) return;
    this.timer = setTimeout(() => this.tick(), Math.max(0, at - this.now()));
  }

  private tick(): void {
    this.timer = undefined;
    const at = this.now();
    const due = [...this.watchers].filter((watcher) => nextChangeOf(watcher) <= at);
    // A timer can fire a little early: nothing reads differently yet, so wait the rest.
    if (due.length > 0) this.lastTickMs = at;
    for (const watcher of due) {
      watcher.shownAtMs = at;
      watcher.onTick(at);
    }
    this.schedule();
  }
}

const tickers = new WeakMap<() => Date, AgeTicker>();

/** The ticker of everything drawn against the clock `now`: components given the same clock tick together. */
export function ageTickerFor(now: () => Date): AgeTicker {
  let ticker = tickers.get(now);
  if (ticker === undefined) {
    ticker = new AgeTicker(() => now().getTime());
    tickers.set(now, ticker);
  }
  return ticker;
}
