/**
 * The kubelet's per-key exponential back-off (client-go flowcontrol.Backoff without jitter): used for
 * restarting crashed containers and for retrying image pulls, both 10 s doubling up to 5 min.
 */
export const containerBackoffInitialMs = 10_000;
export const containerBackoffMaxMs = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly initialMs = containerBackoffInitialMs,
    private readonly maxMs = containerBackoffMaxMs,
  ) {}

  /** The current back-off of `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /**
   * Records a restart or retry: the first one (or the first after a long quiet period) starts at the
   * initial back-off, each further one doubles it up to the maximum.
   */
  next(key: string, eventTime: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(eventTime, entry.lastUpdate)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: this.now() });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = this.now();
  }

  /** Whether less than the current back-off has passed since `eventTime` (a container's finish time). */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return this.now() - eventTime < entry.backoffMs;
  }

  /** Whether `eventTime` is within the current back-off of the last `next` (image pulls). */
  isInBackOffSinceUpdate(key: string, eventTime: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return eventTime - entry.lastUpdate < entry.backoffMs;
  }

  /** When the back-off that started at `eventTime` ends. */
  expiresAt(key: string, eventTime: number): number {
    return eventTime + this.get(key);
  }

  forget(keyPrefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(keyPrefix)) this.entries.delete(key);
  }

  /** A key that ran fine for twice the maximum back-off starts over. */
  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }
}
