import type { JsonObject } from '../apiTypes.js';
import { isJsonObject } from '../controlPlane/json.js';
import { applyPodDefaults } from '../controlPlane/podDefaults.js';
import type { Random } from '../controlPlane/random.js';
import { formatTimestamp } from '../timestamps.js';

/** What a pod of the scale fleet is doing, in the proportions a big production cluster shows. */
export type ScalePodState =
  | 'running'
  | 'notReady'
  | 'crashLoop'
  | 'oomRestarted'
  | 'imagePullBackOff'
  | 'pending'
  | 'containerCreating'
  | 'completed'
  | 'failed'
  | 'terminating';

export interface ScaleOwner {
  kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  name: string;
  uid: string;
  apiVersion: 'apps/v1' | 'batch/v1';
}

export interface ScalePodSpec {
  namespace: string;
  name: string;
  /** Deployment/StatefulSet/CronJob name: the `app` label. */
  app: string;
  owner: ScaleOwner;
  labels: Record<string, string>;
  image: string;
  /** An Envoy sidecar next to the app container. */
  sidecar: boolean;
  state: ScalePodState;
  node: { name: string; hostIP: string } | undefined;
  podIP: string | undefined;
  createdAt: number;
  /** Restarts so far (crash loops and OOM kills). */
  restarts: number;
}

const sidecarImage = 'envoyproxy/envoy:v1.29.2';

