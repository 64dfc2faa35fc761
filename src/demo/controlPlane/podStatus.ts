import type { JsonObject } from '../apiTypes.js';
import { objectList, stringField } from './json.js';
import { rfc3339 } from './time.js';

/**
 * The kubelet's pod status (v1.24 shapes, as recorded): phase from the container states, the
 * Initialized / Ready / ContainersReady conditions with their reasons and messages, and the container
 * statuses. Pure: the kubelet passes what its runtime knows, we return the JSON it writes.
 */
export interface TerminatedState {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export type ContainerState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; startedAt: number }
  | ({ kind: 'terminated' } & TerminatedState);

export interface ContainerStatusView {
  name: string;
  state: ContainerState;
  lastTerminated?: TerminatedState;
  ready: boolean;
  restartCount: number;
  /** The spec's image until the container was created, then the runtime's normalised name. */
  image: string;
  imageID: string;
  containerID?: string;
  /** Omitted (undefined) for init and ephemeral containers, which v1.24 reports without it. */
  started?: boolean;
}

export interface InitContainerStatusView extends ContainerStatusView {
  /** A sidecar: an init container with restartPolicy Always. */
  restartable: boolean;
}

export interface PodStatusView {
  restartPolicy: string;
  hostIP: string;
  podIP?: string;
  startTime: number;
  initContainers: InitContainerStatusView[];
  containers: ContainerStatusView[];
  ephemeralContainers: ContainerStatusView[];
  qosClass: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** Whether an init container no longer holds up the pod: completed, or a sidecar that has started. */
function initDone(status: InitContainerStatusView): boolean {
  if (status.restartable) return status.state.kind === 'running' || status.lastTerminated !== undefined || status.state.kind === 'terminated';
  return status.state.kind === 'terminated' && status.state.exitCode === 0;
}

/** The kubelet's getPhase. */
export function podPhase(view: PodStatusView): PodPhase {
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const status of view.initContainers) {
    if (status.restartable) {
      if (!initDone(status)) pendingInitialization++;
      continue;
    }
    if (status.state.kind === 'running') pendingInitialization++;
    else if (status.state.kind === 'terminated') {
      if (status.state.exitCode !== 0) failedInitialization++;
    } else if (status.lastTerminated !== undefined) {
      if (status.lastTerminated.exitCode !== 0) failedInitialization++;
    } else pendingInitialization++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const status of view.containers) {
    if (status.state.kind === 'running') running++;
    else if (status.state.kind === 'terminated') {
      stopped++;
      if (status.state.exitCode === 0) succeeded++;
    } else if (status.lastTerminated !== undefined) stopped++;
    else waiting++;
  }
  if (failedInitialization > 0 && view.restartPolicy === 'Never') return 'Failed';
  if (pendingInitialization > 0 || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (view.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (view.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

function nameList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function podConditions(view: PodStatusView, phase: PodPhase): Condition[] {
  const incomplete = view.initContainers.filter((status) => !initDone(status)).map((status) => status.name);
  const initialized: Condition =
    phase === 'Succeeded'
      ? { type: 'Initialized', status: 'True', reason: 'PodCompleted' }
      : incomplete.length > 0
        ? { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${nameList(incomplete)}` }
        : { type: 'Initialized', status: 'True' };
  const unready = [...view.initContainers.filter((status) => status.restartable), ...view.containers]
    .filter((status) => !status.ready)
    .map((status) => status.name);
  const readiness = (type: string): Condition =>
    phase === 'Succeeded'
      ? { type, status: 'False', reason: 'PodCompleted' }
      : unready.length > 0
        ? { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${nameList(unready)}` }
        : { type, status: 'True' };
  return [initialized, readiness('Ready'), readiness('ContainersReady')];
}

function stateJson(state: ContainerState): JsonObject {
  switch (state.kind) {
    case 'waiting':
      return { waiting: state.message === undefined ? { reason: state.reason } : { reason: state.reason, message: state.message } };
    case 'running':
      return { running: { startedAt: rfc3339(state.startedAt) } };
    case 'terminated':
      return { terminated: terminatedJson(state) };
  }
}

function terminatedJson(state: TerminatedState): JsonObject {
  return {
    exitCode: state.exitCode,
    reason: state.reason,
    startedAt: rfc3339(state.startedAt),
    finishedAt: rfc3339(state.finishedAt),
    containerID: state.containerID,
  };
}

export function containerStatusJson(status: ContainerStatusView): JsonObject {
  const json: JsonObject = {
    name: status.name,
    state: stateJson(status.state),
    lastState: status.lastTerminated === undefined ? {} : { terminated: terminatedJson(status.lastTerminated) },
    ready: status.ready,
    restartCount: status.restartCount,
    image: status.image,
    imageID: status.imageID,
  };
  if (status.containerID !== undefined) json['containerID'] = status.containerID;
  if (status.started !== undefined) json['started'] = status.started;
  return json;
}

function byName(a: ContainerStatusView, b: ContainerStatusView): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The status to write. Conditions keep their lastTransitionTime from `previous` unless their status
 * flipped; conditions the kubelet does not own (PodScheduled, set by the scheduler) are kept as they were.
 */
export function buildPodStatus(view: PodStatusView, previous: JsonObject | undefined, now: number): JsonObject {
  const phase = podPhase(view);
  const previousConditions = objectList(previous, 'conditions');
  const owned = new Set(['Initialized', 'Ready', 'ContainersReady']);
  const conditions: JsonObject[] = podConditions(view, phase).map((condition) => {
    const before = previousConditions.find((candidate) => stringField(candidate, 'type') === condition.type);
    const unchanged = before !== undefined && stringField(before, 'status') === condition.status;
    const json: JsonObject = {
      type: condition.type,
      status: condition.status,
      lastProbeTime: null,
      lastTransitionTime: unchanged ? (before['lastTransitionTime'] ?? rfc3339(now)) : rfc3339(now),
    };
    if (condition.reason !== undefined) json['reason'] = condition.reason;
    if (condition.message !== undefined) json['message'] = condition.message;
    return json;
  });
  for (const condition of previousConditions) if (!owned.has(stringField(condition, 'type') ?? '')) conditions.push(condition);

  const status: JsonObject = { phase, conditions, hostIP: view.hostIP };
  if (view.podIP !== undefined) {
    status['podIP'] = view.podIP;
    status['podIPs'] = [{ ip: view.podIP }];
  }
  status['startTime'] = rfc3339(view.startTime);
  if (view.initContainers.length > 0) status['initContainerStatuses'] = view.initContainers.map((init) => containerStatusJson(init));
  status['containerStatuses'] = [...view.containers].sort(byName).map(containerStatusJson);
  status['qosClass'] = view.qosClass;
  if (view.ephemeralContainers.length > 0) status['ephemeralContainerStatuses'] = [...view.ephemeralContainers].sort(byName).map(containerStatusJson);
  return status;
}
