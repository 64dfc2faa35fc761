import type { JsonObject } from '../apiTypes.js';
import type { PodUsageView } from '../controlPlane/index.js';
import { rfc3339 } from '../controlPlane/time.js';

export const metricsGroupVersion = { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' };

/** The group as /apis lists it once metrics-server's APIService is registered. */
export function metricsApiGroup(): JsonObject {
  return { name: 'metrics.k8s.io', versions: [metricsGroupVersion], preferredVersion: metricsGroupVersion };
}

/** Only pods: the demo serves no Node objects, so NodeMetrics would point at nothing. */
export function metricsResourceList(): JsonObject {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: metricsGroupVersion.groupVersion,
    resources: [{ name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] }],
  };
}

/** One scrape of every kubelet, as metrics-server keeps it between scrapes. */
export interface Scrape {
  atMs: number;
  pods: ReadonlyMap<string, PodUsageView>;
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
    private readonly scrape: () => readonly PodUsageView[],
    private readonly now: () => number,
  ) {}

  current(): Scrape {
    const now = this.now();
    if (this.last === undefined || now - this.last.atMs >= metricResolutionMs || now < this.last.atMs) {
      const pods = new Map<string, PodUsageView>();
      for (const pod of this.scrape()) if (pod.containers.length > 0) pods.set(`${pod.namespace}/${pod.name}`, pod);
      this.last = { atMs: now, pods };
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
