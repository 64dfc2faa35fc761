import type { V1Container, V1ContainerState, V1ContainerStatus, V1EnvVar, V1Pod, V1Probe, V1ResourceRequirements } from '@kubernetes/client-node';
import type { DescribeWriter } from './describeWriter.js';
import { goQuote, quantityValue, rfc1123z } from './goFormat.js';
import { fieldPathValue } from './fieldPaths.js';

export interface DescribeClock {
  now: Date;
  /** The reader's time zone: its offset from UTC in minutes at an instant. */
  utcOffsetMinutes: (at: Date) => number;
}

const orNone = (text: string): string => (text === '' ? '<none>' : text);
const goBool = (value: boolean | undefined): string => (value === true ? 'True' : 'False');

/** kubectl's describeContainers: one block per container, in spec order. */
export function describeContainers(w: DescribeWriter, label: string, pod: V1Pod, containers: readonly V1Container[], statuses: readonly V1ContainerStatus[] | undefined, clock: DescribeClock): void {
  const byName = new Map((statuses ?? []).map((status) => [status.name, status]));
  w.write(0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    basicInfo(w, container, status);
    command(w, container);
    if (status !== undefined) containerState(w, status, clock);
    resources(w, container.resources, 2);
    probes(w, container);
    if ((container.envFrom ?? []).length > 0) envFrom(w, container);
    envVars(w, pod, container);
    mounts(w, container);
  }
}

