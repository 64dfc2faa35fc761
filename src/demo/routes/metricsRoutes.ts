import type { JsonObject } from '../apiTypes.js';
import type { ControlPlane, PodUsageView } from '../controlPlane/index.js';
import { sendJson, sendJsonList } from '../http.js';
import { numberAt, objectAt } from '../jsonAccess.js';
import { MetricsScraper, metricsApiGroup, metricsResourceList, nodeMetrics, podMetrics, type NodeUsageView } from '../metrics/metricsApi.js';
import type { Route, RouteContext } from '../router.js';
import { matchesLabels, parseLabelSelector } from '../selectors.js';
import { notFound } from '../status.js';

const metricsAccess = (verb: 'get' | 'list', resource: 'pods' | 'nodes' = 'pods') =>
  ({
    kind: 'resource',
    attributes: (params: Readonly<Record<string, string>>) => ({ verb, resource, group: 'metrics.k8s.io', namespace: params['namespace'], name: params['name'] }),
  }) as const;

/** A node's totals as metrics-server reads them off its kubelet's summary; none for a node without one. */
function nodeUsage(controlPlane: ControlPlane): NodeUsageView[] {
  return controlPlane.nodes.flatMap((node) => {
    const summary = objectAt(controlPlane.nodeSummary(node.name), 'node');
    const usageNanoCores = numberAt(summary, 'cpu', 'usageNanoCores');
    const workingSetBytes = numberAt(summary, 'memory', 'workingSetBytes');
    return usageNanoCores === undefined || workingSetBytes === undefined ? [] : [{ name: node.name, usageNanoCores, workingSetBytes }];
  });
}

function labelsOf(pod: JsonObject | undefined): JsonObject | undefined {
  return pod === undefined ? undefined : objectAt(pod, 'metadata', 'labels');
}

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it through the aggregator: PodMetrics of the
 * pods the kubelets report running containers for, per namespace or across all, with labelSelector;
 * `otherPods` adds pods no simulated kubelet runs (the scale fleet); NodeMetrics of every node whose
 * kubelet answers its summary.
 */
export function metricsRoutes(controlPlane: ControlPlane, otherPods: () => readonly PodUsageView[] = () => []): Route[] {
  const scraper = new MetricsScraper({ pods: () => [...controlPlane.podUsage(), ...otherPods()], nodes: () => nodeUsage(controlPlane) }, () => controlPlane.clock.now());
  const nodeLabels = (name: string): JsonObject | undefined => {
    const node = controlPlane.nodes.find((n) => n.name === name);
    return node === undefined ? undefined : { ...node.labels };
  };
  const listNodes = (context: RouteContext): void => {
    const selector = parseLabelSelector(context.query.get('labelSelector') ?? '');
    const scrape = scraper.current();
    const now = controlPlane.clock.now();
    const items: JsonObject[] = [];
    for (const usage of [...scrape.nodes.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const labels = nodeLabels(usage.name);
      if (selector.length > 0 && !matchesLabels(selector, (labels ?? {}) as Record<string, string>)) continue;
      items.push(nodeMetrics(usage, labels, scrape.atMs, now));
    }
    sendJson(context.response, 200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
  };
  const getNode = (context: RouteContext): void => {
    const name = context.params['name'] ?? '';
    const scrape = scraper.current();
    const usage = scrape.nodes.get(name);
    if (usage === undefined) throw notFound('nodemetrics.metrics.k8s.io', name);
    sendJson(context.response, 200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...nodeMetrics(usage, nodeLabels(name), scrape.atMs, controlPlane.clock.now()) });
  };
  const list = (context: RouteContext): void => {
    const namespace = context.params['namespace'];
    const selector = parseLabelSelector(context.query.get('labelSelector') ?? '');
    const scrape = scraper.current();
    const now = controlPlane.clock.now();
    const items: JsonObject[] = [];
    // One read-only view of the pods, not a copy of each: a list across 20,000 pods must stay cheap.
    const pods = new Map(context.server.store.view('pods', namespace).map((pod) => [key(pod), pod]));
    for (const usage of scrape.pods.values()) {
      if (namespace !== undefined && usage.namespace !== namespace) continue;
      const pod = pods.get(`${usage.namespace}/${usage.name}`);
      if (pod === undefined) continue;
      const labels = labelsOf(pod);
      if (selector.length > 0 && !matchesLabels(selector, (labels ?? {}) as Record<string, string>)) continue;
      items.push(podMetrics(usage, labels, scrape.atMs, now));
    }
    const keyed = items.map((item) => ({ item, key: key(item) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    sendJsonList(context.response, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {} }, keyed.map((entry) => entry.item));
  };
  const get = (context: RouteContext): void => {
    const namespace = context.params['namespace'] ?? '';
    const name = context.params['name'] ?? '';
    const usage = scraper.current().pods.get(`${namespace}/${name}`);
    const pod = context.server.store.get({ resource: 'pods', namespace, name });
    if (usage === undefined || pod === undefined) throw notFound('podmetrics.metrics.k8s.io', name);
    sendJson(context.response, 200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...podMetrics(usage, labelsOf(pod), scraper.current().atMs, controlPlane.clock.now()) });
  };
  return [
    { method: 'GET', path: '/apis/metrics.k8s.io', access: { kind: 'authenticated' }, handle: (c) => sendJson(c.response, 200, { kind: 'APIGroup', apiVersion: 'v1', ...metricsApiGroup() }) },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1', access: { kind: 'authenticated' }, handle: (c) => sendJson(c.response, 200, metricsResourceList()) },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes', access: metricsAccess('list', 'nodes'), handle: listNodes },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes/:name', access: metricsAccess('get', 'nodes'), handle: getNode },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/pods', access: metricsAccess('list'), handle: list },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/:namespace/pods', access: metricsAccess('list'), handle: list },
    { method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/:namespace/pods/:name', access: metricsAccess('get'), handle: get },
  ];
}

function key(item: JsonObject): string {
  const metadata = objectAt(item, 'metadata');
  return `${String(metadata?.['namespace'] ?? '')}/${String(metadata?.['name'] ?? '')}`;
}

/** The kubelet's stats/summary through the API server's node proxy (`get nodes/proxy`). */
export function nodeProxyRoutes(controlPlane: ControlPlane): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/nodes/:name/proxy/stats/summary',
      access: { kind: 'resource', attributes: (params) => ({ verb: 'get', resource: 'nodes', subresource: 'proxy', name: params['name'] }) },
      handle: (context) => {
        const name = context.params['name'] ?? '';
        const summary = controlPlane.nodeSummary(name);
        if (summary === undefined) throw notFound('nodes', name);
        sendJson(context.response, 200, summary);
      },
    },
  ];
}
