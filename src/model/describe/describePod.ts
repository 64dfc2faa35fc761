import type { CoreV1Event, V1Container, V1Pod, V1Toleration } from '@kubernetes/client-node';
import { humanDuration } from '../duration.js';
import { goSort } from '../goSort.js';
import { toMillis, type Timestamp } from '../time.js';
import { describeContainers, resources, type DescribeClock } from './describeContainers.js';
import { describeVolumes } from './describeVolumes.js';
import { DescribeWriter } from './describeWriter.js';
import { rfc1123z } from './goFormat.js';

export type { DescribeClock } from './describeContainers.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LENGTH = 140;

function since(timestamp: Timestamp | undefined | null, now: Date): string {
  const ms = toMillis(timestamp);
  return ms === undefined || ms === 0 ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/** printLabelsMultiline: `Title:` then each key=value, sorted, aligned under the first. */
function labels(w: DescribeWriter, title: string, map: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, index) => w.write(0, `${index === 0 ? '' : '\t'}${key}=${map?.[key] ?? ''}\n`));
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** printAnnotationsMultiline: long or multi-line values go under their key, each line cut at 140. */
function annotations(w: DescribeWriter, map: Readonly<Record<string, string>> | undefined): void {
  w.write(0, 'Annotations:\t');
  const keys = Object.keys(map ?? {})
    .filter((key) => key !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, index) => {
    if (index !== 0) w.write(0, '\t');
    const value = (map?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LENGTH || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LENGTH - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

function tolerations(w: DescribeWriter, list: readonly V1Toleration[] | undefined): void {
  w.write(0, 'Tolerations:\t');
  if (list === undefined || list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...list].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((toleration, index) => {
    let text = index === 0 ? '' : '\t';
    const key = toleration.key ?? '';
    const value = toleration.value ?? '';
    const effect = toleration.effect ?? '';
    text += key;
    if (value !== '') text += `=${value}`;
    if (effect !== '') text += `:${effect}`;
    if (toleration.operator === 'Exists' && value === '') text += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
    if (toleration.tolerationSeconds !== undefined) text += ` for ${toleration.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** status.qosClass, else what kubelet's qos package computes from requests and limits. */
function qosClass(pod: V1Pod): string {
  if (pod.status?.qosClass !== undefined && pod.status.qosClass !== '') return pod.status.qosClass;
  const containers: V1Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const tracked = ['cpu', 'memory'];
  let any = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const name of tracked) {
      if (requests[name] !== undefined || limits[name] !== undefined) any = true;
      if (limits[name] === undefined || (requests[name] !== undefined && String(requests[name]) !== String(limits[name]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function events(w: DescribeWriter, list: readonly CoreV1Event[], now: Date): void {
  if (list.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // kubectl's sort.Sort(SortableEvents) by last timestamp: not stable, so Go's own algorithm orders equal ones.
  const sorted = goSort(list, (a, b) => (toMillis(a.lastTimestamp) ?? 0) < (toMillis(b.lastTimestamp) ?? 0));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const event of sorted) {
    const first = toMillis(event.eventTime) === undefined ? since(event.firstTimestamp, now) : since(event.eventTime, now);
    let interval = first;
    if (event.series !== undefined) interval = `${since(event.series.lastObservedTime, now)} (x${event.series.count ?? 0} over ${first})`;
    else if ((event.count ?? 0) > 1) interval = `${since(event.lastTimestamp, now)} (x${event.count ?? 0} over ${first})`;
    const source = event.source?.component || event.reportingComponent || '';
    w.write(1, `${event.type ?? ''}\t${event.reason ?? ''}\t${interval}\t${source}\t${(event.message ?? '').trim()}\n`);
  }
}

export interface DescribeOptions extends DescribeClock {
  /** Undefined: the events could not be listed, and like kubectl there is no Events section. */
  events?: readonly CoreV1Event[];
}

/**
 * `kubectl describe pod`, line for line (kubectl 1.32's describePod, text/tabwriter alignment and
 * all): the pod, its init, app and ephemeral containers, conditions, volumes, QoS, node selectors,
 * tolerations and events. Values from Secrets and ConfigMaps appear only as their source. The lines
 * are raw text with kubectl's own escaping (ESC as `^[`); clean them before they reach a terminal.
 */
export function describePod(pod: V1Pod, options: DescribeOptions): string[] {
  const w = new DescribeWriter();
  const { now } = options;
  const spec = pod.spec;
  const status = pod.status;
  const metadata = pod.metadata;
  w.write(0, `Name:\t${metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${metadata?.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if ((spec?.priorityClassName ?? '') !== '') w.write(0, `Priority Class Name:\t${spec?.priorityClassName ?? ''}\n`);
  if ((spec?.runtimeClassName ?? '') !== '') w.write(0, `Runtime Class Name:\t${spec?.runtimeClassName ?? ''}\n`);
  if ((spec?.serviceAccountName ?? '') !== '') w.write(0, `Service Account:\t${spec?.serviceAccountName ?? ''}\n`);
  w.write(0, (spec?.nodeName ?? '') === '' ? 'Node:\t<none>\n' : `Node:\t${spec?.nodeName ?? ''}/${status?.hostIP ?? ''}\n`);
  if (status?.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(status.startTime, options.utcOffsetMinutes)}\n`);
  labels(w, 'Labels', metadata?.labels);
  annotations(w, metadata?.annotations);
  if (metadata?.deletionTimestamp !== undefined && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status?.phase ?? ''}\n`);
  }
  if ((status?.reason ?? '') !== '') w.write(0, `Reason:\t${status?.reason ?? ''}\n`);
  if ((status?.message ?? '') !== '') w.write(0, `Message:\t${status?.message ?? ''}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp !== undefined) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status?.podIP ?? ''}\n`);
  const ips = status?.podIPs ?? [];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controller = (metadata?.ownerReferences ?? []).find((owner) => owner.controller === true);
  if (controller !== undefined) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if ((status?.nominatedNodeName ?? '') !== '') w.write(0, `NominatedNodeName:\t${status?.nominatedNodeName ?? ''}\n`);
  const podResources = (spec as { resources?: V1Container['resources'] } | undefined)?.resources;
  if (podResources !== undefined) {
    w.write(0, 'Resources:\n');
    resources(w, podResources, 1);
  }
  if ((spec?.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', pod, spec?.initContainers ?? [], status?.initContainerStatuses, options);
  describeContainers(w, 'Containers', pod, spec?.containers ?? [], status?.containerStatuses, options);
  if ((spec?.ephemeralContainers ?? []).length > 0) {
    describeContainers(w, 'Ephemeral Containers', pod, (spec?.ephemeralContainers ?? []) as V1Container[], status?.ephemeralContainerStatuses, options);
  }
  const conditions = status?.conditions ?? [];
  if ((spec?.readinessGates ?? []).length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of spec?.readinessGates ?? []) {
      w.write(1, `${gate.conditionType} \t${conditions.find((condition) => condition.type === gate.conditionType)?.status ?? '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const condition of conditions) w.write(1, `${condition.type} \t${condition.status} \n`);
  }
  describeVolumes(w, spec?.volumes);
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  labels(w, 'Node-Selectors', spec?.nodeSelector);
  tolerations(w, spec?.tolerations);
  const spread = [...(spec?.topologySpreadConstraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  spread.forEach((constraint, index) => {
    const selector = constraint.labelSelector?.matchLabels;
    const forSelector = selector === undefined ? '' : ` for selector ${Object.keys(selector).sort().map((key) => `${key}=${selector[key] ?? ''}`).join(',')}`;
    w.write(0, `${index === 0 ? 'Topology Spread Constraints:\t' : '\t'}${constraint.topologyKey}:${constraint.whenUnsatisfiable} when max skew ${constraint.maxSkew} is exceeded${forSelector}\n`);
  });
  if (options.events !== undefined) events(w, options.events, now);
  return w.result();
}
