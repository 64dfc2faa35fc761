import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import type { ProcessPlan } from '../../src/demo/controlPlane/containerRuntime.js';
import { seededRandom } from '../../src/demo/controlPlane/random.js';
import { usageProfile } from '../../src/demo/controlPlane/usageProfile.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { getJson } from '../../src/kube/http/jsonGet.js';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';

const MiB = 2 ** 20;
const hogSpec = { name: 'hog', resources: { limits: { memory: '20Mi' }, requests: { memory: '20Mi' } } };
const ignoresTerm = { ignore: true } as const;

describe('the simulated usage of a container', () => {
  it("an OOM-killed process climbs to its memory limit at the moment of the kill", () => {
    const plan: ProcessPlan = { script: [{ afterMs: 0, lines: [] }], exit: { afterMs: 600, code: 137, oomKilled: true }, onTerm: ignoresTerm };
    const usage = usageProfile(hogSpec, plan, seededRandom(1), 1000);
    const at = (ms: number) => usage(1000 + ms).workingSetBytes;
    expect(at(0)).toBeLessThan(3 * MiB);
    expect(at(300)).toBeGreaterThan(10 * MiB);
    expect(at(300)).toBeLessThan(12 * MiB);
    expect(at(600)).toBe(20 * MiB);
    for (let ms = 0; ms < 600; ms += 50) expect(at(ms + 50)).toBeGreaterThan(at(ms));
  });

  it('a steady process moves but stays under its limits', () => {
    const spec = { name: 'web', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '150m', memory: '80Mi' } } };
    const plan: ProcessPlan = { steady: () => ({ afterMs: 1000, lines: [] }), onTerm: ignoresTerm };
    const usage = usageProfile(spec, plan, seededRandom(7), 0);
    const samples = Array.from({ length: 60 }, (_, i) => usage(i * 5_000));
    expect(new Set(samples.map((s) => s.usageNanoCores)).size).toBeGreaterThan(50);
    for (const s of samples) {
      expect(s.usageNanoCores).toBeLessThanOrEqual(150_000_000);
      expect(s.workingSetBytes).toBeLessThanOrEqual(80 * MiB);
      expect(s.workingSetBytes).toBeGreaterThan(0);
    }
    expect(samples[59]!.usageCoreNanoSeconds).toBeGreaterThan(samples[1]!.usageCoreNanoSeconds);
  });
});

describe('metrics.k8s.io and stats/summary on the demo cluster', () => {
  let clock: ManualClock;
  let demo: DemoCluster;
  let off: DemoCluster;
  const get = (cluster: DemoCluster, path: string) => getJson(loadClusterConfig({ kubeconfig: cluster.kubeconfigPath, env: {}, home: '/nonexistent' }).kubeConfig, path, { signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    clock = manualClock(new Date('2026-11-23T09:13:00Z'));
    demo = await startDemoCluster({ clock, namespace: 'lab' });
    off = await startDemoCluster({ clock: manualClock(new Date('2026-11-23T09:13:00Z')), namespace: 'lab', metricsApi: false });
    for (let t = 0; t < 20_000; t += 100) clock.advance(100);
  });
  afterAll(async () => {
    await demo?.close();
    await off?.close();
  });

  it('/apis lists metrics.k8s.io only when it is served', async () => {
    const names = (body: unknown) => (body as { groups: { name: string }[] }).groups.map((g) => g.name);
    expect(names(await get(demo, '/apis'))).toContain('metrics.k8s.io');
    expect(names(await get(off, '/apis'))).not.toContain('metrics.k8s.io');
    await expect(get(off, '/apis/metrics.k8s.io/v1beta1/namespaces/lab/pods')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('serves the last scrape until the resolution (15 s) has passed, as metrics-server does', async () => {
    const path = '/apis/metrics.k8s.io/v1beta1/namespaces/lab/pods/web';
    const first = (await get(demo, path)) as { timestamp: string; window: string; containers: { name: string; usage: { cpu: string; memory: string } }[] };
    expect(first.window).toBe('15s');
    expect(first.containers[0]?.usage.cpu).toMatch(/^\d+n$/);
    expect(first.containers[0]?.usage.memory).toMatch(/^\d+Ki$/);
    clock.advance(5_000);
    expect(await get(demo, path)).toMatchObject({ timestamp: first.timestamp, containers: first.containers });
    clock.advance(15_000);
    const later = (await get(demo, path)) as typeof first;
    expect(later.timestamp).not.toBe(first.timestamp);
    expect(later.containers[0]?.usage.cpu).not.toBe(first.containers[0]?.usage.cpu);
  });

  it("a node's stats/summary: the node and its pods' running containers; an unknown node is 404", async () => {
    const summary = (await get(demo, '/api/v1/nodes/node-a/proxy/stats/summary')) as { node: { nodeName: string; memory: { workingSetBytes: number } }; pods: { podRef: { namespace: string } }[] };
    expect(summary.node.nodeName).toBe('node-a');
    expect(summary.node.memory.workingSetBytes).toBeGreaterThan(0);
    expect(summary.pods.length).toBeGreaterThan(0);
    await expect(get(demo, '/api/v1/nodes/nope/proxy/stats/summary')).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("the scale fleet's usage", () => {
  it('metrics.k8s.io reports its running pods, per namespace, with numbers that move between scrapes', async () => {
    const clock = manualClock(new Date('2026-11-23T09:13:00Z'));
    const cluster = await startDemoCluster({ clock, scalePods: 300, scenario: false });
    try {
      const config = loadClusterConfig({ kubeconfig: cluster.kubeconfigPath, env: {}, home: '/nonexistent' }).kubeConfig;
      const namespace = cluster.scale!.fleet.namespaces[0]!;
      type List = { items: { metadata: { namespace: string; name: string }; containers: { name: string; usage: { cpu: string; memory: string } }[] }[] };
      const list = async () => (await getJson(config, `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, { signal: AbortSignal.timeout(10_000) })) as List;
      const first = await list();
      expect(first.items.length).toBeGreaterThan(200);
      expect(first.items.every((item) => item.metadata.namespace === namespace && item.containers.length > 0)).toBe(true);
      expect(first.items.map((item) => item.metadata.name)).toEqual([...first.items.map((item) => item.metadata.name)].sort());
      clock.advance(20_000);
      const later = await list();
      expect(later.items.map((item) => item.containers)).not.toEqual(first.items.map((item) => item.containers));
    } finally {
      await cluster.close();
    }
  }, 60_000);
});
