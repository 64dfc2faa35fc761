import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import type { EventRecorder } from './eventRecorder.js';
import { ensureObject, objectField, objectList, stringField, withKeyOrder } from './json.js';
import { nodeMatches } from './nodeMatching.js';
import { schedulerInstance, type ClusterNode } from './nodes.js';
import type { Random } from './random.js';
import { podRequests, type PodRequests } from './resources.js';
import { rfc3339 } from './time.js';
import { TimerGroup } from './timers.js';

/** kube-scheduler v1.24 retries a pod that fit nowhere after podMaxInUnschedulablePodsDuration (plus the 30 s flush). */
const unschedulableRetryMs = 5 * 60 * 1000;

const statusOrder = ['phase', 'conditions', 'hostIP', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass'];

interface Placement {
  node?: ClusterNode;
  /** Why each node was rejected, as "N <reason>" counts. */
  reasons: Map<string, number>;
  preemption: Map<string, number>;
}

function isActive(pod: JsonObject): boolean {
  const phase = stringField(pod, 'status', 'phase');
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function controllerUid(pod: JsonObject): string | undefined {
  const owner = objectList(pod, 'metadata', 'ownerReferences').find((reference) => reference['controller'] === true);
  return owner === undefined ? undefined : stringField(owner, 'uid');
}

function countsText(counts: Map<string, number>): string {
  return [...counts.entries()]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort()
    .join(', ');
}

/**
 * The default scheduler: filters nodes by nodeSelector / node affinity and free resources, prefers
 * the least loaded node and spreads a controller's replicas, binds (nodeName + PodScheduled), and
 * reports Scheduled / FailedScheduling events the events.k8s.io way.
 */
export class Scheduler {
  private readonly timers: TimerGroup;
  private readonly queued = new Set<string>();
  /** Pods that fit nowhere: they wait for the periodic retry, not for their own status updates. */
  private readonly unschedulable = new Set<string>();
  private busyUntil = 0;

  constructor(
    private readonly store: ObjectStoreApi,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly random: Random,
    private readonly nodes: readonly ClusterNode[],
  ) {
    this.timers = new TimerGroup(clock);
  }

  /** A pod was added or changed: queue it if it waits for a node. */
  podChanged(pod: JsonObject): void {
    if (!this.wantsScheduling(pod)) return;
    const uid = stringField(pod, 'metadata', 'uid') ?? '';
    if (this.queued.has(uid) || this.unschedulable.has(uid)) return;
    this.queued.add(uid);
    // One pod at a time, each taking a few milliseconds.
    const now = this.clock.now();
    this.busyUntil = Math.max(now + 15, this.busyUntil) + Math.round(this.random.between(4, 25));
    const namespace = stringField(pod, 'metadata', 'namespace') ?? '';
    const name = stringField(pod, 'metadata', 'name') ?? '';
    this.timers.after(this.busyUntil - now, () => {
      this.queued.delete(uid);
      this.attempt(namespace, name, uid);
    });
  }

  stop(): void {
    this.timers.close();
  }

  private wantsScheduling(pod: JsonObject): boolean {
    return (
      stringField(pod, 'spec', 'nodeName') === undefined &&
      (stringField(pod, 'spec', 'schedulerName') ?? 'default-scheduler') === 'default-scheduler' &&
      stringField(pod, 'metadata', 'deletionTimestamp') === undefined &&
      isActive(pod)
    );
  }

  private attempt(namespace: string, name: string, uid: string): void {
    this.unschedulable.delete(uid);
    const pod = this.store.get({ resource: 'pods', namespace, name });
    if (pod === undefined || stringField(pod, 'metadata', 'uid') !== uid || !this.wantsScheduling(pod)) return;
    const placement = this.place(pod);
    const now = this.clock.now();
    const reference = { kind: 'Pod', namespace, name, uid, apiVersion: 'v1', resourceVersion: stringField(pod, 'metadata', 'resourceVersion') ?? '' };
    const node = placement.node;
    if (node !== undefined) {
      this.store.update({ resource: 'pods', namespace, name }, (object) => {
        if (stringField(object, 'metadata', 'uid') !== uid) return;
        ensureObject(object, 'spec')['nodeName'] = node.name;
        this.setScheduledCondition(object, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) });
      });
      this.events.recordSeries(reference, {
        type: 'Normal',
        reason: 'Scheduled',
        action: 'Binding',
        message: `Successfully assigned ${namespace}/${name} to ${node.name}`,
        reportingController: 'default-scheduler',
        reportingInstance: schedulerInstance,
      });
      return;
    }
    const total = this.nodes.length;
    this.unschedulable.add(uid);
    const message = `0/${total} nodes are available: ${countsText(placement.reasons)}. preemption: 0/${total} nodes are available: ${countsText(placement.preemption)}.`;
    this.store.update({ resource: 'pods', namespace, name }, (object) => {
      if (stringField(object, 'metadata', 'uid') !== uid) return;
      const previous = objectList(object, 'status', 'conditions').find((condition) => stringField(condition, 'type') === 'PodScheduled');
      const unchanged = previous !== undefined && stringField(previous, 'status') === 'False';
      this.setScheduledCondition(object, {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: unchanged ? (previous['lastTransitionTime'] ?? rfc3339(now)) : rfc3339(now),
        reason: 'Unschedulable',
        message,
      });
    });
    this.events.recordSeries(reference, {
      type: 'Warning',
      reason: 'FailedScheduling',
      action: 'Scheduling',
      message,
      reportingController: 'default-scheduler',
      reportingInstance: schedulerInstance,
    });
    this.timers.after(unschedulableRetryMs + Math.round(this.random.between(0, 30_000)), () => this.attempt(namespace, name, uid));
  }

  private setScheduledCondition(pod: JsonObject, condition: JsonObject): void {
    const status = ensureObject(pod, 'status');
    const others = objectList(status, 'conditions').filter((existing) => stringField(existing, 'type') !== 'PodScheduled');
    status['conditions'] = [...others, condition];
    pod['status'] = withKeyOrder(status, statusOrder);
  }

  private place(pod: JsonObject): Placement {
    const spec = objectField(pod, 'spec') ?? {};
    const wanted = podRequests(spec);
    const owner = controllerUid(pod);
    const reasons = new Map<string, number>();
    const preemption = new Map<string, number>();
    const count = (map: Map<string, number>, reason: string): void => {
      map.set(reason, (map.get(reason) ?? 0) + 1);
    };
    const bound = this.store.view('pods').filter((other) => isActive(other) && stringField(other, 'spec', 'nodeName') !== undefined);
    let best: { node: ClusterNode; score: number } | undefined;
    for (const node of this.nodes) {
      if (!nodeMatches(spec, node)) {
        count(reasons, "node(s) didn't match Pod's node affinity/selector");
        count(preemption, 'Preemption is not helpful for scheduling');
        continue;
      }
      const onNode = bound.filter((other) => stringField(other, 'spec', 'nodeName') === node.name);
      const used = onNode.reduce<PodRequests>(
        (sum, other) => {
          const requests = podRequests(objectField(other, 'spec') ?? {});
          return { cpuMillis: sum.cpuMillis + requests.cpuMillis, memoryBytes: sum.memoryBytes + requests.memoryBytes };
        },
        { cpuMillis: 0, memoryBytes: 0 },
      );
      const insufficient: string[] = [];
      if (onNode.length + 1 > node.allocatable.pods) insufficient.push('Too many pods');
      if (used.cpuMillis + wanted.cpuMillis > node.allocatable.cpuMillis) insufficient.push('Insufficient cpu');
      if (used.memoryBytes + wanted.memoryBytes > node.allocatable.memoryBytes) insufficient.push('Insufficient memory');
      if (insufficient.length > 0) {
        for (const reason of insufficient) count(reasons, reason);
        count(preemption, 'No preemption victims found for incoming pod');
        continue;
      }
      const free =
        (1 - (used.cpuMillis + wanted.cpuMillis) / node.allocatable.cpuMillis + (1 - (used.memoryBytes + wanted.memoryBytes) / node.allocatable.memoryBytes)) / 2;
      const siblings = owner === undefined ? 0 : onNode.filter((other) => controllerUid(other) === owner).length;
      const score = free * 100 - siblings * 40 - onNode.length + this.random.next();
      if (best === undefined || score > best.score) best = { node, score };
    }
    return best === undefined ? { reasons, preemption } : { node: best.node, reasons, preemption };
  }
}
