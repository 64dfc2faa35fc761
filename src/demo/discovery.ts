import type { JsonObject } from './apiTypes.js';

// What kube-apiserver 1.24 answers on its discovery endpoints, reduced to the resources this server
// actually serves, so kubectl's discovery never points at something that answers 404.

export const serverVersion: JsonObject = {
  major: '1',
  minor: '24',
  gitVersion: 'v1.24.1-podscope-demo',
  gitCommit: '2cc6ddc68588debdbb6806e1b57e73207505324f',
  gitTreeState: 'clean',
  buildDate: '2022-05-06T09:44:28Z',
  goVersion: 'go1.19.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

interface ResourceEntry {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

function apiResource(entry: ResourceEntry): JsonObject {
  const resource: JsonObject = { name: entry.name, singularName: '', namespaced: entry.namespaced, kind: entry.kind, verbs: entry.verbs };
  if (entry.shortNames !== undefined) resource['shortNames'] = entry.shortNames;
  if (entry.categories !== undefined) resource['categories'] = entry.categories;
  if (entry.storageVersionHash !== undefined) resource['storageVersionHash'] = entry.storageVersionHash;
  return resource;
}

const coreResources: ResourceEntry[] = [
  { name: 'events', namespaced: true, kind: 'Event', verbs: ['get', 'list', 'watch'], shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=' },
  { name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: ['create', 'delete', 'get', 'list', 'watch'], shortNames: ['ns'], storageVersionHash: 'Q3oi5N2YM8M=' },
  {
    name: 'pods',
    namespaced: true,
    kind: 'Pod',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'watch'],
    shortNames: ['po'],
    categories: ['all'],
    storageVersionHash: 'xPOwRZ+Yhw8=',
  },
  { name: 'pods/attach', namespaced: true, kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  { name: 'pods/ephemeralcontainers', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  { name: 'pods/exec', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
  { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
  { name: 'pods/portforward', namespaced: true, kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  { name: 'pods/status', namespaced: true, kind: 'Pod', verbs: ['get'] },
];

export function coreResourceList(): JsonObject {
  return { kind: 'APIResourceList', groupVersion: 'v1', resources: coreResources.map(apiResource) };
}

const authorizationGroupVersion = { groupVersion: 'authorization.k8s.io/v1', version: 'v1' };

function authorizationGroup(): JsonObject {
  return { name: 'authorization.k8s.io', versions: [authorizationGroupVersion], preferredVersion: authorizationGroupVersion };
}

/** The workload groups: only GET of one object is served (a pod's owner chain), so only `get` is listed. */
const workloadGroups: Readonly<Record<'apps' | 'batch', ResourceEntry[]>> = {
  apps: [
    { name: 'daemonsets', namespaced: true, kind: 'DaemonSet', verbs: ['get'], shortNames: ['ds'], categories: ['all'] },
    { name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ['get'], shortNames: ['deploy'], categories: ['all'] },
    { name: 'replicasets', namespaced: true, kind: 'ReplicaSet', verbs: ['get'], shortNames: ['rs'], categories: ['all'] },
    { name: 'statefulsets', namespaced: true, kind: 'StatefulSet', verbs: ['get'], shortNames: ['sts'], categories: ['all'] },
  ],
  batch: [
    { name: 'cronjobs', namespaced: true, kind: 'CronJob', verbs: ['get'], shortNames: ['cj'], categories: ['all'] },
    { name: 'jobs', namespaced: true, kind: 'Job', verbs: ['get'], categories: ['all'] },
  ],
};

function workloadGroup(name: 'apps' | 'batch'): JsonObject {
  const version = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [version], preferredVersion: version };
}

export function workloadApiGroup(name: 'apps' | 'batch'): JsonObject {
  return { kind: 'APIGroup', apiVersion: 'v1', ...workloadGroup(name) };
}

export function workloadResourceList(name: 'apps' | 'batch'): JsonObject {
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${name}/v1`, resources: workloadGroups[name].map(apiResource) };
}

/** `extraGroups`: aggregated APIs the server serves besides (metrics.k8s.io), listed after its own as kube-apiserver does. */
export function apiGroupList(extraGroups: readonly JsonObject[] = []): JsonObject {
  // In kube-apiserver's order.
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [workloadGroup('apps'), authorizationGroup(), workloadGroup('batch'), ...extraGroups] };
}

export function authorizationApiGroup(): JsonObject {
  return { kind: 'APIGroup', apiVersion: 'v1', ...authorizationGroup() };
}

export function authorizationResourceList(): JsonObject {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'authorization.k8s.io/v1',
    resources: [apiResource({ name: 'selfsubjectaccessreviews', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] })],
  };
}
