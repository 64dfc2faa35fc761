import { objectField, stringField } from './json.js';
import { kubeletLatency as latency } from './kubeletLatency.js';
import type { PodSession } from './podSession.js';
import type { PodStatusWriter } from './podStatusWriter.js';

/**
 * A graceful delete: SIGTERM to every container, SIGKILL after the grace period, and once all have
 * stopped the final status, the sandbox teardown and the pod object's removal.
 */
export class PodTermination {
  constructor(
    private readonly session: PodSession,
    private readonly status: PodStatusWriter,
    /** Everything has stopped and the pod object is gone. */
    private readonly onRemoved: () => void,
  ) {}

  begin(): void {
    const { session } = this;
    if (session.terminating) return;
    session.terminating = true;
    session.cancelScheduledSync();
    const graceSeconds = this.gracePeriodSeconds();
    for (const record of session.records) {
      session.timers.cancel(record.restartTimer);
      session.timers.cancel(record.probeTimer);
      record.restartTimer = undefined;
      record.probeTimer = undefined;
      record.cancelPull?.();
      record.busy = false;
      if (record.process?.isRunning() === true) {
        session.event(record, 'Normal', 'Killing', `Stopping container ${record.name}`);
        record.process.term();
      }
    }
    session.timers.after(graceSeconds * 1000, () => {
      for (const record of session.records) if (record.process?.isRunning() === true) record.process.kill();
    });
    this.finishIfStopped();
  }

  /** Called whenever a container stops while terminating; acts once none is left running. */
  finishIfStopped(): void {
    const { session } = this;
    if (session.records.some((record) => record.process !== undefined || record.exitPending)) return;
    this.status.write();
    session.after(latency.cleanup, () => {
      const store = session.context.store;
      const current = store.get(session.podKey());
      if (current !== undefined && stringField(current, 'metadata', 'uid') === session.uid) store.remove(session.podKey());
      this.onRemoved();
    });
  }

  /** The deletion's grace period, else the spec's, else the default 30 s. */
  private gracePeriodSeconds(): number {
    const { pod } = this.session;
    const fromDeletion = objectField(pod, 'metadata')?.['deletionGracePeriodSeconds'];
    if (typeof fromDeletion === 'number') return fromDeletion;
    const fromSpec = objectField(pod, 'spec')?.['terminationGracePeriodSeconds'];
    return typeof fromSpec === 'number' ? fromSpec : 30;
  }
}
