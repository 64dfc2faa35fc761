import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { manualClock } from '../../src/demo/clock.js';
import { startDemoCluster } from '../../src/demo/index.js';
import { findKubectl, kubectlFor, parseKubectlTable } from '../conformance/kubectlRunner.js';
import { kubeConfigFor, openWatch, request } from './helpers.js';

type Cluster = Awaited<ReturnType<typeof startDemoCluster>>;

const SCALE_PODS = 6000;
const CHURN = 300;

interface PodList {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: Array<{ metadata: { namespace: string; name: string; resourceVersion: string } }>;
}

/** Every page of a paginated list, as a client reads it (limit + continue). */
async function readAllPages(cluster: Cluster, path: string, limit: number): Promise<{ pages: PodList[]; keys: string[] }> {
  const pages: PodList[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit) });
    if (token !== undefined) query.set('continue', token);
    const response = await request(cluster.server, `${path}?${query.toString()}`, { token: cluster.token });
    expect(response.status).toBe(200);
    const page = response.json() as unknown as PodList;
    pages.push(page);
    token = page.metadata.continue;
  } while (token !== undefined && token !== '');
  return { pages, keys: pages.flatMap((page) => page.items.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`)) };
}

function sorted(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// Reading 6,000 pods page by page while they churn takes seconds, more on a loaded CI machine.
describe('the demo cluster at scale (real clock, churning)', { timeout: 180_000 }, () => {
  let cluster: Cluster;

  beforeAll(async () => {
    // A history long enough that a slow (loaded) reader's continue tokens do not expire: expiry
    // itself is tested in apiLists.test.ts.
    cluster = await startDemoCluster({ seed: 3, scalePods: SCALE_PODS, churn: CHURN, historyLimit: 200_000 });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('seeds the asked number of pods in namespaces of their own, with believable states and owners', () => {
    const fleet = cluster.scale?.fleet;
    expect(fleet?.pods.length).toBe(SCALE_PODS);
    expect(fleet?.namespaces.length).toBe(Math.ceil(SCALE_PODS / 250));
    const pods = fleet?.namespaces.flatMap((namespace) => cluster.store.view('pods', namespace)) ?? [];
    expect(pods.length).toBe(SCALE_PODS);
    const phases = new Map<string, number>();
    for (const pod of pods) {
      const phase = String((pod['status'] as JsonObject)['phase']);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
      const owners = (pod['metadata'] as JsonObject)['ownerReferences'] as JsonObject[];
      expect(['ReplicaSet', 'StatefulSet', 'Job']).toContain(owners[0]?.['kind']);
      expect((pod['metadata'] as JsonObject)['managedFields']).toBeDefined();
    }
    expect(phases.get('Running') ?? 0).toBeGreaterThan(SCALE_PODS * 0.85);
    for (const phase of ['Pending', 'Succeeded', 'Failed']) expect(phases.get(phase) ?? 0).toBeGreaterThan(0);
  });

  it("answers a GET of every kind of pod owner, and of the owner's own controller, as the tree reads the chain", async () => {
    const fleet = cluster.scale?.fleet;
    const resourceOf: Record<string, string> = { ReplicaSet: 'replicasets', StatefulSet: 'statefulsets', Job: 'jobs', Deployment: 'deployments', CronJob: 'cronjobs' };
    const pathOf = (namespace: string, owner: JsonObject) => `/apis/${String(owner['apiVersion'])}/namespaces/${namespace}/${resourceOf[String(owner['kind'])]}/${String(owner['name'])}`;
    const firstOfKind = new Map<string, JsonObject>();
    for (const pod of fleet?.namespaces.flatMap((namespace) => cluster.store.view('pods', namespace)) ?? []) {
      const owner = ((pod['metadata'] as JsonObject)['ownerReferences'] as JsonObject[])[0];
      if (owner !== undefined && !firstOfKind.has(String(owner['kind']))) firstOfKind.set(String(owner['kind']), pod);
    }
    expect([...firstOfKind.keys()].sort()).toEqual(['Job', 'ReplicaSet', 'StatefulSet']);
    const controllers: string[] = [];
    for (const pod of firstOfKind.values()) {
      const metadata = pod['metadata'] as JsonObject;
      const namespace = String(metadata['namespace']);
      const owner = (metadata['ownerReferences'] as JsonObject[])[0] as JsonObject;
      const answer = await request(cluster.server, pathOf(namespace, owner), { token: cluster.token });
      expect(answer.status, pathOf(namespace, owner)).toBe(200);
      const object = answer.json() as { metadata: { uid: string; ownerReferences?: JsonObject[] } };
      expect(object.metadata.uid).toBe(owner['uid']);
      const controller = object.metadata.ownerReferences?.[0];
      if (controller === undefined) continue;
      controllers.push(String(controller['kind']));
      const up = await request(cluster.server, pathOf(namespace, controller), { token: cluster.token });
      expect(up.status, pathOf(namespace, controller)).toBe(200);
    }
    expect(controllers.sort()).toEqual(['CronJob', 'Deployment']);
  });

  it('lists every pod exactly once, in name order, over limit/continue pages while the pods churn', async () => {
    const total = cluster.store.count('pods');
    const { pages, keys } = await readAllPages(cluster, '/api/v1/pods', 500);
    expect(keys.length).toBe(total);
    expect(new Set(keys).size).toBe(total);
    expect(keys).toEqual(sorted(keys));
    // One consistent snapshot: every page at the first page's revision, no object newer than it.
    const revision = Number(pages[0]?.metadata.resourceVersion);
    for (const page of pages) {
      expect(Number(page.metadata.resourceVersion)).toBe(revision);
      for (const pod of page.items) expect(Number(pod.metadata.resourceVersion)).toBeLessThanOrEqual(revision);
    }
    // remainingItemCount counts down to the last page, which has no continue token.
    expect(pages[0]?.metadata.remainingItemCount).toBe(total - 500);
    expect(pages.at(-1)?.metadata.continue).toBeUndefined();
  });

  it('pages one namespace in name order with the same tokens', async () => {
    const namespace = cluster.scale?.fleet.namespaces[1] ?? '';
    const { keys } = await readAllPages(cluster, `/api/v1/namespaces/${namespace}/pods`, 40);
    expect(keys.length).toBe(cluster.store.view('pods', namespace).length);
    expect(keys.every((key) => key.startsWith(`${namespace}/`))).toBe(true);
    expect(keys).toEqual(sorted(keys));
  });

  it('client-node reads the whole list in pages', async () => {
    const api = kubeConfigFor(cluster.server, cluster.token).makeApiClient(CoreV1Api);
    let token: string | undefined;
    const names = new Set<string>();
    let count = 0;
    const before = cluster.store.count('pods');
    do {
      const page = await api.listPodForAllNamespaces({ limit: 2000, _continue: token });
      count += page.items.length;
      for (const pod of page.items) names.add(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
      token = page.metadata?._continue;
    } while (token !== undefined && token !== '');
    // The pages are one snapshot; the store churns on (a replaced pod is one fewer for a moment), so
    // its count is only known to within the pod being replaced while the first page was asked for.
    const after = cluster.store.count('pods');
    expect(names.size).toBe(count);
    expect(count).toBeGreaterThanOrEqual(Math.min(before, after) - 1);
    expect(count).toBeLessThanOrEqual(Math.max(before, after) + 1);
  });

  it('serves the list as a server-side Table, page by page', async () => {
    const response = await request(cluster.server, '/api/v1/pods?limit=300', { token: cluster.token, headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const table = response.json();
    expect(table['kind']).toBe('Table');
    expect((table['rows'] as unknown[]).length).toBe(300);
    expect((table['metadata'] as JsonObject)['continue']).toEqual(expect.any(String));
  });

  it('fans every change out to several watchers, identically', async () => {
    const resourceVersion = cluster.store.resourceVersion();
    const watches = await Promise.all([1, 2, 3].map(() => openWatch(cluster.server, `/api/v1/pods?watch=true&resourceVersion=${resourceVersion}`, { token: cluster.token })));
    const start = Number(resourceVersion);
    await expect.poll(() => Math.min(...watches.map((watch) => watch.events.length)), { timeout: 20_000 }).toBeGreaterThan(50);
    for (const watch of watches) watch.close();
    const revisions = watches.map((watch) => watch.events.slice(0, 50).map((event) => Number((event.object['metadata'] as JsonObject)['resourceVersion'])));
    expect(revisions[1]).toEqual(revisions[0]);
    expect(revisions[2]).toEqual(revisions[0]);
    expect(revisions[0]?.every((revision, index) => revision > start && (index === 0 || revision > (revisions[0]?.[index - 1] ?? 0)))).toBe(true);
    expect(watches[0]?.events.slice(0, 50).every((event) => event.type === 'MODIFIED')).toBe(true);
  });

  it('kubectl get pods -A -o wide prints every pod', async (context) => {
    const binary = findKubectl();
    if (binary === undefined) {
      context.skip('kubectl is not on PATH');
      return;
    }
    const scratch = await mkdtemp(join(tmpdir(), 'podscope-scale-kubectl-'));
    try {
      // Spawned, not run: the output is larger than execFile's buffer.
      const child = kubectlFor(binary, cluster.kubeconfigPath, scratch).spawn('get', 'pods', '-A', '-o', 'wide');
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const rows = parseKubectlTable(stdout);
      const fleet = new Set(cluster.scale?.fleet.namespaces);
      expect(rows.filter((row) => fleet.has(row['NAMESPACE'] ?? '')).length).toBe(SCALE_PODS);
      expect(rows.some((row) => row['STATUS'] === 'CrashLoopBackOff')).toBe(true);
      expect(rows.some((row) => row['STATUS'] === 'Terminating')).toBe(true);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('the churn (manual clock)', () => {
  it('writes the asked number of status updates per second of the cluster clock, each a real change', async () => {
    const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
    const cluster = await startDemoCluster({ clock, scenario: false, scalePods: 3000, churn: 100 });
    try {
      const before = Number(cluster.store.resourceVersion());
      for (let i = 0; i < 1000; i++) clock.advance(20);
      const churn = cluster.scale?.churn;
      expect(churn?.updates).toBeGreaterThanOrEqual(20 * 100 * 0.97);
      expect(churn?.updates).toBeLessThanOrEqual(20 * 100);
      expect(Number(cluster.store.resourceVersion()) - before).toBeGreaterThanOrEqual(churn?.updates ?? 0);
      // The fleet keeps its shape: a few pods flapping, not the whole cluster unready.
      const unready = cluster.store.view('pods').filter((pod) => {
        const conditions = ((pod['status'] as JsonObject)['conditions'] ?? []) as JsonObject[];
        return conditions.some((condition) => condition['type'] === 'Ready' && condition['status'] === 'False');
      });
      expect(unready.length).toBeLessThan(600);
    } finally {
      await cluster.close();
    }
  });

  it('adds no scale scenario without scalePods', async () => {
    const cluster = await startDemoCluster({ scenario: false, withoutControlPlane: true });
    try {
      expect(cluster.scale).toBeUndefined();
    } finally {
      await cluster.close();
    }
  });
});
