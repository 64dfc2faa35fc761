import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../src/kube/clusterSession.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import { openExec } from '../../src/kube/debug/streamSession.js';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import { openLogRequest } from '../../src/kube/logs/logRequest.js';
import { eventually, startHarness, type Harness } from './demoHarness.js';
import { tieSockets } from '../helpers/relay.js';

/** An HTTP CONNECT proxy on 127.0.0.1 that counts the tunnels it opens, by target. */
class CountingProxy {
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((_request, response) => {
    // Only tunnels: a request sent to the proxy in the clear would be a leak.
    response.writeHead(405).end();
  });

  async start(): Promise<string> {
    this.server.on('connect', (request, client: Socket, head: Buffer) => {
      const target = request.url ?? '';
      this.tunnels.push(target);
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      tieSockets(client, upstream, this.sockets);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let harness: Harness;
let proxy: CountingProxy;
let session: ClusterSession;
let target: string;

beforeAll(async () => {
  harness = await startHarness({ seed: 7, namespace: 'lab' });
  proxy = new CountingProxy();
  const proxyUrl = await proxy.start();
  // The demo kubeconfig, with proxy-url added to its cluster.
  const original = readFileSync(harness.demo.kubeconfigPath, 'utf8');
  const proxied = original.replace(/^(\s+)server: (.*)$/m, `$1server: $2\n$1proxy-url: ${proxyUrl}`);
  expect(proxied).not.toBe(original);
  const path = join(harness.dir, 'proxied.kubeconfig');
  writeFileSync(path, proxied);
  target = new URL(harness.demo.url).host;
  session = await connectCluster(loadClusterConfig({ kubeconfig: path, env: {}, home: harness.dir }));
  await eventually(async () => {
    const web = await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(containerStatus(web, 'web')?.state?.running).toBeDefined();
  }, 60_000);
}, 90_000);

afterAll(async () => {
  session.close();
  await proxy.close();
  await harness.close();
});

describe('proxy-url', () => {
  it('carries the typed REST calls', async () => {
    const before = proxy.tunnels.length;
    await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(proxy.tunnels.slice(before)).toEqual([target]);
  });

  it("carries the stores' lists and watches", async () => {
    const before = proxy.tunnels.length;
    const store = session.podStore({ namespace: 'lab' });
    try {
      await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }));
      await eventually(() => expect(proxy.tunnels.length - before).toBeGreaterThanOrEqual(2));
      expect(new Set(proxy.tunnels.slice(before))).toEqual(new Set([target]));
      expect(store.snapshot().map((pod) => pod.metadata?.name)).toContain('web');
    } finally {
      store.close();
    }
  });

  it('carries log streams', async () => {
    const before = proxy.tunnels.length;
    const body = await openLogRequest(session.kubeConfig, { namespace: 'lab', pod: 'web', container: 'web', tailLines: 1 });
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).length).toBeGreaterThan(0);
    expect(proxy.tunnels.slice(before)).toEqual([target]);
  });

  it('carries exec WebSockets (a CONNECT tunnel, then the upgrade inside it)', async () => {
    const before = proxy.tunnels.length;
    const stream = await openExec(session, { namespace: 'lab', pod: 'web', container: 'web', command: ['sh', '-c', 'echo through-the-proxy'] });
    let out = '';
    stream.onOutput((data) => {
      out += data.toString('utf8');
    });
    expect(await stream.done).toEqual({ how: 'exited', exitCode: 0 });
    expect(out).toBe('through-the-proxy\n');
    expect(proxy.tunnels.slice(before)).toEqual([target]);
  });
});
