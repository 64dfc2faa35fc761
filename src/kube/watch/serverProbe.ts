import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest } from '../http/kubeRequest.js';

export interface ServerProbeOptions {
  /** How long the server has to answer (default 10 s). */
  timeoutMs?: number;
  /** An answer this recent stands for a new one (default 5 s): the stores of a session share it. */
  freshMs?: number;
}

/**
 * Asks the API server whether it is alive with `GET /version` on a new connection. A quiet watch
 * is not a dead one (bookmarks come about once a minute), but a hung server (SIGSTOP'd, wedged
 * behind a load balancer that holds the connection) never says so: this is how a store finds out
 * within a minute instead of waiting for the watch's own timeout. Any HTTP answer counts as alive.
 */
export class ServerProbe {
  private inFlight: Promise<void> | undefined;
  private answeredAt = Number.NEGATIVE_INFINITY;
  private readonly controllers = new Set<AbortController>();
  private readonly timeoutMs: number;
  private readonly freshMs: number;

  constructor(
    private readonly kubeConfig: KubeConfig,
    options: ServerProbeOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.freshMs = options.freshMs ?? 5_000;
  }

  readonly check = (): Promise<void> => {
    if (Date.now() - this.answeredAt < this.freshMs) return Promise.resolve();
    this.inFlight ??= this.ask().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  };

  /** Ends a probe in flight (the session closes). */
  close(): void {
    for (const controller of this.controllers) controller.abort();
    this.controllers.clear();
  }

  private async ask(): Promise<void> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await openKubeRequest(this.kubeConfig, '/version', { signal: controller.signal, fresh: true });
      // The body (a few bytes) is drained and the connection (its own, not a pooled one) closes with it.
      response.on('error', () => undefined);
      response.resume();
      this.answeredAt = Date.now();
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }
}
