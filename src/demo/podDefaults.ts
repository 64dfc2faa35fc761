import type { JsonObject } from './apiTypes.js';
import { arrayAt, isJsonObject, objectAt } from './jsonAccess.js';

// What kube-apiserver's defaulting and admission (ServiceAccount, DefaultTolerationSeconds) add to
// a pod on create, in the field order the server serialises. Shared with the control plane so its
// pods look like ones created through the API.

const containerFieldOrder = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'volumeMounts', 'volumeDevices',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy',
  'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty', 'targetContainerName',
];

const specFieldOrder = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
  'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
  'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
  'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
];

function ordered(object: JsonObject, order: readonly string[]): JsonObject {
  const result: JsonObject = {};
  for (const key of order) if (object[key] !== undefined) result[key] = object[key];
  for (const [key, value] of Object.entries(object)) if (!(key in result) && value !== undefined) result[key] = value;
  return result;
}

/** Always for `:latest` or untagged images, IfNotPresent otherwise (digests included). */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: JsonObject, mount: JsonObject | undefined): JsonObject {
  const result: JsonObject = { ...container };
  result['resources'] ??= {};
  if (mount !== undefined) {
    const mounts = arrayAt(result, 'volumeMounts');
    if (!mounts.some((existing) => isJsonObject(existing) && existing['mountPath'] === mount['mountPath'])) result['volumeMounts'] = [...mounts, mount];
  }
  result['terminationMessagePath'] ??= '/dev/termination-log';
  result['terminationMessagePolicy'] ??= 'File';
  result['imagePullPolicy'] ??= defaultPullPolicy(typeof result['image'] === 'string' ? result['image'] : '');
  return ordered(result, containerFieldOrder);
}

const tokenVolumeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function serviceAccountVolumeName(): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += tokenVolumeAlphabet[Math.floor(Math.random() * tokenVolumeAlphabet.length)];
  return `kube-api-access-${suffix}`;
}

function serviceAccountVolume(name: string): JsonObject {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

function hasResourceSettings(container: unknown): boolean {
  const resources = objectAt(container, 'resources');
  return resources !== undefined && (objectAt(resources, 'requests') !== undefined || objectAt(resources, 'limits') !== undefined);
}

function isGuaranteed(containers: readonly unknown[]): boolean {
  return containers.every((container) => {
    const limits = objectAt(container, 'resources', 'limits');
    const requests = objectAt(container, 'resources', 'requests') ?? limits;
    return ['cpu', 'memory'].every((name) => limits?.[name] !== undefined && String(limits[name]) === String(requests?.[name]));
  });
}

export function qosClassOf(spec: JsonObject): string {
  const containers = [...arrayAt(spec, 'initContainers'), ...arrayAt(spec, 'containers')];
  if (!containers.some(hasResourceSettings)) return 'BestEffort';
  return isGuaranteed(containers) ? 'Guaranteed' : 'Burstable';
}

/** A copy of `pod` with the defaults and admission additions a real API server applies on create. */
export function applyPodDefaults(pod: JsonObject): JsonObject {
  const result = structuredClone(pod);
  const spec: JsonObject = { ...(objectAt(result, 'spec') ?? {}) };
  const automount = spec['automountServiceAccountToken'] !== false;
  const volumeName = serviceAccountVolumeName();
  const mount = automount ? { name: volumeName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' } : undefined;
  if (automount && !arrayAt(spec, 'volumes').some((volume) => isJsonObject(volume) && String(volume['name']).startsWith('kube-api-access-'))) {
    spec['volumes'] = [...arrayAt(spec, 'volumes'), serviceAccountVolume(volumeName)];
  }
  const defaultList = (field: string, withMount: boolean): void => {
    if (spec[field] === undefined) return;
    spec[field] = arrayAt(spec, field).map((container) => (isJsonObject(container) ? defaultContainer(container, withMount ? mount : undefined) : container));
  };
  defaultList('initContainers', true);
  defaultList('containers', true);
  defaultList('ephemeralContainers', false);
  spec['restartPolicy'] ??= 'Always';
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['serviceAccountName'] ??= 'default';
  spec['serviceAccount'] ??= spec['serviceAccountName'];
  spec['securityContext'] ??= {};
  spec['schedulerName'] ??= 'default-scheduler';
  const tolerations = arrayAt(spec, 'tolerations');
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((toleration) => isJsonObject(toleration) && toleration['key'] === key)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  spec['tolerations'] = tolerations;
  spec['priority'] ??= 0;
  spec['enableServiceLinks'] ??= true;
  spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  result['spec'] = ordered(spec, specFieldOrder);
  result['status'] = { phase: 'Pending', qosClass: qosClassOf(spec) };
  return result;
}
