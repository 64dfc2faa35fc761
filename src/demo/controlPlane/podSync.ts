import { hasExited, type ContainerRecord } from './containerRecord.js';
import type { ContainerStarter } from './containerStarter.js';
import { formatGoDurationMs } from './goDuration.js';
import { kubeletLatency as latency } from './kubeletLatency.js';
import type { PodSession } from './podSession.js';
import type { PodStatusWriter } from './podStatusWriter.js';

/**
 * The kubelet's SyncPod: decides which containers to start or restart now (init containers one
 * after another, then app containers, ephemeral ones on their own) and applies the restart back-off.
 */
export class PodSync {
  constructor(
    private readonly session: PodSession,
    private readonly status: PodStatusWriter,
    private readonly starter: ContainerStarter,
  ) {}

  run(): void {
    const { session } = this;
    if (session.finished || session.terminating || !session.sandboxReady) return;
    if (this.status.isTerminal()) {
      this.status.write();
      return;
    }
    if (this.syncInitContainers()) this.syncAppContainers();
    this.syncEphemeralContainers();
    // A start under way writes the status when the container runs (or fails to), in one update.
    if (!session.records.some((record) => record.busy)) this.status.write();
  }

  /** Runs the init containers in order; true once all are done and app containers may start. */
  private syncInitContainers(): boolean {
    for (const record of this.session.records) {
      if (record.kind !== 'init') continue;
      if (record.busy || record.exitPending) return false;
      if (record.restartable) {
        if (record.state.kind === 'running') continue;
        if (hasExited(record)) this.restartWithBackoff(record);
        else this.starter.start(record);
        return false;
      }
      if (record.state.kind === 'terminated' && record.state.exitCode === 0) continue;
      if (record.state.kind === 'running') return false;
      if (hasExited(record)) {
        if (this.session.restartPolicy() !== 'Never') this.restartWithBackoff(record);
        return false;
      }
      if (this.session.now() >= record.retryAt) this.starter.start(record);
      return false;
    }
    return true;
  }

  private syncAppContainers(): void {
    for (const record of this.session.records) {
      if (record.kind !== 'app') continue;
      // Containers start one after another: a pull in progress holds up the ones after it.
      if (record.busy) return;
      if (record.state.kind === 'running' || record.exitPending) continue;
      if (hasExited(record)) {
        if (this.shouldRestart(record) && this.restartWithBackoff(record)) return;
        continue;
      }
      if (this.session.now() < record.retryAt) continue;
      this.starter.start(record);
      if (record.busy) return;
    }
  }

  private syncEphemeralContainers(): void {
    const { session } = this;
    for (const record of session.records) {
      if (record.kind === 'ephemeral' && record.instances === 0 && !record.busy && session.now() >= record.retryAt) this.starter.start(record);
    }
  }

  private shouldRestart(record: ContainerRecord): boolean {
    const policy = this.session.restartPolicy();
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return (record.latestExit?.exitCode ?? 0) !== 0;
    return false;
  }

  /**
   * The kubelet's doBackOff: restart at once the first time, otherwise wait until the back-off since
   * the container finished has passed (10 s, 20 s, 40 s, … 5 min), showing CrashLoopBackOff meanwhile.
   * True when a start began.
   */
  private restartWithBackoff(record: ContainerRecord): boolean {
    const { session } = this;
    const exit = record.latestExit;
    if (exit === undefined) return false;
    const key = `${session.uid}/${record.name}`;
    const backoff = session.context.containerBackoff;
    if (backoff.isInBackOffSince(key, exit.finishedAt)) {
      record.lastTerminated = exit;
      record.state = {
        kind: 'waiting',
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatGoDurationMs(backoff.get(key))} restarting failed container=${record.name} pod=${session.name}_${session.namespace}(${session.uid})`,
      };
      session.event(record, 'Warning', 'BackOff', 'Back-off restarting failed container');
      if (record.restartTimer === undefined) {
        record.restartTimer = session.timers.after(backoff.expiresAt(key, exit.finishedAt) - session.now(), () => {
          record.restartTimer = undefined;
          session.sync();
        });
      }
      session.scheduleSync(session.between(latency.resync));
      return false;
    }
    backoff.next(key, exit.finishedAt);
    this.starter.start(record);
    return record.busy;
  }
}
