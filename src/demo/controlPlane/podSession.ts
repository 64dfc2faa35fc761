import type { JsonObject, ObjectKey } from '../apiTypes.js';
import type { ClockTimer } from '../clock.js';
import { newContainerRecord, type ContainerRecord } from './containerRecord.js';
import type { EventType } from './eventRecorder.js';
import { objectList, stringField } from './json.js';
import type { KubeletContext } from './kubeletContext.js';
import type { LatencyRange } from './kubeletLatency.js';
import type { Random } from './random.js';
import { TimerGroup } from './timers.js';

function fieldPathOf(record: ContainerRecord): string {
  const list = record.kind === 'init' ? 'initContainers' : record.kind === 'ephemeral' ? 'ephemeralContainers' : 'containers';
  return `spec.${list}{${record.name}}`;
}

/**
 * What the parts of one pod worker share: the pod as last seen, its container records, where the pod
 * is in its life, its timers and seeded randomness, and the kubelet's sync of it (run now or later).
 */
export class PodSession {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  pod: JsonObject;
  readonly records: ContainerRecord[];
  readonly timers: TimerGroup;
  readonly random: Random;
  startTime: number | undefined;
  podIP: string | undefined;
  sandboxReady = false;
  terminating = false;
  finished = false;
  private syncDue: number | undefined;
  private syncTimer: ClockTimer | undefined;

  constructor(
    pod: JsonObject,
    readonly context: KubeletContext,
    /** How many pods of this name the node ran before: seeds this one's randomness (uids are random). */
    incarnation: number,
    /** One pass of the kubelet's sync of this pod. */
    readonly sync: () => void,
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
  }

  /** Syncs after `delayMs` unless a sync is already due sooner. */
  scheduleSync(delayMs: number): void {
    const due = this.now() + delayMs;
    if (this.syncDue !== undefined && this.syncDue <= due && this.syncDue >= this.now()) return;
    this.timers.cancel(this.syncTimer);
    this.syncDue = due;
    this.syncTimer = this.timers.after(delayMs, () => {
      this.syncDue = undefined;
      this.sync();
    });
  }

  cancelScheduledSync(): void {
    this.timers.cancel(this.syncTimer);
  }

  /** An event about one of the pod's containers, from this node's kubelet. */
  event(record: ContainerRecord, type: EventType, reason: string, message: string): void {
    this.context.events.record(
      { component: 'kubelet', host: this.context.node.name },
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

  /** Ends every container process and image pull at once (no grace period). */
  killAll(): void {
    for (const record of this.records) {
      record.cancelPull?.();
      if (record.process?.isRunning() === true) record.process.kill();
    }
  }

  /** The pod's key in the API server's store. */
  podKey(): ObjectKey {
    return { resource: 'pods', namespace: this.namespace, name: this.name };
  }

  deletionRequested(): boolean {
    return stringField(this.pod, 'metadata', 'deletionTimestamp') !== undefined;
  }

  restartPolicy(): string {
    return stringField(this.pod, 'spec', 'restartPolicy') ?? 'Always';
  }

  now(): number {
    return this.context.clock.now();
  }

  between(range: LatencyRange): number {
    return Math.round(this.random.between(range[0], range[1]));
  }

  /** Runs `fn` after a delay drawn from `range`. */
  after(range: LatencyRange, fn: () => void): void {
    this.timers.after(this.between(range), fn);
  }
}
