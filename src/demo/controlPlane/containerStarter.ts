import type { ContainerImageStep } from './containerImageStep.js';
import { readinessProbeOf, type ContainerRecord } from './containerRecord.js';
import { startProcess, type ProcessExit } from './containerRuntime.js';
import { kubeletLatency as latency } from './kubeletLatency.js';
import type { LogWriter } from './logStore.js';
import type { PodSession } from './podSession.js';
import type { PodStatusWriter } from './podStatusWriter.js';
import type { TerminatedState } from './podStatus.js';
import type { PodTermination } from './podTermination.js';
import type { ReadinessProber } from './readinessProber.js';
import { usageProfile } from './usageProfile.js';

/**
 * One container start, as the kubelet and the runtime do it: image, create, start (the behaviour's
 * program runs as the process), and the process's exit as the kubelet notices it.
 */
export class ContainerStarter {
  constructor(
    private readonly session: PodSession,
    private readonly status: PodStatusWriter,
    private readonly image: ContainerImageStep,
    private readonly prober: ReadinessProber,
    private readonly termination: PodTermination,
  ) {}

  /** The container is `busy` until it runs or a step fails. */
  start(record: ContainerRecord): void {
    record.busy = true;
    this.image.prepare(record, () => this.create(record));
  }

  private create(record: ContainerRecord): void {
    const { session } = this;
    session.after(latency.create, () => {
      if (this.abandonStart(record)) return;
      record.containerID = `containerd://${session.random.hex(64)}`;
      record.created = true;
      session.event(record, 'Normal', 'Created', `Created container ${record.name}`);
      session.after(latency.start, () => {
        if (!this.abandonStart(record)) this.run(record);
      });
    });
  }

  /** A start under way when the pod began terminating does not go on. */
  private abandonStart(record: ContainerRecord): boolean {
    if (!this.session.terminating) return false;
    record.busy = false;
    this.termination.finishIfStopped();
    return true;
  }

  private run(record: ContainerRecord): void {
    const { session } = this;
    const { context } = session;
    const instance = record.instances;
    record.instances += 1;
    if (instance > 0) record.restartCount += 1;
    if (record.latestExit !== undefined) record.lastTerminated = record.latestExit;
    const startedAt = session.now();
    const containerID = record.containerID ?? '';
    session.event(record, 'Normal', 'Started', `Started container ${record.name}`);
    const writer = context.logs.startInstance(session.namespace, session.name, record.name, record.restartCount);
    const program = context.behaviours.programFor(session.uid, record.spec);
    const plan = program({
      now: () => session.now(),
      random: session.random.fork(`${record.name}/${instance}`),
      instance,
      namespace: session.namespace,
      pod: session.name,
      container: record.name,
      node: context.node.name,
      podIP: session.podIP ?? '',
    });
    record.state = { kind: 'running', startedAt };
    record.started = true;
    record.busy = false;
    record.ready = record.kind === 'app' || record.restartable ? readinessProbeOf(record) === undefined : false;
    record.probe = { successes: 0, failures: 0 };
    record.process = startProcess(plan, {
      clock: context.clock,
      write: (line) => writer.write(line.text, line.stream),
      onExit: (exit) => this.processExited(record, exit, startedAt, containerID, writer),
      ...(context.steadyIntervalMs !== undefined && (context.firehosePods === undefined || context.firehosePods.has(`${session.namespace}/${session.name}`))
        ? { steadyIntervalMs: context.steadyIntervalMs }
        : {}),
    });
    const process = record.process;
    if (process.isRunning()) {
      record.usage = usageProfile(record.spec, plan, session.random.fork(`usage/${record.name}/${instance}`), startedAt);
      this.prober.start(record);
      if (plan.serves !== undefined && context.network !== undefined) {
        const owner = { uid: session.uid, namespace: session.namespace, pod: session.name, container: record.name };
        record.listeners = context.network.listen(owner, plan.serves, (request, reply) => {
          const line = plan.accessLog?.(request, reply);
          if (line !== undefined && process.isRunning()) writer.write(line.text, line.stream);
        });
      }
    }
    this.status.write();
    session.sync();
  }

  /** The runtime sees the exit at once; the kubelet at its next relist (at once while terminating). */
  private processExited(record: ContainerRecord, exit: ProcessExit, startedAt: number, containerID: string, writer: LogWriter): void {
    const { session } = this;
    const finishedAt = session.now();
    writer.end();
    record.listeners?.close();
    record.listeners = undefined;
    record.process = undefined;
    record.usage = undefined;
    record.exitPending = true;
    session.timers.cancel(record.probeTimer);
    record.probeTimer = undefined;
    const terminated: TerminatedState = {
      exitCode: exit.code,
      reason: exit.oomKilled ? 'OOMKilled' : exit.code === 0 ? 'Completed' : 'Error',
      startedAt,
      finishedAt,
      containerID,
    };
    const notice = (): void => {
      record.exitPending = false;
      record.state = { kind: 'terminated', ...terminated };
      record.latestExit = terminated;
      record.ready = record.kind === 'init' && !record.restartable && exit.code === 0;
      record.started = false;
      if (session.terminating) {
        this.termination.finishIfStopped();
        return;
      }
      this.status.write();
      session.sync();
    };
    if (session.finished) return;
    if (session.terminating) notice();
    else session.after(latency.noticeExit, notice);
  }
}
