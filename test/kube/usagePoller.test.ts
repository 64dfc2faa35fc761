import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { MAX_FOCUSED_NAMESPACES, UsagePoller } from '../../src/kube/metrics/usagePoller.js';
import type { UsageState } from '../../src/model/usage.js';
import { configFor, eventually, startHarness, type Harness } from './demoHarness.js';
import { FaultServer, sendJson, sendStatus } from './faultServer.js';

type Live = Extract<UsageState, { kind: 'live' }>;

const pollers: UsagePoller[] = [];
afterEach(() => {
  for (const poller of pollers.splice(0)) poller.close();
});

function poll(options: ConstructorParameters<typeof UsagePoller>[0]): UsagePoller {
  const poller = new UsagePoller({ intervalMs: 100, ...options });
  pollers.push(poller);
  return poller;
}

function nodesOf(harness: Harness, namespace: string): () => string[] {
  return () => [...new Set(harness.demo.store.list('pods', namespace).map((pod) => String((pod['spec'] as { nodeName?: string }).nodeName ?? '')).filter((n) => n !== ''))];
}

async function live(poller: UsagePoller, source: Live['source'], pod: string): Promise<Live> {
  return eventually(() => {
    const state = poller.state();
    if (state.kind !== 'live' || state.source !== source) throw new Error(`not live from ${source} yet: ${JSON.stringify(state)}`);
    const web = state.pods.get(pod);
    if (web === undefined || web.containers.length === 0) throw new Error(`no sample of ${pod} yet`);
    return state;
  });
}

/** The scenario with time that only moves when told: web and httpd run after 20 simulated seconds. */
async function demoAt20s(options: { metricsApi: boolean }): Promise<{ harness: Harness; clock: ManualClock }> {
  const clock = manualClock(new Date('2026-11-23T09:13:00Z'));
  const harness = await startHarness({ clock, namespace: 'lab', metricsApi: options.metricsApi });
  for (let t = 0; t < 20_000; t += 100) clock.advance(100);
  return { harness, clock };
}

