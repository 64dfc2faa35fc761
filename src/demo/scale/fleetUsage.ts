import type { JsonObject } from '../apiTypes.js';
import type { ContainerUsageView, PodUsageView } from '../controlPlane/kubeletSummary.js';
import { objectField, objectList, stringField } from '../controlPlane/json.js';
import { hashString } from '../controlPlane/random.js';
import { parseQuantity } from '../controlPlane/resources.js';
import type { ObjectStore } from '../objectStore.js';

/** A float in [0, 1) fixed by `text`: the same container gets the same level on every scrape. */
function unit(text: string): number {
  return hashString(text) / 2 ** 32;
}

function started(status: JsonObject): number | undefined {
  const state = objectField(status, 'state');
  const running = state === undefined ? undefined : objectField(state, 'running');
  const at = running === undefined ? undefined : stringField(running, 'startedAt');
  const ms = at === undefined ? NaN : Date.parse(at);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * What cAdvisor would measure of one running fleet container at `nowMs`: CPU around a share of its
 * request on a slow wave, memory around a share of its request breathing a few percent, both fixed
 * per container by its name (no kubelet runs the fleet; metrics-server still reports every pod).
 */
function containerUsage(pod: string, spec: JsonObject | undefined, name: string, startedMs: number, nowMs: number): ContainerUsageView {
  const seed = `${pod}/${name}`;
  const requests = spec === undefined ? undefined : objectField(spec, 'resources', 'requests');
  const cpuRequest = parseQuantity(requests?.['cpu']) ?? 0.1;
  const memoryRequest = parseQuantity(requests?.['memory']) ?? 128 * 2 ** 20;
  const phase = unit(`${seed}#phase`) * 2 * Math.PI;
  const since = Math.max(0, nowMs - startedMs);
  const cores = cpuRequest * (0.2 + 0.7 * unit(`${seed}#cpu`)) * (1 + 0.3 * Math.sin((2 * Math.PI * since) / 60_000 + phase));
  const workingSetBytes = Math.round(memoryRequest * (0.35 + 0.4 * unit(`${seed}#memory`)) * (1 + 0.03 * Math.sin((2 * Math.PI * since) / 90_000 + phase)));
  return {
    name,
    startedMs,
    sample: {
      usageNanoCores: Math.max(1, Math.round(cores * 1e9)),
      usageCoreNanoSeconds: Math.round(cpuRequest * 0.55 * since * 1e6),
      workingSetBytes,
      usageBytes: Math.round(workingSetBytes * 1.12),
      rssBytes: Math.round(workingSetBytes * 0.85),
    },
  };
}

/** The pods of the fleet's namespaces with running containers, as a scrape of their kubelets would find them at `nowMs`. */
export function fleetUsage(store: ObjectStore, namespaces: readonly string[], nowMs: number): PodUsageView[] {
  const usage: PodUsageView[] = [];
  // The stored objects themselves (read only): a copy of each of 20,000 pods per scrape would be the scrape.
  for (const pod of namespaces.flatMap((namespace) => store.view('pods', namespace))) {
    const key = { namespace: stringField(pod, 'metadata', 'namespace'), name: stringField(pod, 'metadata', 'name') };
    if (objectField(pod, 'metadata')?.['deletionTimestamp'] !== undefined) continue;
    const specs = objectList(pod, 'spec', 'containers');
    const containers: ContainerUsageView[] = [];
    for (const status of objectList(pod, 'status', 'containerStatuses')) {
      const name = stringField(status, 'name');
      const startedMs = started(status);
      if (name === undefined || startedMs === undefined) continue;
      containers.push(containerUsage(`${key.namespace}/${key.name}`, specs.find((spec) => spec['name'] === name), name, startedMs, nowMs));
    }
    if (containers.length === 0) continue;
    const podStarted = stringField(pod, 'status', 'startTime');
    const startedMs = podStarted === undefined ? NaN : Date.parse(podStarted);
    usage.push({ name: key.name ?? '', namespace: key.namespace ?? '', uid: stringField(pod, 'metadata', 'uid') ?? '', startedMs: Number.isFinite(startedMs) ? startedMs : nowMs, containers });
  }
  return usage;
}
