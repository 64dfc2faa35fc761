import { quantityValue } from '../../model/describe/goFormat.js';
import type { ContainerUsage, PodUsage } from '../../model/usage.js';
import { toMillis } from '../../model/time.js';

// Decoders of the two wire shapes into PodUsage: metrics.k8s.io/v1beta1 PodMetricsList (quantities:
// cpu `2126602n`, memory `12688Ki`) and the kubelet's stats/v1alpha1 Summary (usageNanoCores,
// workingSetBytes: what metrics-server itself reads from it). Anything malformed is skipped.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function quantity(value: unknown): number | undefined {
  const parsed = typeof value === 'string' || typeof value === 'number' ? quantityValue(value) : undefined;
  return parsed !== undefined && Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/** The items of a PodMetricsList (or one PodMetrics). */
export function podUsageFromMetrics(body: unknown): PodUsage[] {
  if (!isObject(body)) return [];
  const items = body['kind'] === 'PodMetrics' ? [body] : list(body['items']);
  const pods: PodUsage[] = [];
  for (const item of items) {
    const metadata = isObject(item['metadata']) ? item['metadata'] : {};
    const name = text(metadata['name']);
    const namespace = text(metadata['namespace']);
    if (name === undefined || namespace === undefined) continue;
    const containers: ContainerUsage[] = [];
    for (const container of list(item['containers'])) {
      const usage = isObject(container['usage']) ? container['usage'] : {};
      const cpu = quantity(usage['cpu']);
      const memory = quantity(usage['memory']);
      const containerName = text(container['name']);
      if (containerName === undefined || cpu === undefined || memory === undefined) continue;
      containers.push({ name: containerName, cpuMillis: cpu * 1000, memoryBytes: memory });
    }
    const sampledMs = toMillis(text(item['timestamp']));
    pods.push(sampledMs === undefined ? { namespace, name, containers } : { namespace, name, containers, sampledMs });
  }
  return pods;
}

/** The pods of one node's stats/summary, with the containers that have CPU and memory samples. */
export function podUsageFromSummary(body: unknown): PodUsage[] {
  if (!isObject(body)) return [];
  const pods: PodUsage[] = [];
  for (const pod of list(body['pods'])) {
    const ref = isObject(pod['podRef']) ? pod['podRef'] : {};
    const name = text(ref['name']);
    const namespace = text(ref['namespace']);
    if (name === undefined || namespace === undefined) continue;
    const containers: ContainerUsage[] = [];
    let sampledMs: number | undefined;
    for (const container of list(pod['containers'])) {
      const cpu = isObject(container['cpu']) ? container['cpu'] : {};
      const memory = isObject(container['memory']) ? container['memory'] : {};
      const nanoCores = finite(cpu['usageNanoCores']);
      const workingSet = finite(memory['workingSetBytes']);
      const containerName = text(container['name']);
      if (containerName === undefined || nanoCores === undefined || workingSet === undefined) continue;
      containers.push({ name: containerName, cpuMillis: nanoCores / 1e6, memoryBytes: workingSet });
      sampledMs ??= toMillis(text(cpu['time']));
    }
    pods.push(sampledMs === undefined ? { namespace, name, containers } : { namespace, name, containers, sampledMs });
  }
  return pods;
}
