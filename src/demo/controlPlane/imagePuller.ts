import type { Clock } from '../clock.js';
import { normalizeImage, pullDurationMs } from './images.js';
import type { Random } from './random.js';
import type { Registry } from './registry.js';
import { TimerGroup } from './timers.js';

export type PullResult =
  | { ok: true; pullMs: number; totalMs: number }
  | { ok: false; message: string };

interface PullJob {
  reference: string;
  requestedAt: number;
  done: (result: PullResult) => void;
  cancelled: boolean;
}

/**
 * One node's image store and puller. Pulls run one at a time (the kubelet's default
 * serializeImagePulls), so a pull's "including waiting" time counts the queue ahead of it.
 */
export class NodeImages {
  private readonly present = new Set<string>();
  private readonly queue: PullJob[] = [];
  private busy = false;
  private readonly timers: TimerGroup;

  constructor(
    private readonly clock: Clock,
    private readonly registry: Registry,
    private readonly random: Random,
    preloaded: readonly string[],
  ) {
    this.timers = new TimerGroup(clock);
    for (const image of preloaded) this.present.add(normalizeImage(image));
  }

  has(reference: string): boolean {
    return this.present.has(normalizeImage(reference));
  }

  /** Queues a pull; returns a function that abandons it (the pod went away). */
  pull(reference: string, done: (result: PullResult) => void): () => void {
    const job: PullJob = { reference, requestedAt: this.clock.now(), done, cancelled: false };
    this.queue.push(job);
    this.startNext();
    return () => {
      job.cancelled = true;
    };
  }

  stop(): void {
    this.timers.close();
    this.queue.length = 0;
  }

  private startNext(): void {
    if (this.busy) return;
    let job = this.queue.shift();
    while (job !== undefined && job.cancelled) job = this.queue.shift();
    if (job === undefined) return;
    this.busy = true;
    const current = job;
    const error = this.registry.pullError(current.reference);
    const normalized = normalizeImage(current.reference);
    // Failures are quick (refused, no such host, manifest unknown); already-downloaded layers make a re-pull quick too.
    const jitter = this.random.between(0.85, 1.15);
    const duration = Math.round(
      (error !== undefined ? this.random.between(40, 400) : this.present.has(normalized) ? this.random.between(120, 400) : pullDurationMs(normalized)) * jitter,
    );
    const startedAt = this.clock.now();
    this.timers.after(duration, () => {
      this.busy = false;
      if (!current.cancelled) {
        if (error !== undefined) {
          current.done({ ok: false, message: error });
        } else {
          this.present.add(normalized);
          const now = this.clock.now();
          current.done({ ok: true, pullMs: now - startedAt, totalMs: now - current.requestedAt });
        }
      }
      this.startNext();
    });
  }
}
