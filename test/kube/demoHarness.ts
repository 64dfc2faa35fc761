import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster } from '../../src/demo/index.js';
import { loadClusterConfig, type ClusterConfig } from '../../src/kube/kubeconfig.js';

export type DemoCluster = Awaited<ReturnType<typeof startDemoCluster>>;
export type DemoOptions = Parameters<typeof startDemoCluster>[0];

export interface Harness {
  demo: DemoCluster;
  config: ClusterConfig;
  /** A scratch directory, removed by close(). */
  dir: string;
  close(): Promise<void>;
}

/** A demo cluster and the ClusterConfig podscope would resolve from its kubeconfig. */
export async function startHarness(options?: DemoOptions): Promise<Harness> {
  const demo = await startDemoCluster(options);
  const dir = mkdtempSync(join(tmpdir(), 'podscope-kube-'));
  const config = loadClusterConfig({ kubeconfig: demo.kubeconfigPath, env: {}, home: dir });
  return {
    demo,
    config,
    dir,
    close: async () => {
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function podManifest(namespace: string, name: string, labels: Record<string, string> = {}): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  };
}

export function namespaceManifest(name: string): JsonObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** Generous: tests run on a loaded 2-core machine. */
export function eventually<T>(check: () => T, timeout = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}
