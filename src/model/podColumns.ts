import type { ContainerStatus, Pod, PodCondition } from './apiObjects.js';
import { isRestartableInitContainer } from './containers.js';
import { humanDuration } from './duration.js';
import { cleanName, p, type Printable } from './printable.js';
import { toMillis } from './time.js';

/** What a pod's row says that does not change with the clock: computed (and cleaned) once per object. */
export interface PodFacts {
  name: Printable;
  namespace: Printable;
  /** `ready/total`, sidecars included. */
  ready: Printable;
  status: Printable;
  ip: Printable;
  node: Printable;
  nominatedNode: Printable;
  readinessGates: Printable;
  /** The numbers behind `ready` and `restarts`, for sorting. */
  readyContainers: number;
  totalContainers: number;
  restartCount: number;
  /** finishedAt of the most recent restart counted in `restartCount`, in ms. */
  lastRestartMs: number | undefined;
  createdMs: number | undefined;
}

/** The cells of `kubectl get pods -o wide` (and the server-side Table) for one pod, cleaned for the terminal. */
export interface PodColumns extends Omit<PodFacts, 'lastRestartMs' | 'createdMs'> {
  /** `9` or `9 (93s ago)`. */
  restarts: Printable;
  age: Printable;
}

export type PodHealth = 'healthy' | 'progressing' | 'warning' | 'failed' | 'completed' | 'terminating';

interface PodSummary {
  readyContainers: number;
  totalContainers: number;
  reason: string;
  restarts: number;
  /** finishedAt of the most recent restart counted in `restarts`, in ms. */
  lastRestartMs: number | undefined;
}

const NONE = p`<none>`;
const UNKNOWN = p`<unknown>`;
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** Columns computed with the semantics of the Kubernetes pod printer (printPod). */
export function podColumns(pod: Pod, now: Date): PodColumns {
  return columnsAt(podFacts(pod), now);
}

/** The cells that do not depend on the time; cluster text in them is cleaned (see model/printable). */
export function podFacts(pod: Pod): PodFacts {
  const summary = summarizePod(pod);
  return {
    name: cleanName(pod.metadata?.name),
    namespace: cleanName(pod.metadata?.namespace),
    ready: p`${summary.readyContainers}/${summary.totalContainers}`,
    status: cleanName(summary.reason),
    ip: orNone(pod.status?.podIPs?.[0]?.ip),
    node: orNone(pod.spec?.nodeName),
    nominatedNode: orNone(pod.status?.nominatedNodeName),
    readinessGates: readinessGates(pod),
    readyContainers: summary.readyContainers,
    totalContainers: summary.totalContainers,
    restartCount: summary.restarts,
    lastRestartMs: summary.lastRestartMs,
    createdMs: toMillis(pod.metadata?.creationTimestamp),
  };
}

/** The whole row at `now`: the facts plus AGE and the time since the last restart. */
export function columnsAt(facts: PodFacts, now: Date): PodColumns {
  const at = now.getTime();
  let restarts = p`${facts.restartCount}`;
  if (facts.restartCount !== 0 && facts.lastRestartMs !== undefined) {
    restarts = p`${facts.restartCount} (${humanDuration(at - facts.lastRestartMs)} ago)`;
  }
  return {
    name: facts.name,
    namespace: facts.namespace,
    ready: facts.ready,
    status: facts.status,
    restarts,
    age: facts.createdMs === undefined ? UNKNOWN : humanDuration(at - facts.createdMs),
    ip: facts.ip,
    node: facts.node,
    nominatedNode: facts.nominatedNode,
    readinessGates: facts.readinessGates,
    readyContainers: facts.readyContainers,
    totalContainers: facts.totalContainers,
    restartCount: facts.restartCount,
  };
}

/** The STATUS column alone. */
export function podStatus(pod: Pod): string {
  return summarizePod(pod).reason;
}

/** A colour class for the pod, k9s-like, derived from the printed status and readiness. */
export function podHealth(pod: Pod): PodHealth {
  const { reason, readyContainers, totalContainers } = summarizePod(pod);
  const health = healthOf(reason, readyContainers, totalContainers);
  // STATUS says Pending either way; a scheduler that found no node is not progress.
  if (health === 'progressing' && isUnschedulable(pod)) return 'warning';
  return health;
}

function isUnschedulable(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((condition) => condition.type === 'PodScheduled' && condition.status === 'False' && condition.reason === 'Unschedulable');
}

function healthOf(reason: string, ready: number, total: number): PodHealth {
  switch (reason) {
    case 'Terminating':
      return 'terminating';
    case 'Completed':
    case 'Succeeded':
      return 'completed';
    case 'Running':
      return ready === total ? 'healthy' : 'warning';
    case 'NotReady':
    case 'Unknown':
      return 'warning';
    case 'Pending':
    case 'ContainerCreating':
    case 'PodInitializing':
    case 'SchedulingGated':
    case '':
      return 'progressing';
  }
  if (reason.startsWith('Init:')) {
    const initReason = reason.slice('Init:'.length);
    if (/^\d+\/\d+$/.test(initReason)) return 'progressing';
    return healthOf(initReason, ready, total) === 'progressing' ? 'progressing' : 'failed';
  }
  // Every other waiting/terminated reason (CrashLoopBackOff, Error, OOMKilled, ErrImagePull,
  // ImagePullBackOff, ExitCode:N, Signal:N, Evicted, phase Failed, ...) means something broke.
  return 'failed';
}

function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status;
  const phase = status?.phase ?? '';
  let reason = status?.reason ? status.reason : phase;
  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let lastRestartMs: number | undefined;
  let lastSidecarRestartMs: number | undefined;

  if ((status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = spec?.initContainers ?? [];
  const initByName = new Map(initSpecs.map((c) => [c.name, c]));
  totalContainers += initSpecs.filter((c) => isRestartableInitContainer(c)).length;

  let initializing = false;
  const initStatuses = status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i] as ContainerStatus;
    const sidecar = isRestartableInitContainer(initByName.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestartMs = later(lastRestartMs, lastFinishedAt(container));
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestartMs = later(lastSidecarRestartMs, lastFinishedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || firstConditionIsTrue(status?.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestartMs = lastSidecarRestartMs;
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    // Walked backwards so that the first container's reason is the one that sticks.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i] as ContainerStatus;
      restarts += container.restartCount ?? 0;
      lastRestartMs = later(lastRestartMs, lastFinishedAt(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = anyConditionIsTrue(status?.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status?.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return { readyContainers, totalContainers, reason, restarts, lastRestartMs };
}

function lastFinishedAt(container: ContainerStatus): number | undefined {
  return toMillis(container.lastState?.terminated?.finishedAt);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

// The printer reads Initialized from the first condition of that type but accepts any true Ready.
function firstConditionIsTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).find((c) => c.type === type)?.status === 'True';
}

function anyConditionIsTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function readinessGates(pod: Pod): Printable {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return NONE;
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True').length;
  return p`${trueCount}/${gates.length}`;
}

function orNone(value: string | undefined): Printable {
  return value ? cleanName(value) : NONE;
}
