export interface BackoffOptions {
  /** First delay (client-go's reflector: 800 ms). */
  initialMs?: number;
  /** The delay stops doubling here (30 s), before jitter. */
  maxMs?: number;
  /** Each delay is d + random·jitter·d (1.0: up to twice d). */
  jitter?: number;
  /** The delays start again from initialMs once no delay was asked for this long (2 min). */
  resetAfterMs?: number;
  random?: () => number;
  now?: () => number;
}

/**
 * The back-off of client-go's reflector (`wait.NewExponentialBackoffManager(800ms, 30s, 2min, 2.0,
 * 1.0)`): doubling, jittered delays that reset only after a clean spell, never because one request
 * got through. A server that accepts every watch and breaks it at once still gets slower retries.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private current: number;
  private lastAskedAt = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 800;
    this.maxMs = Math.max(this.initialMs, options.maxMs ?? 30_000);
    this.jitter = options.jitter ?? 1;
    this.resetAfterMs = options.resetAfterMs ?? 120_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.current = this.initialMs;
  }

  /** How long to wait before the next attempt; each call counts as one failure. */
  next(): number {
    const now = this.now();
    if (now - this.lastAskedAt > this.resetAfterMs) {
      this.current = this.initialMs;
      this.count = 0;
    }
    this.lastAskedAt = now;
    this.count += 1;
    const base = this.current;
    this.current = Math.min(this.maxMs, this.current * 2);
    return Math.round(base + this.random() * this.jitter * base);
  }

  /** Failures since the last reset (the `attempt` the header shows). */
  get attempts(): number {
    return this.now() - this.lastAskedAt > this.resetAfterMs ? 0 : this.count;
  }
}
