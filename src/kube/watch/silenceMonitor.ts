/** How long a request may go without a byte from the server. */
export interface SilencePolicy {
  /**
   * After this much silence the server is asked, cheaply, whether it is alive (see ServerProbe);
   * no answer in time ends the request as stalled. Undefined: never ask.
   */
  probeAfterMs?: number;
  /** After this much silence the request ends as stalled, whatever a probe said. */
  limitMs: number;
}

/** Resolves when the server answered anything; rejects when it did not answer in time. */
export type Probe = () => Promise<void>;

/**
 * Watches one request for silence. `heard()` is called for every chunk (cheap: no timer is
 * re-armed per chunk); `onStall` is called once, with how long the request has been silent and
 * whether the server itself is (no probe answered since): a dead connection to a live server is
 * not a hung server.
 */
export class SilenceMonitor {
  private lastHeard: number;
  private lastProbeAnswered = Number.NEGATIVE_INFINITY;
  private probing = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly policy: SilencePolicy,
    private readonly probe: Probe | undefined,
    private readonly onStall: (silentMs: number, serverSilent: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.lastHeard = now();
    this.arm();
  }

  heard(): void {
    this.lastHeard = this.now();
  }

  /** When the server was last heard from. */
  get lastHeardAt(): number {
    return this.lastHeard;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nextCheckAt(): number {
    const limitAt = this.lastHeard + this.policy.limitMs;
    const { probeAfterMs } = this.policy;
    if (probeAfterMs === undefined || this.probe === undefined || this.probing) return limitAt;
    const probeAt = Math.max(this.lastHeard, this.lastProbeAnswered) + probeAfterMs;
    return Math.min(limitAt, probeAt);
  }

  private arm(): void {
    if (this.stopped) return;
    const wait = Math.max(0, this.nextCheckAt() - this.now());
    this.timer = setTimeout(() => this.check(), wait);
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.now();
    const silentMs = now - this.lastHeard;
    if (silentMs >= this.policy.limitMs) return this.stall(silentMs, !(this.lastProbeAnswered > this.lastHeard));
    const { probeAfterMs } = this.policy;
    const probeDue = probeAfterMs !== undefined && now >= Math.max(this.lastHeard, this.lastProbeAnswered) + probeAfterMs;
    if (probeDue && this.probe && !this.probing) this.runProbe(this.probe);
    this.arm();
  }

  private runProbe(probe: Probe): void {
    this.probing = true;
    const heardBefore = this.lastHeard;
    const settle = (answered: boolean): void => {
      this.probing = false;
      if (this.stopped) return;
      if (answered) this.lastProbeAnswered = this.now();
      // Bytes that arrived while the probe waited prove the server alive after all.
      else if (this.lastHeard === heardBefore) return this.stall(this.now() - this.lastHeard, true);
      clearTimeout(this.timer);
      this.arm();
    };
    probe().then(
      () => settle(true),
      () => settle(false),
    );
  }

  private stall(silentMs: number, serverSilent: boolean): void {
    if (this.stopped) return;
    this.stop();
    this.onStall(silentMs, serverSilent);
  }
}
