import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** A kubeconfig for `server` with another token (another user, or a wrong one), resolved as podscope would. */
export function configFor(harness: Harness, options: { server?: string; token: string; user: string; context: string; namespace: string; trust?: boolean }): ClusterConfig {
  const path = join(harness.dir, `${options.context}.kubeconfig`);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: demo',
      '  cluster:',
      `    server: ${options.server ?? harness.demo.url}`,
      // Trust the demo server's certificate the way its own kubeconfig does.
      ...(options.trust === false ? [] : trustOf(harness)),
      'users:',
      `- name: ${options.user}`,
      '  user:',
      `    token: ${options.token}`,
      'contexts:',
      `- name: ${options.context}`,
      '  context:',
      '    cluster: demo',
      `    user: ${options.user}`,
      `    namespace: ${options.namespace}`,
      `current-context: ${options.context}`,
      '',
    ].join('\n'),
  );
  return loadClusterConfig({ kubeconfig: path, env: {}, home: harness.dir });
}

function trustOf(harness: Harness): string[] {
  const cluster = harness.config.kubeConfig.getCurrentCluster();
  if (cluster?.caData) return [`    certificate-authority-data: ${cluster.caData}`];
  return cluster?.skipTLSVerify ? ['    insecure-skip-tls-verify: true'] : [];
}

/** Open sockets and timers of this process (the store's, the demo server's and vitest's). */
export function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === 'TCPSocketWrap' || kind === 'Timeout') counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Waits until no more sockets and timers are open than in `before`. */
export async function handlesBackTo(before: Record<string, number>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const settled = () => {
    const now = handleCounts();
    return (now.TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0) && (now.Timeout ?? 0) <= (before.Timeout ?? 0);
  };
  // Awaited sleeps rather than vi.waitFor, so no timer of the wait itself is pending when counting.
  while (!settled()) {
    if (Date.now() > deadline) throw new Error(`still open: ${JSON.stringify(handleCounts())}, before: ${JSON.stringify(before)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
