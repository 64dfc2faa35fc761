import type { JsonObject } from '../apiTypes.js';
import { ContainerImageStep } from './containerImageStep.js';
import { newContainerRecord } from './containerRecord.js';
import { ContainerStarter } from './containerStarter.js';
import { objectField, objectList, stringField } from './json.js';
import type { KubeletContext } from './kubeletContext.js';
import { kubeletLatency as latency } from './kubeletLatency.js';
import { PodSession } from './podSession.js';
import { PodStatusWriter } from './podStatusWriter.js';
import { PodSync } from './podSync.js';
import { PodTermination } from './podTermination.js';
import { ReadinessProber } from './readinessProber.js';
import type { PodUsageView } from './kubeletSummary.js';

/**
 * The kubelet's handling of one pod, as a state machine driven by clock timers: sandbox, image pulls,
 * init containers one after another, app containers, restarts with back-off, readiness probes,
 * ephemeral containers, graceful termination. Every status change is one store update.
 * This class takes the pod's life events from the kubelet; the parts it wires together do the work.
 */
export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  private readonly session: PodSession;
  private readonly status: PodStatusWriter;
  private readonly termination: PodTermination;
  private readonly podSync: PodSync;

  constructor(
    pod: JsonObject,
    context: KubeletContext,
    private readonly onGone: (worker: PodWorker) => void,
    /** How many pods of this name the node ran before: seeds this one's randomness (uids are random). */
    incarnation = 0,
  ) {
    this.session = new PodSession(pod, context, incarnation, () => this.podSync.run());
    this.uid = this.session.uid;
    this.namespace = this.session.namespace;
    this.name = this.session.name;
    this.status = new PodStatusWriter(this.session);
    this.termination = new PodTermination(this.session, this.status, () => this.removed());
    const starter = new ContainerStarter(
      this.session,
      this.status,
      new ContainerImageStep(this.session, this.status),
      new ReadinessProber(this.session, this.status),
      this.termination,
    );
    this.podSync = new PodSync(this.session, this.status, starter);
    this.addEphemeralContainers(pod);
  }

  start(): void {
    const { session } = this;
    session.after(latency.pickup, () => {
      session.startTime = session.now();
      this.status.write();
      if (session.deletionRequested()) {
        this.termination.begin();
        return;
      }
      session.after(latency.sandbox, () => {
        const { node, ipam } = session.context;
        session.podIP = objectField(session.pod, 'spec')?.['hostNetwork'] === true ? node.hostIP : ipam.allocate();
        session.sandboxReady = true;
        session.sync();
      });
    });
  }

  /** The API server has a new version of the pod (deletion requested, ephemeral container added). */
  update(pod: JsonObject): void {
    const { session } = this;
    if (session.finished) return;
    session.pod = pod;
    if (session.deletionRequested() && !session.terminating && session.startTime !== undefined) {
      this.termination.begin();
      return;
    }
    if (this.addEphemeralContainers(pod)) {
      // The new container shows up as waiting (ContainerCreating) before the runtime starts it.
      this.status.write();
      session.scheduleSync(session.between(latency.pickup));
    }
  }

  /** The pod object is gone from the API server: stop everything at once. */
  removed(): void {
    const { session } = this;
    const { context } = session;
    if (session.finished) return;
    session.finished = true;
    session.timers.close();
    session.killAll();
    if (session.podIP !== undefined && session.podIP !== context.node.hostIP) context.ipam.release(session.podIP);
    context.logs.removePod(this.namespace, this.name);
    context.behaviours.forget(this.uid);
    context.containerBackoff.forget(`${this.uid}/`);
    context.imageBackoff.forget(`${this.uid}_`);
    this.onGone(this);
  }

  /** The process of `container` ends by itself (an interactive session closed). */
  exitContainer(container: string, exitCode: number): boolean {
    const record = this.session.records.find((candidate) => candidate.name === container);
    if (record?.process === undefined || !record.process.isRunning()) return false;
    record.process.exit(exitCode);
    return true;
  }

  /** What the pod's running containers use now (the kubelet's stats/summary of it); undefined before its sandbox. */
  usage(nowMs: number): PodUsageView | undefined {
    const { session } = this;
    if (session.finished || session.startTime === undefined || !session.sandboxReady) return undefined;
    const containers = session.records.flatMap((record) => {
      if (record.usage === undefined || record.process?.isRunning() !== true || record.state.kind !== 'running') return [];
      return [{ name: record.name, startedMs: record.state.startedAt, sample: record.usage(nowMs) }];
    });
    return { name: this.name, namespace: this.namespace, uid: this.uid, startedMs: session.startTime, containers };
  }

  /** The control plane shuts down: processes and timers end, nothing more is written. */
  stop(): void {
    this.session.finished = true;
    this.session.timers.close();
    this.session.killAll();
  }

  private addEphemeralContainers(pod: JsonObject): boolean {
    let added = false;
    for (const spec of objectList(pod, 'spec', 'ephemeralContainers')) {
      const name = stringField(spec, 'name') ?? '';
      if (this.session.records.some((record) => record.name === name)) continue;
      // A pod that already finished never starts an ephemeral container (recorded: no status ever appears).
      if (this.status.isTerminal()) continue;
      this.session.records.push(newContainerRecord(spec, 'ephemeral', false));
      added = true;
    }
    return added;
  }
}
