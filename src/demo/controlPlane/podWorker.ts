import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import type { Backoff } from './backoff.js';
import type { Behaviours } from './behaviours.js';
import {
  hasExited,
  imageOf,
  initStatusView,
  newContainerRecord,
  readinessProbeOf,
  statusView,
  type ContainerRecord,
} from './containerRecord.js';
import { startProcess, type ProcessExit } from './containerRuntime.js';
import type { EventRecorder, EventType } from './eventRecorder.js';
import { formatGoDuration, formatGoDurationMs } from './goDuration.js';
import type { NodeImages } from './imagePuller.js';
import type { NodeIpam } from './ipam.js';
import { objectField, objectList, stringField } from './json.js';
import type { LogStore, LogWriter } from './logStore.js';
import type { ClusterNode } from './nodes.js';
import { buildPodStatus, podPhase, type PodStatusView, type TerminatedState } from './podStatus.js';
import type { Random } from './random.js';
import { qosClass } from './resources.js';
import { TimerGroup } from './timers.js';

/** Everything a node's kubelet shares between its pod workers. */
export interface KubeletContext {
  node: ClusterNode;
  store: ObjectStoreApi;
  clock: Clock;
  events: EventRecorder;
  logs: LogStore;
  behaviours: Behaviours;
  images: NodeImages;
  ipam: NodeIpam;
  containerBackoff: Backoff;
  imageBackoff: Backoff;
  random: Random;
  /** Forces the interval of steady log output (the `logRate` firehose). */
  steadyIntervalMs?: number;
}

/** How long the simulated kubelet and runtime take for each step (ms, [min, max)). */
const latency = {
  pickup: [40, 160],
  sandbox: [250, 600],
  create: [20, 70],
  start: [40, 120],
  /** The PLEG relists every second: an exit is noticed within it. */
  noticeExit: [300, 1000],
  /** Pods with a container in back-off are synced again this often. */
  resync: [10_000, 13_000],
  /** Status write and sandbox teardown after the last container stopped. */
  cleanup: [150, 450],
} as const;

const kubeletSource = (node: ClusterNode): { component: string; host: string } => ({ component: 'kubelet', host: node.name });

function fieldPathOf(record: ContainerRecord): string {
  const list = record.kind === 'init' ? 'initContainers' : record.kind === 'ephemeral' ? 'ephemeralContainers' : 'containers';
  return `spec.${list}{${record.name}}`;
}

/**
 * The kubelet's handling of one pod, as a state machine driven by clock timers: sandbox, image pulls,
 * init containers one after another, app containers, restarts with back-off, readiness probes,
 * ephemeral containers, graceful termination. Every status change is one store update.
 */
