import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterConfig, type ClusterConfig } from '../../src/kube/kubeconfig.js';
import { requestJson } from '../../src/kube/rawRequest.js';

/**
 * A plain-HTTP API server on 127.0.0.1 that keeps connections alive, numbers them, and can be told
 * to drop the next request that arrives on a connection it already answered on — what a server or
 * load balancer closing an idle keep-alive socket looks like to a client that has just reused it.
 */
class KeepAliveServer {
  readonly seen: { connection: number; method: string; path: string }[] = [];
  dropNextReused = false;
  private connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly answered = new WeakSet<Socket>();
  private readonly ids = new WeakMap<Socket, number>();
  private readonly server: Server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => this.answer(request, response));

  async start(): Promise<string> {
    this.server.on('connection', (socket: Socket) => {
      this.ids.set(socket, ++this.connections);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  }

  get connectionCount(): number {
    return this.connections;
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const socket = request.socket;
    const connection = this.ids.get(socket) ?? 0;
    this.seen.push({ connection, method: request.method ?? '', path: request.url ?? '' });
    if (this.dropNextReused && this.answered.has(socket)) {
      this.dropNextReused = false;
      socket.destroy();
      return;
    }
    this.answered.add(socket);
    request.resume();
    request.on('end', () => {
      const body = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web', namespace: 'lab' }, connection });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-pool-'));
let server: KeepAliveServer;
let config: ClusterConfig;

function kubeconfigFor(url: string): ClusterConfig {
  const path = join(dir, `pool-${new URL(url).port}.kubeconfig`);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: pool',
      '  cluster:',
      `    server: ${url}`,
      '    insecure-skip-tls-verify: true',
      'users:',
      '- name: tester',
      '  user:',
      '    token: pool-token',
      'contexts:',
      '- name: pool',
      '  context: { cluster: pool, user: tester, namespace: lab }',
      'current-context: pool',
      '',
    ].join('\n'),
  );
  return loadClusterConfig({ kubeconfig: path, env: {}, home: dir });
}

beforeAll(async () => {
  server = new KeepAliveServer();
  config = kubeconfigFor(await server.start());
});

afterEach(() => {
  server.dropNextReused = false;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (): Promise<unknown> => requestJson(config.kubeConfig, { method: 'GET', path: '/api/v1/namespaces/lab/pods/web' });

describe('the shared keep-alive agent', () => {
  it('sends requests one after another over one connection', async () => {
    const before = server.connectionCount;
    const answers = [await get(), await get(), await get()];
    expect(server.connectionCount - before).toBeLessThanOrEqual(1);
    const connections = new Set(answers.map((answer) => (answer as { connection: number }).connection));
    expect(connections.size).toBe(1);
  });

  it('sends a GET again, once, on a new connection when the kept one was closed under it', async () => {
    await get();
    const before = server.connectionCount;
    server.dropNextReused = true;
    const answer = (await get()) as { connection: number; metadata: { name: string } };
    expect(answer.metadata.name).toBe('web');
    // The dropped request went out on the kept connection; its repeat on a new one.
    expect(server.connectionCount - before).toBe(1);
    expect(answer.connection).toBe(server.connectionCount);
    expect(server.dropNextReused).toBe(false);
  });

  it('does not send a POST twice: the failure is the caller\u2019s to judge', async () => {
    await get();
    server.dropNextReused = true;
    const seenBefore = server.seen.length;
    await expect(requestJson(config.kubeConfig, { method: 'POST', path: '/api/v1/namespaces/lab/pods', body: { kind: 'Pod' } })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.seen.slice(seenBefore).map((request) => request.method)).toEqual(['POST']);
  });

  it('sends a POST marked repeatable (a question such as an access review) again', async () => {
    await get();
    server.dropNextReused = true;
    const seenBefore = server.seen.length;
    const answer = await requestJson(config.kubeConfig, { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: { kind: 'SelfSubjectAccessReview' }, repeatable: true });
    expect(answer).toMatchObject({ kind: 'Pod' });
    expect(server.seen.slice(seenBefore).map((request) => request.method)).toEqual(['POST', 'POST']);
  });

  it('does not retry a request that failed on a new connection', async () => {
    const refused = kubeconfigFor('http://127.0.0.1:1');
    await expect(requestJson(refused.kubeConfig, { method: 'GET', path: '/version' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
