import type { JsonObject } from '../apiTypes.js';
import type { PodUsageView } from '../controlPlane/index.js';
import { rfc3339 } from '../controlPlane/time.js';

export const metricsGroupVersion = { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' };

/** The group as /apis lists it once metrics-server's APIService is registered. */
export function metricsApiGroup(): JsonObject {
  return { name: 'metrics.k8s.io', versions: [metricsGroupVersion], preferredVersion: metricsGroupVersion };
}

/** The two resources metrics-server 0.6 serves, in the order its discovery lists them. */
export function metricsResourceList(): JsonObject {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: metricsGroupVersion.groupVersion,
    resources: [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ],
  };
}

/** A node's totals from its kubelet's summary: what metrics-server keeps of `node.cpu` and `node.memory`. */
export interface NodeUsageView {
  name: string;
  usageNanoCores: number;
  workingSetBytes: number;
}

/** What the scraper reads: the running containers' usage, and each node's summary totals. */
export interface MetricsSource {
  pods(): readonly PodUsageView[];
  nodes(): readonly NodeUsageView[];
}

/** One scrape of every kubelet, as metrics-server keeps it between scrapes. */
export interface Scrape {
  atMs: number;
  pods: ReadonlyMap<string, PodUsageView>;
  nodes: ReadonlyMap<string, NodeUsageView>;
}

/** metrics-server's default --metric-resolution. */
export const metricResolutionMs = 15_000;

/**
 * metrics-server in miniature: scrapes the kubelets at most once per resolution and serves the last
 * scrape, so clients polling faster see the same numbers (as they would from the real one).
 */
export class MetricsScraper {
  private last: Scrape | undefined;

  constructor(
    private readonly source: MetricsSource,
    private readonly now: () => number,
  ) {}

  current(): Scrape {
    const now = this.now();
    if (this.last === undefined || now - this.last.atMs >= metricResolutionMs || now < this.last.atMs) {
      const pods = new Map<string, PodUsageView>();
      for (const pod of this.source.pods()) if (pod.containers.length > 0) pods.set(`${pod.namespace}/${pod.name}`, pod);
      const nodes = new Map(this.source.nodes().map((node) => [node.name, node] as const));
      this.last = { atMs: now, pods, nodes };
    }
    return this.last;
  }
}

/** A PodMetrics object as metrics-server 0.6 writes it: nanocores and KiB. */
export function podMetrics(usage: PodUsageView, labels: JsonObject | undefined, scrapeMs: number, nowMs: number): JsonObject {
  const metadata: JsonObject = { name: usage.name, namespace: usage.namespace, creationTimestamp: rfc3339(nowMs) };
  if (labels !== undefined) metadata['labels'] = labels;
  return {
    metadata,
    timestamp: rfc3339(scrapeMs),
    window: `${metricResolutionMs / 1000}s`,
    containers: usage.containers.map((c) => ({
      name: c.name,
      usage: { cpu: `${c.sample.usageNanoCores}n`, memory: `${Math.round(c.sample.workingSetBytes / 1024)}Ki` },
    })),
  };
}

/** A NodeMetrics object as metrics-server 0.6 writes it: the node's labels, nanocores and KiB. */
export function nodeMetrics(usage: NodeUsageView, labels: JsonObject | undefined, scrapeMs: number, nowMs: number): JsonObject {
  const metadata: JsonObject = { name: usage.name, creationTimestamp: rfc3339(nowMs) };
  if (labels !== undefined) metadata['labels'] = labels;
  return {
    metadata,
    timestamp: rfc3339(scrapeMs),
    window: `${metricResolutionMs / 1000}s`,
    usage: { cpu: `${usage.usageNanoCores}n`, memory: `${Math.round(usage.workingSetBytes / 1024)}Ki` },
  };
}
