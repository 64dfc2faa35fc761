import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import { metricsApiUsage } from '../../src/kube/metrics/usageSources.js';
import { findKubectl, kubectlFor, parseKubectlTable, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the kubectl top conformance test');

describe.skipIf(kubectlBinary === undefined)('kubectl top pod against the demo cluster', () => {
  let demo: DemoCluster;
  let clock: ManualClock;
  let scratch: string;
  let kubectl: Kubectl;

  beforeAll(async () => {
    clock = manualClock(new Date('2026-11-23T09:13:00Z'));
    demo = await startDemoCluster({ clock, namespace: 'lab' });
    for (let t = 0; t < 20_000; t += 100) clock.advance(100);
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-top-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
  });
  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('prints the numbers podscope reads from metrics.k8s.io, per container', async () => {
    const config = loadClusterConfig({ kubeconfig: demo.kubeconfigPath, env: {}, home: scratch });
    // The clock stands still: both read the same scrape.
    const ours = await metricsApiUsage(config.kubeConfig, { namespace: 'lab' }, AbortSignal.timeout(10_000));
    const result = await kubectl.run('top', 'pod', '-n', 'lab', '--containers');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = parseKubectlTable(result.stdout);
    const expected = ours.flatMap((pod) => pod.containers.map((c) => ({ pod: pod.name, ...c })));
    expect(rows.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(2);
    for (const row of rows) {
      const mine = expected.find((e) => e.pod === row['POD'] && e.name === row['NAME']);
      expect(mine, `${row['POD']}/${row['NAME']}`).toBeDefined();
      const cpu = Number(/^(\d+)m$/.exec(row['CPU(cores)'] ?? '')?.[1]);
      const memory = Number(/^(\d+)Mi$/.exec(row['MEMORY(bytes)'] ?? '')?.[1]);
      expect(Math.abs(cpu - (mine?.cpuMillis ?? 0))).toBeLessThanOrEqual(1);
      expect(Math.abs(memory - (mine?.memoryBytes ?? 0) / 2 ** 20)).toBeLessThanOrEqual(1);
    }
  });

  it('kubectl top node prints each node\'s summary totals and their share of its allocatable', async () => {
    const result = await kubectl.run('top', 'node');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = parseKubectlTable(result.stdout);
    expect(rows.map((row) => row['NAME'])).toEqual(['node-a', 'node-b', 'node-c']);
    for (const row of rows) {
      const name = row['NAME'] ?? '';
      // The kubelet's own numbers, through the node proxy: the clock stands still, so the same scrape.
      const raw = await kubectl.run('get', '--raw', `/api/v1/nodes/${name}/proxy/stats/summary`);
      const summary = JSON.parse(raw.stdout) as { node: { cpu: { usageNanoCores: number }; memory: { workingSetBytes: number } } };
      const node = JSON.parse((await kubectl.run('get', 'node', name, '-o', 'json')).stdout) as { status: { allocatable: { cpu: string; memory: string } } };
      const cpuMillis = summary.node.cpu.usageNanoCores / 1e6;
      const memoryMiB = summary.node.memory.workingSetBytes / 2 ** 20;
      const cell = (pattern: RegExp) => Object.entries(row).find(([header]) => pattern.test(header))?.[1] ?? '';
      expect(Math.abs(Number(/^(\d+)m$/.exec(cell(/^CPU\(cores\)$/))?.[1]) - cpuMillis)).toBeLessThanOrEqual(1);
      expect(Math.abs(Number(/^(\d+)Mi$/.exec(cell(/^MEMORY\(bytes\)$/))?.[1]) - memoryMiB)).toBeLessThanOrEqual(1);
      const allocatableMillis = Number(node.status.allocatable.cpu) * 1000;
      // kubectl rounds the usage up to whole millicores before it divides.
      expect(Math.abs(Number(/^(\d+)%$/.exec(cell(/^CPU(%|\(%\))$/))?.[1]) - (cpuMillis / allocatableMillis) * 100)).toBeLessThanOrEqual(1);
      expect(cell(/^MEMORY(%|\(%\))$/)).toMatch(/^\d+%$/);
    }
  });

  it('without metrics.k8s.io kubectl says so, as on a cluster without metrics-server', async () => {
    const off = await startDemoCluster({ clock, namespace: 'lab', metricsApi: false });
    try {
      const result = await kubectlFor(kubectlBinary ?? 'kubectl', off.kubeconfigPath, scratch).run('top', 'pod', '-n', 'lab');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Metrics API not available/);
    } finally {
      await off.close();
    }
  });
});