function container(name: string, image: string, port: number, memory: string): JsonObject {
  return {
    name,
    image,
    ports: [{ name: name === 'envoy' ? 'admin' : 'http', containerPort: port, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    ],
    resources: { limits: { memory }, requests: { cpu: '100m', memory } },
    readinessProbe: { httpGet: { path: name === 'envoy' ? '/ready' : '/healthz', port } },
  };
}

/** managedFields' FieldsV1 for `value`: `f:` per key, `k:{"name":…}` for named list items, `.` for nested objects. */
function fieldSet(value: JsonObject, nested: boolean): JsonObject {
  const fields: JsonObject = nested ? { '.': {} } : {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (Array.isArray(child) && child.every((item) => isJsonObject(item) && typeof item['name'] === 'string')) {
      const items: JsonObject = { '.': {} };
      for (const item of child as JsonObject[]) items[`k:${JSON.stringify({ name: item['name'] })}`] = fieldSet(item, true);
      fields[`f:${key}`] = items;
    } else {
      fields[`f:${key}`] = isJsonObject(child) && Object.keys(child).length > 0 ? fieldSet(child, true) : {};
    }
  }
  return fields;
}

function condition(type: string, status: boolean, at: string, reason?: string, message?: string): JsonObject {
  const result: JsonObject = { type, status: status ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at };
  if (reason !== undefined) result['reason'] = reason;
  if (message !== undefined) result['message'] = message;
  return result;
}

function containerId(random: Random): string {
  return `containerd://${random.hex(64)}`;
}

function containerStatus(name: string, image: string, spec: ScalePodSpec, startedAt: string, random: Random): JsonObject {
  const imageID = `${image.split(':')[0] ?? image}@sha256:${random.hex(64)}`;
  const base = { image, imageID, containerID: containerId(random) };
  const running = { running: { startedAt } };
  const app = name !== 'envoy';
  const lastExit = (reason: string, exitCode: number): JsonObject => ({
    terminated: { exitCode, reason, startedAt, finishedAt: startedAt, containerID: containerId(random) },
  });
  switch (app ? spec.state : 'running') {
    case 'notReady':
      return { name, state: running, lastState: {}, ready: false, restartCount: 0, ...base, started: true };
    case 'crashLoop':
      return {
        name,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${name} pod=${spec.name}_${spec.namespace}(${spec.owner.uid})` } },
        lastState: lastExit('Error', 1),
        ready: false,
        restartCount: spec.restarts,
        ...base,
        started: false,
      };
    case 'oomRestarted':
      return { name, state: running, lastState: lastExit('OOMKilled', 137), ready: true, restartCount: spec.restarts, ...base, started: true };
    case 'imagePullBackOff':
      return { name, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } }, lastState: {}, ready: false, restartCount: 0, image, imageID: '', started: false };
    case 'containerCreating':
      return { name, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image, imageID: '', started: false };
    case 'completed':
      return { name, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt, containerID: base.containerID } }, lastState: {}, ready: false, restartCount: 0, ...base, started: false };
    case 'failed':
      return { name, state: { terminated: { exitCode: 1, reason: 'Error', startedAt, finishedAt: startedAt, containerID: base.containerID } }, lastState: {}, ready: false, restartCount: 0, ...base, started: false };
    default:
      return { name, state: running, lastState: {}, ready: true, restartCount: spec.restarts, ...base, started: true };
  }
}

function podStatus(spec: ScalePodSpec, containers: readonly JsonObject[], random: Random): JsonObject {
  const created = formatTimestamp(new Date(spec.createdAt));
  const started = formatTimestamp(new Date(spec.createdAt + 4000));
  if (spec.state === 'pending') {
    return {
      phase: 'Pending',
      conditions: [condition('PodScheduled', false, created, 'Unschedulable', '0/240 nodes are available: 240 Insufficient nvidia.com/gpu. preemption: 0/240 nodes are available: 240 No preemption victims found for incoming pod.')],
    };
  }
  const statuses = containers.map((item) => containerStatus(String(item['name']), String(item['image']), spec, started, random));
  const allReady = statuses.every((status) => status['ready'] === true);
  const unready = statuses.filter((status) => status['ready'] !== true).map((status) => String(status['name']));
  const done = spec.state === 'completed' || spec.state === 'failed';
  const readyReason = done ? 'PodCompleted' : allReady ? undefined : 'ContainersNotReady';
  const readyMessage = done || allReady ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const phase = spec.state === 'completed' ? 'Succeeded' : spec.state === 'failed' ? 'Failed' : spec.state === 'containerCreating' || spec.state === 'imagePullBackOff' ? 'Pending' : 'Running';
  return {
    phase,
    conditions: [
      condition('Initialized', true, created, done ? 'PodCompleted' : undefined),
      condition('Ready', allReady && !done, started, readyReason, readyMessage),
      condition('ContainersReady', allReady && !done, started, readyReason, readyMessage),
      condition('PodScheduled', true, created),
    ],
    hostIP: spec.node?.hostIP,
    podIP: spec.podIP,
    podIPs: spec.podIP === undefined ? undefined : [{ ip: spec.podIP }],
    startTime: created,
    containerStatuses: statuses,
  };
}

/**
 * One pod of the scale fleet as kube-apiserver would return it: defaulted spec, owner, the status a
 * kubelet reported, and managedFields (which real pods carry and a client should not keep).
 */
export function scalePod(spec: ScalePodSpec, random: Random): JsonObject {
  const containers = [container(spec.app.split('-').at(-1) ?? 'app', spec.image, 8080, '512Mi')];
  if (spec.sidecar) containers.push(container('envoy', sidecarImage, 9901, '128Mi'));
  const podSpec: JsonObject = { containers };
  if (spec.owner.kind === 'Job') podSpec['restartPolicy'] = 'Never';
  if (spec.node !== undefined) podSpec['nodeName'] = spec.node.name;
  if (spec.state === 'pending') {
    podSpec['schedulerName'] = 'volcano';
    (containers[0] as JsonObject)['resources'] = { limits: { 'nvidia.com/gpu': '1', memory: '16Gi' }, requests: { cpu: '4', 'nvidia.com/gpu': '1', memory: '16Gi' } };
  }
  let metadata: JsonObject = {
    name: spec.name,
    namespace: spec.namespace,
    labels: spec.labels,
    ownerReferences: [{ apiVersion: spec.owner.apiVersion, kind: spec.owner.kind, name: spec.owner.name, uid: spec.owner.uid, controller: true, blockOwnerDeletion: true }],
  };
  if (spec.owner.kind === 'ReplicaSet' || spec.owner.kind === 'Job') metadata['generateName'] = spec.name.slice(0, spec.name.lastIndexOf('-') + 1);
  const pod = applyPodDefaults({ apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec }, { random: () => random.next() });
  // applyPodDefaults returns a copy: what is added below goes on the copy's metadata.
  metadata = pod['metadata'] as JsonObject;
  const defaulted = pod['spec'] as JsonObject;
  const status = JSON.parse(JSON.stringify(podStatus(spec, containers, random))) as JsonObject;
  status['qosClass'] = (pod['status'] as JsonObject)['qosClass'];
  pod['status'] = status;
  const created = formatTimestamp(new Date(spec.createdAt));
  if (spec.state === 'terminating') {
    metadata['deletionTimestamp'] = formatTimestamp(new Date(spec.createdAt + 86_400_000));
    metadata['deletionGracePeriodSeconds'] = 30;
    metadata['finalizers'] = ['example.com/drain-connections'];
  }
  metadata['managedFields'] = [
    {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'v1',
      time: created,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': fieldSet({ generateName: '', labels: spec.labels, ownerReferences: {} }, false), 'f:spec': fieldSet(defaulted, false) },
    },
    { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: created, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': fieldSet(status, false) }, subresource: 'status' },
  ];
  return pod;
}
