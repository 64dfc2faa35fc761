import { readinessProbeOf, type ContainerRecord } from './containerRecord.js';
import type { PodSession } from './podSession.js';
import type { PodStatusWriter } from './podStatusWriter.js';

/** Runs a container's readiness probe every period and flips its `ready` after the thresholds. */
export class ReadinessProber {
  constructor(
    private readonly session: PodSession,
    private readonly status: PodStatusWriter,
  ) {}

  /** Starts probing a container that has just started running (nothing happens without a probe). */
  start(record: ContainerRecord): void {
    const { session } = this;
    const probe = readinessProbeOf(record);
    if (probe === undefined) return;
    const run = (): void => {
      record.probeTimer = undefined;
      const process = record.process;
      if (process === undefined || !process.isRunning() || session.terminating) return;
      const outcome = process.probeReadiness();
      const before = record.ready;
      if (outcome.ok) {
        record.probe.successes += 1;
        record.probe.failures = 0;
        if (record.probe.successes >= probe.successThreshold) record.ready = true;
      } else {
        record.probe.failures += 1;
        record.probe.successes = 0;
        session.event(record, 'Warning', 'Unhealthy', `Readiness probe failed: ${outcome.output}`);
        if (record.probe.failures >= probe.failureThreshold) record.ready = false;
      }
      if (record.ready !== before) this.status.write();
      record.probeTimer = session.timers.after(probe.periodMs, run);
    };
    // Probes tick every period from the container's start and skip ticks before initialDelaySeconds.
    const firstTick = probe.initialDelayMs === 0 ? session.between([100, 600]) : Math.ceil(probe.initialDelayMs / probe.periodMs) * probe.periodMs;
    record.probeTimer = session.timers.after(firstTick, run);
  }
}
