import type { JsonObject } from '../apiTypes.js';
import { arrayAt, isJsonObject, metadataName, numberAt, objectAt, stringAt } from '../jsonAccess.js';
import { badRequest } from '../status.js';

function containerNames(pod: JsonObject, list: 'containers' | 'initContainers' | 'ephemeralContainers'): string[] {
  return arrayAt(pod, 'spec', list).map((container) => stringAt(container, 'name') ?? '');
}

/**
 * The container a log request is for, as kube-apiserver's LogLocation decides before it asks the kubelet:
 * the only container when none is named (no default-container annotation: that is kubectl's business),
 * else any container, init container or ephemeral container of the pod. 400 otherwise.
 */
export function resolveLogContainer(pod: JsonObject, requested: string): string {
  const podName = metadataName(pod);
  const containers = containerNames(pod, 'containers');
  if (requested === '') {
    if (containers.length === 1) return containers[0] ?? '';
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${podName}`);
    const initContainers = containerNames(pod, 'initContainers');
    let message = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
    if (initContainers.length > 0) message += ` or one of the init containers: [${initContainers.join(' ')}]`;
    throw badRequest(message);
  }
  const known = [...containers, ...containerNames(pod, 'initContainers'), ...containerNames(pod, 'ephemeralContainers')];
  if (!known.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

/** A pod the scheduler has not placed yet: kube-apiserver has no kubelet to ask and answers 204. */
export function isUnscheduled(pod: JsonObject): boolean {
  return (stringAt(pod, 'spec', 'nodeName') ?? '') === '';
}

/** Which run of the container the kubelet reads: identified by its ID and the restart count it ran under. */
export interface LogInstance {
  containerID: string;
  restartCount: number;
}

function containerStatus(pod: JsonObject, container: string): JsonObject | undefined {
  for (const list of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    const found = arrayAt(pod, 'status', list).find((status) => isJsonObject(status) && status['name'] === container);
    if (isJsonObject(found)) return found;
  }
  return undefined;
}

const waitingWording: Readonly<Record<string, string>> = {
  ErrImagePull: "image can't be pulled",
  ImagePullBackOff: 'trying and failing to pull image',
};

/**
 * The kubelet's choice of container instance from the pod status (validateContainerLogStatus): with
 * `previous` the last terminated one; else the running one, the terminated one, or (waiting to restart,
 * e.g. CrashLoopBackOff) the last one that exited. 400 with the kubelet's sentence when there is none.
 *
 * The restart count of the chosen instance follows from the status: a running or terminated container
 * is run number `restartCount` and its lastState the one before; a container waiting to restart has not
 * counted its next run yet, so its lastState is run number `restartCount`.
 */
export function kubeletLogInstance(pod: JsonObject, container: string, previous: boolean): LogInstance {
  const podName = metadataName(pod);
  const status = containerStatus(pod, container);
  if (status === undefined) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const restartCount = numberAt(status, 'restartCount') ?? 0;
  const running = objectAt(status, 'state', 'running');
  const terminated = objectAt(status, 'state', 'terminated');
  const waiting = objectAt(status, 'state', 'waiting');
  const lastTerminated = objectAt(status, 'lastState', 'terminated');
  const lastID = stringAt(lastTerminated, 'containerID') ?? '';
  const lastRun = running !== undefined || terminated !== undefined ? restartCount - 1 : restartCount;

  if (previous) {
    if (lastID === '') throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return { containerID: lastID, restartCount: lastRun };
  }
  if (running !== undefined) return { containerID: stringAt(status, 'containerID') ?? '', restartCount };
  if (terminated !== undefined) {
    const id = stringAt(terminated, 'containerID') ?? '';
    if (id !== '') return { containerID: id, restartCount };
    if (lastID !== '') return { containerID: lastID, restartCount: lastRun };
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (lastTerminated !== undefined) {
    if (lastID === '') throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return { containerID: lastID, restartCount: lastRun };
  }
  if (waiting !== undefined) {
    const reason = stringAt(waiting, 'reason') ?? '';
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${waitingWording[reason] ?? reason}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}