describe('usage from the demo cluster over HTTP', () => {
  let withMetrics: Harness;
  let withoutMetrics: Harness;
  let clock: ManualClock;

  beforeAll(async () => {
    ({ harness: withMetrics } = await demoAt20s({ metricsApi: true }));
    ({ harness: withoutMetrics, clock } = await demoAt20s({ metricsApi: false }));
  });
  afterAll(async () => {
    await withMetrics?.close();
    await withoutMetrics?.close();
  });

  it('metrics.k8s.io: one PodMetrics list for the namespace, CPU and memory per container', async () => {
    const poller = poll({ kubeConfig: withMetrics.config.kubeConfig, scope: { namespace: 'lab' }, nodes: nodesOf(withMetrics, 'lab') });
    const state = await live(poller, 'metrics.k8s.io', 'lab/web');
    const web = state.pods.get('lab/web');
    expect(web?.containers.map((c) => c.name)).toEqual(['web']);
    expect(web?.containers[0]?.cpuMillis).toBeGreaterThan(0);
    expect(web?.containers[0]?.memoryBytes).toBeGreaterThan(0);
    expect([...state.pods.keys()].every((key) => key.startsWith('lab/'))).toBe(true);
    // duo's two containers are both sampled.
    expect(state.pods.get('lab/duo')?.containers.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
  });

  it('all namespaces: one list across the cluster', async () => {
    const poller = poll({ kubeConfig: withMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: () => [] });
    const state = await live(poller, 'metrics.k8s.io', 'lab/web');
    expect([...state.pods.keys()].some((key) => key.startsWith('kube-system/'))).toBe(true);
  });

  it('all namespaces focused on the namespaces on screen: only their pods; unfocused, the whole scope again', async () => {
    const poller = poll({ kubeConfig: withMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: () => [] });
    poller.focus(['lab']);
    const state = await live(poller, 'metrics.k8s.io', 'lab/web');
    expect([...state.pods.keys()].every((key) => key.startsWith('lab/'))).toBe(true);
    poller.focus(undefined);
    await eventually(() => expect([...(poller.state() as Live).pods.keys()].some((key) => key.startsWith('kube-system/'))).toBe(true));
  });

  it('a focus on namespaces the last poll did not read polls at once, not after the interval', async () => {
    const poller = poll({ kubeConfig: withMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: () => [], intervalMs: 3_600_000 });
    poller.focus(['lab']);
    await live(poller, 'metrics.k8s.io', 'lab/web');
    poller.focus(['kube-system']);
    const keys = await eventually(() => {
      const now = [...(poller.state() as Live).pods.keys()];
      if (!now.some((key) => key.startsWith('kube-system/'))) throw new Error('kube-system not polled yet');
      return now;
    });
    expect(keys.every((key) => key.startsWith('kube-system/'))).toBe(true);
  });

  it(`more than ${MAX_FOCUSED_NAMESPACES} namespaces on screen: one list of the whole scope`, async () => {
    const poller = poll({ kubeConfig: withMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: () => [] });
    poller.focus(['lab', 'a', 'b', 'c', 'd']);
    await live(poller, 'metrics.k8s.io', 'lab/web');
    await eventually(() => expect([...(poller.state() as Live).pods.keys()].some((key) => key.startsWith('kube-system/'))).toBe(true));
  });

  it('the summary fallback focused on a namespace: its pods only, from the nodes of its pods', async () => {
    const asked: Array<readonly string[] | undefined> = [];
    const nodes = nodesOf(withoutMetrics, 'lab');
    const poller = poll({ kubeConfig: withoutMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: (namespaces) => (asked.push(namespaces), nodes()) });
    poller.focus(['lab']);
    const state = await live(poller, 'summary', 'lab/web');
    expect([...state.pods.keys()].every((key) => key.startsWith('lab/'))).toBe(true);
    expect(asked.at(-1)).toEqual(['lab']);
  });

  it('without metrics.k8s.io (404): the kubelets’ stats/summary through the node proxy, the same pods', async () => {
    const poller = poll({ kubeConfig: withoutMetrics.config.kubeConfig, scope: { namespace: 'lab' }, nodes: nodesOf(withoutMetrics, 'lab') });
    const state = await live(poller, 'summary', 'lab/web');
    expect(state.note).toBeUndefined();
    expect(state.pods.get('lab/web')?.containers[0]?.memoryBytes).toBeGreaterThan(0);
    expect([...state.pods.keys()].every((key) => key.startsWith('lab/'))).toBe(true);
  });

  it('values move between polls (the summary is the kubelet now)', async () => {
    const poller = poll({ kubeConfig: withoutMetrics.config.kubeConfig, scope: { namespace: 'lab' }, nodes: nodesOf(withoutMetrics, 'lab') });
    const first = (await live(poller, 'summary', 'lab/web')).pods.get('lab/web')?.containers[0]?.cpuMillis;
    clock.advance(7_000);
    await eventually(() => expect(poller.state().kind === 'live' && (poller.state() as Live).pods.get('lab/web')?.containers[0]?.cpuMillis).not.toBe(first));
  });

  it('more nodes than the cap: asks the first ones and says so', async () => {
    const poller = poll({ kubeConfig: withoutMetrics.config.kubeConfig, scope: { allNamespaces: true }, nodes: () => ['node-a', 'node-b', 'node-c'], summary: { maxNodes: 2 } });
    const state = await eventually(() => {
      const s = poller.state();
      if (s.kind !== 'live') throw new Error('not live');
      return s;
    });
    expect(state.note).toBe('summary of 2 of 3 nodes');
  });

  it("a viewer without metrics.k8s.io and without nodes/proxy: not available, each source's answer", async () => {
    const viewer = configFor(withoutMetrics, { token: withoutMetrics.demo.readonlyToken, user: 'viewer', context: 'viewer', namespace: 'lab' });
    const poller = poll({ kubeConfig: viewer.kubeConfig, scope: { namespace: 'lab' }, nodes: nodesOf(withoutMetrics, 'lab') });
    const state = await eventually(() => {
      const s = poller.state();
      if (s.kind !== 'unavailable') throw new Error(`still ${s.kind}`);
      return s;
    });
    expect(state.reason).toBe('metrics.k8s.io: 404; summary: forbidden');
  });
});

describe('usage against a faulty server', () => {
  let server: FaultServer;
  let dir: string;
  beforeAll(async () => {
    server = await FaultServer.start();
    dir = mkdtempSync(join(tmpdir(), 'podscope-usage-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const metricsList = { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [{ metadata: { name: 'web', namespace: 'lab' }, timestamp: '2026-11-23T09:16:00Z', window: '15s', containers: [{ name: 'web', usage: { cpu: '2126602n', memory: '12688Ki' } }] }] };

  it('metrics-server down (503) and kubelets failing (500): not available, with both answers', async () => {
    server.list = (request, response) => (request.path.startsWith('/apis/metrics.k8s.io') ? sendStatus(response, 503, 'the server is currently unable to handle the request', {}, 'ServiceUnavailable') : sendJson(response, 200, {}));
    server.get = (_request, response) => sendStatus(response, 500, 'kubelet does not answer', {}, 'InternalError');
    const poller = poll({ kubeConfig: server.config(dir).kubeConfig, scope: { namespace: 'lab' }, nodes: () => ['vm'] });
    await eventually(() => expect(poller.state()).toEqual({ kind: 'unavailable', reason: 'metrics.k8s.io: 503 service unavailable; summary: 500' }));
  });

  it('a poll that fails after values were shown keeps them and says the poll failed', async () => {
    let fail = false;
    server.list = (_request, response) => (fail ? sendStatus(response, 500, 'etcd is slow', {}, 'InternalError') : sendJson(response, 200, metricsList));
    const poller = poll({ kubeConfig: server.config(dir).kubeConfig, scope: { namespace: 'lab' }, nodes: () => [] });
    const state = await live(poller, 'metrics.k8s.io', 'lab/web');
    expect(state.pods.get('lab/web')?.containers[0]).toEqual({ name: 'web', cpuMillis: 2.126602, memoryBytes: 12688 * 1024 });
    fail = true;
    await eventually(() => expect(poller.state()).toMatchObject({ kind: 'live', stale: '500' }), 30_000);
    expect((poller.state() as Live).pods.get('lab/web')).toBeDefined();
  });
  it('an answer that reads the same as the last keeps the state and tells no one; new numbers do', async () => {
    let cpu = '2126602n';
    server.list = (_request, response) => sendJson(response, 200, { ...metricsList, items: [{ ...metricsList.items[0], timestamp: new Date().toISOString(), containers: [{ name: 'web', usage: { cpu, memory: '12688Ki' } }] }] });
    const poller = poll({ kubeConfig: server.config(dir).kubeConfig, scope: { namespace: 'lab' }, nodes: () => [] });
    const first = await live(poller, 'metrics.k8s.io', 'lab/web');
    let told = 0;
    poller.subscribe(() => (told += 1));
    const since = Date.now();
    // Several more polls, each with a new sample time and the same numbers.
    await eventually(() => expect(server.count('list', since)).toBeGreaterThanOrEqual(3));
    expect(poller.state()).toBe(first);
    expect(told).toBe(0);
    cpu = '9000000n';
    await eventually(() => expect((poller.state() as Live).pods.get('lab/web')?.containers[0]?.cpuMillis).toBeCloseTo(9));
    expect(told).toBe(1);
  });
});
