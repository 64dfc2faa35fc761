import type { JsonObject } from '../apiTypes.js';
import { defaultPullPolicy } from './images.js';
import { ensureObject, isJsonObject, objectField, objectList, stringField, withKeyOrder } from './json.js';
import { qosClass } from './resources.js';

/**
 * What kube-apiserver v1.24 fills into a pod on create: field defaults, the service-account token
 * volume and mounts (ServiceAccount admission), the not-ready/unreachable tolerations
 * (DefaultTolerationSeconds), priority from the priority class, and the initial status. Fields come
 * out in the order a real server serialises them.
 */

const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

const specOrder = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
  'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
  'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
  'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
  'setHostnameAsFQDN', 'os',
];
const containerOrder = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
  'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
  'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty', 'targetContainerName',
];
const probeOrder = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];
const httpGetOrder = ['path', 'port', 'host', 'scheme', 'httpHeaders'];
const portOrder = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'];

const priorityClasses: Readonly<Record<string, number>> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

export interface PodDefaultsOptions {
  /** Draws a random float in [0, 1) for the token volume's name suffix (seeded in the demo scenario). */
  random?: () => number;
}

function defaultProbe(probe: unknown): JsonObject | undefined {
  if (!isJsonObject(probe)) return undefined;
  const result: JsonObject = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...probe };
  const httpGet = result['httpGet'];
  if (isJsonObject(httpGet)) result['httpGet'] = withKeyOrder({ scheme: 'HTTP', ...httpGet }, httpGetOrder);
  return withKeyOrder(result, probeOrder);
}

/** Defaults of one container (also those the API server gives an ephemeral container). */
export function defaultContainer(container: JsonObject, extraMounts: readonly JsonObject[] = []): JsonObject {
  const result: JsonObject = { ...container };
  const image = stringField(container, 'image') ?? '';
  const ports = objectList(container, 'ports');
  if (ports.length > 0) result['ports'] = ports.map((port) => withKeyOrder({ protocol: 'TCP', ...port }, portOrder));
  const resources = objectField(container, 'resources') ?? {};
  const limits = objectField(resources, 'limits');
  const requests = objectField(resources, 'requests');
  // Requests default to limits when only limits are given.
  result['resources'] = limits !== undefined ? { limits, requests: { ...limits, ...requests } } : { ...resources };
  if (extraMounts.length > 0) result['volumeMounts'] = [...objectList(container, 'volumeMounts'), ...extraMounts];
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const defaulted = defaultProbe(container[probe]);
    if (defaulted !== undefined) result[probe] = defaulted;
  }
  result['terminationMessagePath'] ??= '/dev/termination-log';
  result['terminationMessagePolicy'] ??= 'File';
  result['imagePullPolicy'] ??= defaultPullPolicy(image);
  return withKeyOrder(result, containerOrder);
}

function tolerates(tolerations: readonly JsonObject[], key: string): boolean {
  return tolerations.some((toleration) => {
    const tolerationKey = stringField(toleration, 'key') ?? '';
    const effect = stringField(toleration, 'effect') ?? '';
    return (tolerationKey === key || (tolerationKey === '' && stringField(toleration, 'operator') === 'Exists')) && (effect === '' || effect === 'NoExecute');
  });
}

/** A defaulted copy of `pod`, as the API server would store it. */
export function applyPodDefaults(pod: JsonObject, options: PodDefaultsOptions = {}): JsonObject {
  const random = options.random ?? Math.random;
  const result = structuredClone(pod);
  result['kind'] = 'Pod';
  result['apiVersion'] = 'v1';
  const spec = ensureObject(result, 'spec');

  spec['restartPolicy'] ??= 'Always';
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['dnsPolicy'] ??= 'ClusterFirst';
  const serviceAccount = stringField(spec, 'serviceAccountName') ?? stringField(spec, 'serviceAccount') ?? 'default';
  spec['serviceAccountName'] = serviceAccount;
  spec['serviceAccount'] = serviceAccount;
  spec['securityContext'] ??= {};
  spec['schedulerName'] ??= 'default-scheduler';
  spec['enableServiceLinks'] ??= true;
  spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  const priorityClass = stringField(spec, 'priorityClassName');
  spec['priority'] ??= (priorityClass !== undefined ? priorityClasses[priorityClass] : undefined) ?? 0;

  const tolerations = objectList(spec, 'tolerations');
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec['tolerations'] = tolerations;

  const volumes = objectList(spec, 'volumes');
  const mounts: JsonObject[] = [];
  const alreadyMounted = objectList(spec, 'containers').some((container) =>
    objectList(container, 'volumeMounts').some((mount) => stringField(mount, 'mountPath') === serviceAccountMountPath),
  );
  if (spec['automountServiceAccountToken'] !== false && !alreadyMounted) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += suffixAlphabet.charAt(Math.floor(random() * suffixAlphabet.length));
    const name = `kube-api-access-${suffix}`;
    volumes.push({
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    });
    mounts.push({ name, readOnly: true, mountPath: serviceAccountMountPath });
  }
  if (volumes.length > 0) spec['volumes'] = volumes;
  spec['containers'] = objectList(spec, 'containers').map((container) => defaultContainer(container, mounts));
  const initContainers = objectList(spec, 'initContainers');
  if (initContainers.length > 0) spec['initContainers'] = initContainers.map((container) => defaultContainer(container, mounts));
  const ephemeral = objectList(spec, 'ephemeralContainers');
  if (ephemeral.length > 0) spec['ephemeralContainers'] = ephemeral.map((container) => defaultContainer(container));

  result['spec'] = withKeyOrder(spec, specOrder);
  const status = { ...objectField(result, 'status') };
  status['phase'] ??= 'Pending';
  status['qosClass'] ??= qosClass(objectField(result, 'spec') ?? {});
  result['status'] = withKeyOrder(status, ['phase', 'conditions']);
  return withKeyOrder(result, ['kind', 'apiVersion', 'metadata', 'spec', 'status']);
}

/** Whether `pod` still lacks the defaults (it was created without going through applyPodDefaults). */
export function needsPodDefaults(pod: JsonObject): boolean {
  return stringField(pod, 'spec', 'schedulerName') === undefined || stringField(pod, 'status', 'qosClass') === undefined;
}