export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  private pod: JsonObject;
  private readonly timers: TimerGroup;
  private readonly random: Random;
  private readonly records: ContainerRecord[];
  private readonly logWriters = new Map<string, LogWriter>();
  private startTime: number | undefined;
  private podIP: string | undefined;
  private sandboxReady = false;
  private terminating = false;
  private finished = false;
  private syncDue: number | undefined;
  private syncTimer: ReturnType<TimerGroup['after']>;

  constructor(
    pod: JsonObject,
    private readonly context: KubeletContext,
    private readonly onGone: (worker: PodWorker) => void,
    /** How many pods of this name the node ran before: seeds this one's randomness (uids are random). */
    incarnation = 0,
  ) {
    this.pod = pod;
    this.uid = stringField(pod, 'metadata', 'uid') ?? '';
    this.namespace = stringField(pod, 'metadata', 'namespace') ?? '';
    this.name = stringField(pod, 'metadata', 'name') ?? '';
    this.timers = new TimerGroup(context.clock);
    this.random = context.random.fork(`pod/${this.namespace}/${this.name}/${incarnation}`);
    const inits = objectList(pod, 'spec', 'initContainers');
    this.records = [
      ...inits.map((spec) => newContainerRecord(spec, 'init', inits.length > 0)),
      ...objectList(pod, 'spec', 'containers').map((spec) => newContainerRecord(spec, 'app', inits.length > 0)),
    ];
    this.addEphemeralContainers(pod);
  }

  start(): void {
    this.after(latency.pickup, () => {
      this.startTime = this.now();
      this.writeStatus();
      if (this.deletionRequested()) {
        this.beginTermination();
        return;
      }
      this.after(latency.sandbox, () => {
        this.podIP = objectField(this.pod, 'spec')?.['hostNetwork'] === true ? this.context.node.hostIP : this.context.ipam.allocate();
        this.sandboxReady = true;
        this.sync();
      });
    });
  }

  /** The API server has a new version of the pod (deletion requested, ephemeral container added). */
  update(pod: JsonObject): void {
    if (this.finished) return;
    this.pod = pod;
    if (this.deletionRequested() && !this.terminating && this.startTime !== undefined) {
      this.beginTermination();
      return;
    }
    if (this.addEphemeralContainers(pod)) {
      // The new container shows up as waiting (ContainerCreating) before the runtime starts it.
      this.writeStatus();
      this.scheduleSync(this.between(latency.pickup));
    }
  }

  /** The pod object is gone from the API server: stop everything at once. */
  removed(): void {
    if (this.finished) return;
    this.finished = true;
    this.timers.close();
    for (const record of this.records) {
      record.cancelPull?.();
      if (record.process?.isRunning() === true) record.process.kill();
    }
    if (this.podIP !== undefined && this.podIP !== this.context.node.hostIP) this.context.ipam.release(this.podIP);
    this.context.logs.removePod(this.namespace, this.name);
    this.context.behaviours.forget(this.uid);
    this.context.containerBackoff.forget(`${this.uid}/`);
    this.context.imageBackoff.forget(`${this.uid}_`);
    this.onGone(this);
  }

  /** The process of `container` ends by itself (an interactive session closed). */
  exitContainer(container: string, exitCode: number): boolean {
    const record = this.records.find((candidate) => candidate.name === container);
    if (record?.process === undefined || !record.process.isRunning()) return false;
    record.process.exit(exitCode);
    return true;
  }

  /** The control plane shuts down: processes and timers end, nothing more is written. */
  stop(): void {
    this.finished = true;
    this.timers.close();
    for (const record of this.records) {
      record.cancelPull?.();
      if (record.process?.isRunning() === true) record.process.kill();
    }
  }

  // ---- the sync loop -------------------------------------------------------------------------

  private sync(): void {
    if (this.finished || this.terminating || !this.sandboxReady) return;
    if (this.isTerminal()) {
      this.writeStatus();
      return;
    }
    if (this.syncInitContainers()) this.syncAppContainers();
    this.syncEphemeralContainers();
    // A start under way writes the status when the container runs (or fails to), in one update.
    if (!this.records.some((record) => record.busy)) this.writeStatus();
  }

  /** Runs the init containers in order; true once all are done and app containers may start. */
  private syncInitContainers(): boolean {
    for (const record of this.records) {
      if (record.kind !== 'init') continue;
      if (record.busy || record.exitPending) return false;
      if (record.restartable) {
        if (record.state.kind === 'running') continue;
        if (hasExited(record)) this.restartWithBackoff(record);
        else this.startContainer(record);
        return false;
      }
      if (record.state.kind === 'terminated' && record.state.exitCode === 0) continue;
      if (record.state.kind === 'running') return false;
      if (hasExited(record)) {
        if (this.restartPolicy() !== 'Never') this.restartWithBackoff(record);
        return false;
      }
      if (this.now() >= record.retryAt) this.startContainer(record);
      return false;
    }
    return true;
  }

  private syncAppContainers(): void {
    for (const record of this.records) {
      if (record.kind !== 'app') continue;
      // Containers start one after another: a pull in progress holds up the ones after it.
      if (record.busy) return;
      if (record.state.kind === 'running' || record.exitPending) continue;
      if (hasExited(record)) {
        if (this.shouldRestart(record) && this.restartWithBackoff(record)) return;
        continue;
      }
      if (this.now() < record.retryAt) continue;
      this.startContainer(record);
      if (record.busy) return;
    }
  }

  private syncEphemeralContainers(): void {
    for (const record of this.records) {
      if (record.kind === 'ephemeral' && record.instances === 0 && !record.busy && this.now() >= record.retryAt) this.startContainer(record);
    }
  }

  private shouldRestart(record: ContainerRecord): boolean {
    const policy = this.restartPolicy();
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
    const exit = record.latestExit;
    if (exit === undefined) return false;
    const key = `${this.uid}/${record.name}`;
    const backoff = this.context.containerBackoff;
    if (backoff.isInBackOffSince(key, exit.finishedAt)) {
      record.lastTerminated = exit;
      record.state = {
        kind: 'waiting',
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatGoDurationMs(backoff.get(key))} restarting failed container=${record.name} pod=${this.name}_${this.namespace}(${this.uid})`,
      };
      this.event(record, 'Warning', 'BackOff', 'Back-off restarting failed container');
      if (record.restartTimer === undefined) {
        record.restartTimer = this.timers.after(backoff.expiresAt(key, exit.finishedAt) - this.now(), () => {
          record.restartTimer = undefined;
          this.sync();
        });
      }
      this.scheduleSync(this.between(latency.resync));
      return false;
    }
    backoff.next(key, exit.finishedAt);
    this.startContainer(record);
    return record.busy;
  }

  // ---- starting a container ------------------------------------------------------------------

  private startContainer(record: ContainerRecord): void {
    const image = imageOf(record);
    const policy = stringField(record.spec, 'imagePullPolicy') ?? 'IfNotPresent';
    const images = this.context.images;
    record.busy = true;
    if (policy === 'Never' || (policy === 'IfNotPresent' && images.has(image))) {
      if (!images.has(image)) {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        this.failImageStep(record, 'ErrImageNeverPull', message, this.between(latency.resync));
        this.event(record, 'Warning', 'ErrImageNeverPull', message);
        this.event(record, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
        return;
      }
      this.event(record, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      this.createContainer(record);
      return;
    }
    const backoffKey = `${this.uid}_${image}`;
    const imageBackoff = this.context.imageBackoff;
    if (imageBackoff.isInBackOffSinceUpdate(backoffKey, this.now())) {
      const message = `Back-off pulling image "${image}"`;
      this.failImageStep(record, 'ImagePullBackOff', message, this.between(latency.resync));
      this.event(record, 'Normal', 'BackOff', message);
      this.event(record, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      return;
    }
    this.event(record, 'Normal', 'Pulling', `Pulling image "${image}"`);
    record.cancelPull = images.pull(image, (result) => {
      record.cancelPull = undefined;
      if (this.finished || this.terminating) {
        record.busy = false;
        return;
      }
      if (result.ok) {
        const pulled = formatGoDuration(result.pullMs * 1_000_000 + this.random.int(1_000_000));
        const total = formatGoDuration(result.totalMs * 1_000_000 + this.random.int(1_000_000));
        this.event(record, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${pulled} (${total} including waiting)`);
        this.createContainer(record);
        return;
      }
      imageBackoff.next(backoffKey, this.now());
      this.event(record, 'Warning', 'Failed', `Failed to pull image "${image}": ${result.message}`);
      this.event(record, 'Warning', 'Failed', 'Error: ErrImagePull');
      // The next sync follows quickly and finds the image in back-off.
      this.failImageStep(record, 'ErrImagePull', result.message, this.between([800, 1200]));
      this.writeStatus();
    });
  }

  private failImageStep(record: ContainerRecord, reason: string, message: string, retryInMs: number): void {
    record.busy = false;
    record.state = { kind: 'waiting', reason, message };
    record.retryAt = this.now() + retryInMs;
    this.scheduleSync(retryInMs);
  }

  private createContainer(record: ContainerRecord): void {
    this.after(latency.create, () => {
      if (this.abandonStart(record)) return;
      record.containerID = `containerd://${this.random.hex(64)}`;
      record.created = true;
      this.event(record, 'Normal', 'Created', `Created container ${record.name}`);
      this.after(latency.start, () => {
        if (!this.abandonStart(record)) this.runContainer(record);
      });
    });
  }

  /** A start under way when the pod began terminating does not go on. */
  private abandonStart(record: ContainerRecord): boolean {
    if (!this.terminating) return false;
    record.busy = false;
    this.finishTerminationIfStopped();
    return true;
  }

  private runContainer(record: ContainerRecord): void {
    const instance = record.instances;
    record.instances += 1;
    if (instance > 0) record.restartCount += 1;
    if (record.latestExit !== undefined) record.lastTerminated = record.latestExit;
    const startedAt = this.now();
    const containerID = record.containerID ?? '';
    this.event(record, 'Normal', 'Started', `Started container ${record.name}`);
    const writer = this.context.logs.startInstance(this.namespace, this.name, record.name, record.restartCount);
    this.logWriters.set(record.name, writer);
    const program = this.context.behaviours.programFor(this.uid, record.spec);
    const plan = program({
      now: () => this.now(),
      random: this.random.fork(`${record.name}/${instance}`),
      instance,
      namespace: this.namespace,
      pod: this.name,
      container: record.name,
      node: this.context.node.name,
      podIP: this.podIP ?? '',
    });
    record.state = { kind: 'running', startedAt };
    record.started = true;
    record.busy = false;
    record.ready = record.kind === 'app' || record.restartable ? readinessProbeOf(record) === undefined : false;
    record.probe = { successes: 0, failures: 0 };
    record.process = startProcess(plan, {
      clock: this.context.clock,
      write: (line) => writer.write(line.text, line.stream),
      onExit: (exit) => this.processExited(record, exit, startedAt, containerID, writer),
      ...(this.context.steadyIntervalMs !== undefined ? { steadyIntervalMs: this.context.steadyIntervalMs } : {}),
    });
    if (record.process.isRunning()) this.startProbing(record);
    this.writeStatus();
    this.sync();
  }

  // ---- a container's process ended -----------------------------------------------------------

  private processExited(record: ContainerRecord, exit: ProcessExit, startedAt: number, containerID: string, writer: LogWriter): void {
    const finishedAt = this.now();
    writer.end();
    record.process = undefined;
    record.exitPending = true;
    this.timers.cancel(record.probeTimer);
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
      if (this.terminating) {
        this.finishTerminationIfStopped();
        return;
      }
      this.writeStatus();
      this.sync();
    };
    if (this.finished) return;
    if (this.terminating) notice();
    else this.after(latency.noticeExit, notice);
  }

  // ---- readiness probes -----------------------------------------------------------------------

  private startProbing(record: ContainerRecord): void {
    const probe = readinessProbeOf(record);
    if (probe === undefined) return;
    const run = (): void => {
      record.probeTimer = undefined;
      const process = record.process;
      if (process === undefined || !process.isRunning() || this.terminating) return;
      const outcome = process.probeReadiness();
      const before = record.ready;
      if (outcome.ok) {
        record.probe.successes += 1;
        record.probe.failures = 0;
        if (record.probe.successes >= probe.successThreshold) record.ready = true;
      } else {
        record.probe.failures += 1;
        record.probe.successes = 0;
        this.event(record, 'Warning', 'Unhealthy', `Readiness probe failed: ${outcome.output}`);
        if (record.probe.failures >= probe.failureThreshold) record.ready = false;
      }
      if (record.ready !== before) this.writeStatus();
      record.probeTimer = this.timers.after(probe.periodMs, run);
    };
    // Probes tick every period from the container's start and skip ticks before initialDelaySeconds.
    const firstTick = probe.initialDelayMs === 0 ? this.between([100, 600]) : Math.ceil(probe.initialDelayMs / probe.periodMs) * probe.periodMs;
    record.probeTimer = this.timers.after(firstTick, run);
  }

  // ---- termination ----------------------------------------------------------------------------

  private beginTermination(): void {
    if (this.terminating) return;
    this.terminating = true;
    this.timers.cancel(this.syncTimer);
    const graceSeconds = this.gracePeriodSeconds();
    for (const record of this.records) {
      this.timers.cancel(record.restartTimer);
      this.timers.cancel(record.probeTimer);
      record.restartTimer = undefined;
      record.probeTimer = undefined;
      record.cancelPull?.();
      record.busy = false;
      if (record.process?.isRunning() === true) {
        this.event(record, 'Normal', 'Killing', `Stopping container ${record.name}`);
        record.process.term();
      }
    }
    this.timers.after(graceSeconds * 1000, () => {
      for (const record of this.records) if (record.process?.isRunning() === true) record.process.kill();
    });
    this.finishTerminationIfStopped();
  }

  private finishTerminationIfStopped(): void {
    if (this.records.some((record) => record.process !== undefined || record.exitPending)) return;
    this.writeStatus();
    this.after(latency.cleanup, () => {
      const current = this.context.store.get({ resource: 'pods', namespace: this.namespace, name: this.name });
      if (current !== undefined && stringField(current, 'metadata', 'uid') === this.uid) {
        this.context.store.remove({ resource: 'pods', namespace: this.namespace, name: this.name });
      }
      this.removed();
    });
  }

  // ---- status --------------------------------------------------------------------------------

  private statusView(): PodStatusView | undefined {
    if (this.startTime === undefined) return undefined;
    const view: PodStatusView = {
      restartPolicy: this.restartPolicy(),
      hostIP: this.context.node.hostIP,
      startTime: this.startTime,
      initContainers: this.records.filter((record) => record.kind === 'init').map(initStatusView),
      containers: this.records.filter((record) => record.kind === 'app').map(statusView),
      ephemeralContainers: this.records.filter((record) => record.kind === 'ephemeral').map(statusView),
      qosClass: stringField(this.pod, 'status', 'qosClass') ?? qosClass(objectField(this.pod, 'spec') ?? {}),
    };
    if (this.podIP !== undefined) view.podIP = this.podIP;
    return view;
  }

  private isTerminal(): boolean {
    const view = this.statusView();
    if (view === undefined) return false;
    const phase = podPhase(view);
    return phase === 'Succeeded' || phase === 'Failed';
  }

  private writeStatus(): void {
    if (this.finished) return;
    const view = this.statusView();
    if (view === undefined) return;
    const now = this.now();
    const updated = this.context.store.update({ resource: 'pods', namespace: this.namespace, name: this.name }, (pod) => {
      if (stringField(pod, 'metadata', 'uid') !== this.uid) return;
      pod['status'] = buildPodStatus(view, objectField(pod, 'status'), now);
    });
    if (updated !== undefined && stringField(updated, 'metadata', 'uid') === this.uid) this.pod = updated;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private addEphemeralContainers(pod: JsonObject): boolean {
    let added = false;
    for (const spec of objectList(pod, 'spec', 'ephemeralContainers')) {
      const name = stringField(spec, 'name') ?? '';
      if (this.records.some((record) => record.name === name)) continue;
      // A pod that already finished never starts an ephemeral container (recorded: no status ever appears).
      if (this.isTerminal()) continue;
      this.records.push(newContainerRecord(spec, 'ephemeral', false));
      added = true;
    }
    return added;
  }

  private scheduleSync(delayMs: number): void {
    const due = this.now() + delayMs;
    if (this.syncDue !== undefined && this.syncDue <= due && this.syncDue >= this.now()) return;
    this.timers.cancel(this.syncTimer);
    this.syncDue = due;
    this.syncTimer = this.timers.after(delayMs, () => {
      this.syncDue = undefined;
      this.sync();
    });
  }

  private event(record: ContainerRecord, type: EventType, reason: string, message: string): void {
    this.context.events.record(
      kubeletSource(this.context.node),
      {
        kind: 'Pod',
        namespace: this.namespace,
        name: this.name,
        uid: this.uid,
        apiVersion: 'v1',
        resourceVersion: stringField(this.pod, 'metadata', 'resourceVersion') ?? '',
        fieldPath: fieldPathOf(record),
      },
      type,
      reason,
      message,
    );
  }

  private deletionRequested(): boolean {
    return stringField(this.pod, 'metadata', 'deletionTimestamp') !== undefined;
  }

  private gracePeriodSeconds(): number {
    const metadata = objectField(this.pod, 'metadata');
    const fromDeletion = metadata?.['deletionGracePeriodSeconds'];
    if (typeof fromDeletion === 'number') return fromDeletion;
    const fromSpec = objectField(this.pod, 'spec')?.['terminationGracePeriodSeconds'];
    return typeof fromSpec === 'number' ? fromSpec : 30;
  }

  private restartPolicy(): string {
    return stringField(this.pod, 'spec', 'restartPolicy') ?? 'Always';
  }

  private now(): number {
    return this.context.clock.now();
  }

  private between(range: readonly [number, number]): number {
    return Math.round(this.random.between(range[0], range[1]));
  }

  private after(range: readonly [number, number], fn: () => void): void {
    this.timers.after(this.between(range), fn);
  }
}
