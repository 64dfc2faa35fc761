import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { waitForPhase } from './helpers/demoPods.js';
import { binPath } from './helpers/ptyScreen.js';
import { relay as pipeBothWays } from '../helpers/relay.js';

/** A TCP relay on 127.0.0.1 in front of the demo cluster that counts the connections it is asked for (each one a TLS handshake). */
class CountingRelay {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(targetPort: number) {
    this.server = createServer((client) => {
      this.connections++;
      const upstream = connect(targetPort, '127.0.0.1');
      pipeBothWays(client, upstream, this.sockets);
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-reuse-e2e-'));
let cluster: DemoCluster;
let relay: CountingRelay;
let kubeconfig: string;

beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  // logs needs web's container started.
  await waitForPhase(loadClusterConfig({ kubeconfig: cluster.kubeconfigPath }).kubeConfig.makeApiClient(CoreV1Api), 'lab', 'web', 'Running');
  relay = new CountingRelay(Number(new URL(cluster.url).port));
  const port = await relay.start();
  kubeconfig = join(dir, 'relayed.kubeconfig');
  // The same certificate stays valid: the relay listens on 127.0.0.1 too.
  writeFileSync(kubeconfig, readFileSync(cluster.kubeconfigPath, 'utf8').replace(cluster.url, `https://127.0.0.1:${port}`));
}, 60_000);

afterAll(async () => {
  await relay?.close();
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

function podscope(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args, '--kubeconfig', kubeconfig], { env: { PATH: process.env.PATH ?? '', HOME: join(dir, 'home') }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr }),
    );
  });
}

/**
 * A one-shot command sends its first reads at once (ConnectOptions.readAhead), one connection each;
 * their answer stands for the connect checks. Every later request must ride on one of them.
 */
describe('one-shot commands reuse their TLS connections', () => {
  it.each([
    // Before the shared agent: six for tree (pod, events, metrics and the previous log each had one), four for logs.
    // Before the answered read-ahead stood for the connect checks: two more each (/version, one pod listed).
    ['tree', ['tree', 'crashy', '-n', 'lab'], /crashy/, 2],
    ['events', ['events', 'crashy', '-n', 'lab'], /Scheduled/, 2],
    ['logs', ['logs', 'web', '-n', 'lab', '--tail', '5'], /\S/, 1],
  ])('%s opens only the connections its first requests need at once, and exits', async (_name, args, expected, connections) => {
    const before = relay.connections;
    const run = await podscope(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(expected);
    expect(relay.connections - before).toBeLessThanOrEqual(connections);
  });
});
