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
