import type { JsonObject, ObjectStoreApi, StoreChange } from '../apiTypes.js';
import { realClock, type Clock } from '../clock.js';
import { Behaviours } from './behaviours.js';
import { EventRecorder, defaultEventTtlMs } from './eventRecorder.js';
import { JobController } from './jobController.js';
import { stringField } from './json.js';
import type { PodNetwork } from '../network/podNetwork.js';
import { Kubelet } from './kubelet.js';
import type { PodUsageView } from './kubeletSummary.js';
import { NamespaceController } from './namespaceController.js';
import { LogStore, type ContainerLogs } from './logStore.js';
import { demoNodes, type ClusterNode } from './nodes.js';
import { applyPodDefaults, needsPodDefaults } from './podDefaults.js';
import { seededRandom } from './random.js';
import { createRegistry } from './registry.js';
import { ReplicaSetController } from './replicaSetController.js';
import { WorkloadObjects } from './workloadObjects.js';
import { seedScenario } from './scenario.js';
import { Scheduler } from './scheduler.js';

export type { ContainerLogInfo, ContainerLogs, LogEntry, LogStream } from './logStore.js';
export type { ClusterNode } from './nodes.js';
export type { PodUsageView, ContainerUsageView } from './kubeletSummary.js';
export { applyPodDefaults, defaultContainer } from './podDefaults.js';
export { demoNodes } from './nodes.js';

export interface ControlPlaneOptions {
  /** Seeds every random choice (names, IPs, timings, log content): the same seed gives the same cluster. */
  seed: number;
  /** Used only when no clock is given: `realClock(speed)`. */
  speed?: number;
  clock?: Clock;
  /** Seed the namespaces and workloads (default true); without it only pods created through the API run. */
  scenario?: boolean;
  /** Lines per second per running container, overriding each program's own pace (a firehose for benchmarks). */
  logRate?: number;
  /** Only these pods (`namespace/name`) write at `logRate`; absent: every running container. */
  logRatePods?: readonly string[];
  /** How long an event lives after its last update (default 1 h, as kube-apiserver's --event-ttl). */
  eventTtlMs?: number;
  /** Lines kept per container instance (default 10 000). */
  maxLogLines?: number;
  /** Where containers' servers listen (port-forward); absent: no container listens. */
  network?: PodNetwork;
}

export interface ControlPlane {
  readonly clock: Clock;
  readonly nodes: readonly ClusterNode[];
  /** Container output for the pods/{name}/log endpoint. */
  readonly logs: ContainerLogs;
  /** The Deployments, ReplicaSets, Jobs… the controllers manage, for GETs of a pod's owner chain. */
  readonly workloads: WorkloadObjects;
  /** Makes a running container's process end by itself with `exitCode` (an attached shell typed `exit`). */
  exitContainer(namespace: string, pod: string, container: string, exitCode: number): boolean;
  /** The kubelet's `/stats/summary` of node `name`; undefined for a node that does not exist. */
  nodeSummary(name: string): JsonObject | undefined;
  /** The running containers' usage on every node, for the metrics API. */
  podUsage(): PodUsageView[];
  /**
   * Stops the simulation where it stands (no timer of any controller or kubelet runs again), while
   * usage and summaries keep answering with what they were at this instant: a cluster where
   * nothing changes, which still looks like the one it was.
   */
  freeze(): void;
  stop(): void;
}

/**
 * Brings the demo cluster to life: a scheduler, a kubelet per node, ReplicaSet/DaemonSet and Job
 * controllers and an event recorder, all working on the objects in `store` (including pods created
 * and deleted through the API later), plus the seeded scenario.
 */
