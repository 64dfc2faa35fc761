import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from './helpers/ptyScreen.js';

// The bundle loads client-node's proxy agents, child_process and jsonpath-plus only when a
// kubeconfig needs them (scripts/build.mjs rewrites those imports): the built command must still
// reach the cluster through a proxy-url, with an exec credential plugin, and with a gcp
// auth-provider's token command (client-node's own code path, child_process + jsonpath-plus).

let cluster: DemoCluster;
let dir: string;
let token: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  dir = mkdtempSync(join(tmpdir(), 'podscope-bundle-credentials-'));
  token = /token: "([^"]+)"/.exec(readFileSync(cluster.kubeconfigPath, 'utf8'))?.[1] ?? '';
  expect(token).not.toBe('');
  proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy?.close(() => resolve()));
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo kubeconfig with its admin user's token replaced by `user` (YAML lines under `user:`). */
function kubeconfigWith(name: string, user: string, clusterExtra = ''): string {
  const original = readFileSync(cluster.kubeconfigPath, 'utf8');
  let text = original.replace(`    token: "${token}"`, user);
  if (clusterExtra !== '') text = text.replace(/^(\s+)server: (.*)$/m, `$1server: $2\n${clusterExtra}`);
  expect(text).not.toBe(original);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function tree(kubeconfig: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, 'tree', 'web', '-n', 'lab', '--kubeconfig', kubeconfig],
      { env: { PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C.UTF-8', XDG_CACHE_HOME: join(dir, 'cache') }, timeout: 60_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('the built command with kubeconfigs that need the lazily loaded parts', () => {
  it('goes through a proxy-url', async () => {
    const before = tunnels.length;
    const path = kubeconfigWith('proxied', `    token: "${token}"`, `    proxy-url: ${proxyUrl}`);
    const run = await tree(path);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('web');
    expect(tunnels.length).toBeGreaterThan(before);
    expect(tunnels.slice(before).every((target) => target === new URL(cluster.url).host)).toBe(true);
  });

  it('runs an exec credential plugin', async () => {
    const plugin = join(dir, 'plugin.cjs');
    writeFileSync(plugin, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: ${JSON.stringify(token)} } }));\n`);
    const user = ['    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', `      command: ${JSON.stringify(process.execPath)}`, '      args:', `      - ${JSON.stringify(plugin)}`, '      interactiveMode: Never'].join('\n');
    const run = await tree(kubeconfigWith('exec', user));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('web');
  });

  it('runs a gcp auth-provider’s token command and reads its token with a JSONPath', async () => {
    const command = join(dir, 'gcloud.cjs');
    writeFileSync(command, `process.stdout.write(JSON.stringify({ credential: { access_token: ${JSON.stringify(token)}, token_expiry: '2999-01-01T00:00:00Z' } }));\n`);
    const user = [
      '    auth-provider:',
      '      name: gcp',
      '      config:',
      `        cmd-path: ${JSON.stringify(process.execPath)}`,
      `        cmd-args: ${JSON.stringify(command)}`,
      "        token-key: '{.credential.access_token}'",
      "        expiry-key: '{.credential.token_expiry}'",
    ].join('\n');
    const run = await tree(kubeconfigWith('gcp', user));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('web');
  });
});