function basicInfo(w: DescribeWriter, container: V1Container, status: V1ContainerStatus | undefined): void {
  w.write(1, `${container.name}:\n`);
  if (status !== undefined) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(2, `Image:\t${container.image ?? ''}\n`);
  if (status !== undefined) w.write(2, `Image ID:\t${status.imageID}\n`);
  const ports = (container.ports ?? []).map((port) => `${port.containerPort}/${port.protocol ?? ''}`).join(', ');
  w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
  const hostPorts = (container.ports ?? []).map((port) => `${port.hostPort ?? 0}/${port.protocol ?? ''}`).join(', ');
  w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
  const seccomp = container.securityContext?.seccompProfile;
  if (seccomp !== undefined) {
    w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function command(w: DescribeWriter, container: V1Container): void {
  for (const [title, parts] of [['Command', container.command], ['Args', container.args]] as const) {
    if (parts === undefined || parts.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const part of parts) for (const line of part.split('\n')) w.write(3, `${line}\n`);
  }
}

function state(w: DescribeWriter, title: string, value: V1ContainerState | undefined, clock: DescribeClock): void {
  const time = (timestamp: Date | string | undefined): string => rfc1123z(timestamp, clock.utcOffsetMinutes);
  if (value?.running !== undefined) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${time(value.running.startedAt)}\n`);
  } else if (value?.waiting !== undefined) {
    w.write(2, `${title}:\tWaiting\n`);
    if ((value.waiting.reason ?? '') !== '') w.write(3, `Reason:\t${value.waiting.reason ?? ''}\n`);
  } else if (value?.terminated !== undefined) {
    const terminated = value.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if ((terminated.reason ?? '') !== '') w.write(3, `Reason:\t${terminated.reason ?? ''}\n`);
    if ((terminated.message ?? '') !== '') w.write(3, `Message:\t${terminated.message ?? ''}\n`);
    w.write(3, `Exit Code:\t${terminated.exitCode}\n`);
    if ((terminated.signal ?? 0) > 0) w.write(3, `Signal:\t${terminated.signal ?? 0}\n`);
    w.write(3, `Started:\t${time(terminated.startedAt)}\n`);
    w.write(3, `Finished:\t${time(terminated.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

function containerState(w: DescribeWriter, status: V1ContainerStatus, clock: DescribeClock): void {
  state(w, 'State', status.state, clock);
  if (status.lastState?.terminated !== undefined) state(w, 'Last State', status.lastState, clock);
  w.write(2, `Ready:\t${goBool(status.ready)}\n`);
  w.write(2, `Restart Count:\t${status.restartCount}\n`);
}

/** Limits then requests, each sorted by resource name, quantities as the server wrote them. */
export function resources(w: DescribeWriter, requirements: V1ResourceRequirements | undefined, level: number): void {
  if (requirements === undefined) return;
  for (const [title, list] of [['Limits', requirements.limits], ['Requests', requirements.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${String(list?.[name] ?? '')}\n`);
  }
}

function probes(w: DescribeWriter, container: V1Container): void {
  const list: Array<[string, V1Probe | undefined]> = [
    ['Liveness', container.livenessProbe],
    ['Readiness', container.readinessProbe],
    ['Startup', container.startupProbe],
  ];
  for (const [title, probe] of list) if (probe !== undefined) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
}

/** Go's url.URL path escaping for the characters a probe path may hold. */
function escapePath(path: string): string {
  return path.replace(/[?# %"<>\\^`{|}]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** kubectl's DescribeProbe, the same one line its Liveness/Readiness/Startup rows show. */
export function describeProbe(probe: V1Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  return `${probeTarget(probe)} ${attrs}`;
}

/** What a probe checks, in DescribeProbe's words: `exec [sh -c exit 1]`, `http-get http://:8080/healthz`, `tcp-socket :5432`. */
export function probeTarget(probe: V1Probe): string {
  if (probe.exec !== undefined) return `exec [${(probe.exec.command ?? []).join(' ')}]`;
  if (probe.httpGet !== undefined) {
    const get = probe.httpGet;
    const host = get.host ?? '';
    const port = String(get.port);
    const authority = port === '' ? host : `${host.includes(':') ? `[${host}]` : host}:${port}`;
    let path = get.path ?? '';
    if (path !== '' && !path.startsWith('/') && authority !== '') path = `/${path}`;
    const scheme = (get.scheme ?? '').toLowerCase();
    return `http-get ${scheme === '' ? '' : `${scheme}:`}//${authority}${escapePath(path)}`;
  }
  if (probe.tcpSocket !== undefined) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)}`;
  if (probe.grpc !== undefined) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''}`;
  return 'unknown';
}

function envFrom(w: DescribeWriter, container: V1Container): void {
  w.write(2, 'Environment Variables from:\n');
  for (const source of container.envFrom ?? []) {
    const [from, name, optional] =
      source.configMapRef !== undefined
        ? ['ConfigMap', source.configMapRef.name ?? '', source.configMapRef.optional === true]
        : source.secretRef !== undefined
          ? ['Secret', source.secretRef.name ?? '', source.secretRef.optional === true]
          : ['', '', false];
    const prefix = source.prefix ?? '';
    w.write(3, prefix === '' ? `${name}\t${from}\tOptional: ${String(optional)}\n` : `${name}\t${from} with prefix '${prefix}'\tOptional: ${String(optional)}\n`);
  }
}

/** What a resourceFieldRef resolves to, as the kubelet computes it (rounded up to whole divisors). */
function resourceFieldValue(container: V1Container, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.');
  const list = kind === 'limits' ? container.resources?.limits : kind === 'requests' ? container.resources?.requests : undefined;
  const value = quantityValue(list?.[name ?? '']) ?? 0;
  const unit = quantityValue(divisor) ?? 1;
  if (unit === 0) return '';
  if (name === 'cpu') return String(Math.ceil(Math.round(value * 1000) / Math.round(unit * 1000)));
  return String(Math.ceil(value / unit));
}

/** Plain values as they are; values from Secrets and ConfigMaps only as their source, never their content. */
function envVars(w: DescribeWriter, pod: V1Pod, container: V1Container): void {
  const env: readonly V1EnvVar[] = container.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const variable of env) {
    const from = variable.valueFrom;
    if (from === undefined) {
      (variable.value ?? '').split('\n').forEach((line, index) => w.write(3, index === 0 ? `${variable.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef !== undefined) {
      const value = fieldPathValue(pod, from.fieldRef.fieldPath);
      w.write(3, `${variable.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef !== undefined) {
      const resource = from.resourceFieldRef.resource;
      let value = resourceFieldValue(container, resource, from.resourceFieldRef.divisor === undefined ? undefined : String(from.resourceFieldRef.divisor));
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${variable.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef !== undefined) {
      const ref = from.secretKeyRef;
      w.write(3, `${variable.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${String(ref.optional === true)}\n`);
    } else if (from.configMapKeyRef !== undefined) {
      const ref = from.configMapKeyRef;
      w.write(3, `${variable.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${String(ref.optional === true)}\n`);
    }
  }
}

function mounts(w: DescribeWriter, container: V1Container): void {
  const list = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  const none = list.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const mount of list) {
    const flags = [mount.readOnly === true ? 'ro' : 'rw'];
    if ((mount.subPath ?? '') !== '') flags.push(`path=${goQuote(mount.subPath ?? '')}`);
    w.write(3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`);
  }
  const devices = [...(container.volumeDevices ?? [])].sort((a, b) => (a.devicePath < b.devicePath ? -1 : a.devicePath > b.devicePath ? 1 : 0));
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const device of devices) w.write(3, `${device.devicePath} from ${device.name}\n`);
  }
}