export function startControlPlane(store: ObjectStoreApi, options: ControlPlaneOptions): ControlPlane {
  const clock = options.clock ?? realClock(options.speed ?? 1);
  const random = seededRandom(options.seed);
  const nodes = demoNodes;
  const events = new EventRecorder(store, clock, random.fork('events'), options.eventTtlMs ?? defaultEventTtlMs);
  const logs = new LogStore(() => clock.now(), options.maxLogLines);
  const behaviours = new Behaviours();
  const registry = createRegistry();
  const steadyIntervalMs = options.logRate !== undefined && options.logRate > 0 ? 1000 / options.logRate : undefined;
  const kubelets = new Map<string, Kubelet>(
    nodes.map((node) => [
      node.name,
      new Kubelet(node, {
        store,
        clock,
        events,
        logs,
        behaviours,
        registry,
        random: random.fork('kubelets'),
        ...(options.network !== undefined ? { network: options.network } : {}),
        ...(steadyIntervalMs !== undefined ? { steadyIntervalMs } : {}),
        ...(options.logRatePods !== undefined ? { firehosePods: new Set(options.logRatePods) } : {}),
      }),
    ]),
  );
  const scheduler = new Scheduler(store, clock, events, random.fork('scheduler'), nodes);
  const workloads = new WorkloadObjects();
  const replicaSets = new ReplicaSetController(store, clock, events, behaviours, random.fork('replicasets'), nodes, workloads);
  const jobs = new JobController(store, clock, events, behaviours, random.fork('jobs'), workloads);
  const namespaces = new NamespaceController(store, clock);
  const admissionRandom = random.fork('admission');
  let stopped = false;

  const podChanged = (changed: JsonObject, type: StoreChange['type']): void => {
    let pod = changed;
    const uid = stringField(pod, 'metadata', 'uid') ?? '';
    const nodeName = stringField(pod, 'spec', 'nodeName');
    if (type === 'DELETED') {
      if (nodeName !== undefined) kubelets.get(nodeName)?.podRemoved(uid);
      behaviours.forget(uid);
      replicaSets.podChanged(pod);
      jobs.podChanged(pod, true);
      return;
    }
    if (type === 'ADDED' && needsPodDefaults(pod)) {
      // Normally the API server defaults a pod on create; fill in what a bare POST left out.
      const namespace = stringField(pod, 'metadata', 'namespace') ?? '';
      const name = stringField(pod, 'metadata', 'name') ?? '';
      const defaulted = store.update({ resource: 'pods', namespace, name }, (object) => {
        if (stringField(object, 'metadata', 'uid') !== uid) return;
        Object.assign(object, applyPodDefaults(object, { random: () => admissionRandom.next() }));
      });
      if (defaulted !== undefined) pod = defaulted;
    }
    scheduler.podChanged(pod);
    if (nodeName !== undefined) kubelets.get(nodeName)?.podChanged(pod);
    replicaSets.podChanged(pod);
    jobs.podChanged(pod, false);
  };

  const unsubscribe = store.onChange((change) => {
    if (stopped) return;
    namespaces.changed(change);
    if (change.resource === 'pods') podChanged(change.object, change.type);
    else if (change.resource === 'events' && change.type === 'DELETED') {
      events.forgetEvent(stringField(change.object, 'metadata', 'namespace') ?? '', stringField(change.object, 'metadata', 'name') ?? '');
    }
  });

  let frozen: { usage: PodUsageView[]; summaries: Map<string, JsonObject | undefined> } | undefined;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    scheduler.stop();
    replicaSets.stop();
    jobs.stop();
    namespaces.stop();
    for (const kubelet of kubelets.values()) kubelet.stop();
    events.stop();
  };

  for (const pod of store.list('pods')) podChanged(pod, 'ADDED');
  if (options.scenario !== false) {
    seedScenario({ store, random: random.fork('scenario'), registry, replicaSets, jobs, now: clock.now() });
  }

  return {
    clock,
    nodes,
    logs,
    workloads,
    exitContainer(namespace, pod, container, exitCode) {
      const object = store.get({ resource: 'pods', namespace, name: pod });
      const nodeName = stringField(object, 'spec', 'nodeName');
      if (object === undefined || nodeName === undefined) return false;
      return kubelets.get(nodeName)?.exitContainer(stringField(object, 'metadata', 'uid') ?? '', container, exitCode) ?? false;
    },
    nodeSummary: (name) => (frozen === undefined ? (kubelets.get(name)?.summary() as JsonObject | undefined) : frozen.summaries.get(name)),
    podUsage: () => frozen?.usage ?? [...kubelets.values()].flatMap((kubelet) => kubelet.podUsage()),
    freeze() {
      if (stopped) return;
      const at = clock.now();
      frozen = {
        usage: [...kubelets.values()].flatMap((kubelet) => kubelet.podUsage(at)),
        summaries: new Map([...kubelets].map(([name, kubelet]) => [name, kubelet.summary(at) as JsonObject])),
      };
      stop();
    },
    stop,
  };
}
