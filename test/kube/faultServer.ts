import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClusterConfig, type ClusterConfig } from '../../src/kube/kubeconfig.js';
import { readFixtureJson, readFixtureText } from '../helpers/fixtures.js';

/**
 * A small API server on 127.0.0.1 (plain HTTP) whose list, watch and GET answers each test
 * scripts, to produce the faults a real cluster produces rarely: 410 storms, stalls, garbage,
 * throttling, refusals, a server killed mid-watch. It records every request, and close() (or
 * kill()) destroys every connection it holds.
 */
export type RequestKind = 'version' | 'list' | 'watch' | 'get';

export interface FaultRequest {
  kind: RequestKind;
  /** The common name of the client certificate the TLS client presented, if any. */
  clientCertificate?: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  at: number;
}

export type Handler = (request: FaultRequest, response: ServerResponse, server: FaultServer) => void;

type Json = Record<string, unknown>;

const labList = readFixtureJson<{ items: Json[] }>('pods/lab-list.json');

/** The six recorded pods of namespace lab, fresh copies each call. */
export function labPods(): Json[] {
  return structuredClone(labList.items);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendStatus(response: ServerResponse, code: number, message: string, headers: Record<string, string> = {}, reason = ''): void {
  sendJson(response, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, headers);
}

export function sendList(response: ServerResponse, items: unknown[], resourceVersion: string, continueToken?: string): void {
  sendJson(response, 200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion, ...(continueToken ? { continue: continueToken } : {}) }, items });
}

export interface WatchWriter {
  event(type: string, object: unknown): void;
  line(text: string): void;
  end(): void;
  /** Drops the connection without the chunked terminator. */
  destroy(): void;
}

export function openWatch(response: ServerResponse): WatchWriter {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  response.flushHeaders();
  return {
    event: (type, object) => response.write(`${JSON.stringify({ type, object })}\n`),
    line: (text) => response.write(`${text}\n`),
    end: () => response.end(),
    destroy: () => response.socket?.destroy(),
  };
}

export function bookmark(resourceVersion: string): Json {
  return { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion, creationTimestamp: null }, spec: { containers: null }, status: {} };
}

/** Answers nothing, ever (the connection stays open until the server closes it). */
export const silent: Handler = () => undefined;

/**
 * Answers `/version` after `ms`, unless the client gives up first; `abandoned` resolves true when the
 * client closed the request unanswered, false once it was answered.
 */
export function heldVersion(ms: number): { handler: Handler; abandoned: Promise<boolean>; asked(): boolean } {
  let settle: (abandoned: boolean) => void = () => undefined;
  let asked = false;
  const abandoned = new Promise<boolean>((resolve) => (settle = resolve));
  const handler: Handler = (_request, response) => {
    asked = true;
    const timer = setTimeout(() => sendJson(response, 200, JSON.parse(readFixtureText('discovery/version.json'))), ms);
    timer.unref();
    response.on('close', () => {
      clearTimeout(timer);
      settle(!response.writableFinished);
    });
  };
  return { handler, abandoned, asked: () => asked };
}

export class FaultServer {
  readonly requests: FaultRequest[] = [];
  pods: Json[] = labPods();
  resourceVersion = '773';
  /** Default watches send a BOOKMARK this often. */
  bookmarkMs = 200;
  list: Handler = (_request, response, server) => sendList(response, server.pods, server.resourceVersion);
  watch: Handler = (request, response, server) => server.quietWatch(request, response);
  get: Handler = (_request, response, server) => sendJson(response, 200, server.pods[0]);
  version: Handler = (_request, response) => sendJson(response, 200, JSON.parse(readFixtureText('discovery/version.json')));
  /** While frozen, nothing is answered and no watch gets a byte: a SIGSTOP'd server, as a client sees it. */
  frozen = false;

  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server;
  private port = 0;

  private constructor(private readonly tls: TlsServerOptions | undefined) {
    this.server = this.create();
  }

  /** Plain HTTP, or HTTPS with `tls` (cert, key; ca + requestCert to demand client certificates). */
  static async start(tls?: TlsServerOptions): Promise<FaultServer> {
    const fault = new FaultServer(tls);
    await fault.listen();
    return fault;
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** Connections the server holds open now. */
  get openConnections(): number {
    return [...this.sockets].filter((socket) => !socket.destroyed).length;
  }

  count(kind: RequestKind, sinceMs = 0): number {
    return this.requests.filter((request) => request.kind === kind && request.at >= sinceMs).length;
  }

  /**
   * A kubeconfig for this server, resolved as podscope resolves it. `user` and `cluster` are extra
   * YAML lines of the user and cluster stanzas (indented by the caller); the default user has a token.
   */
  config(dir: string, options: { namespace?: string; user?: string[]; cluster?: string[]; execTimeoutMs?: number } = {}): ClusterConfig {
    const namespace = options.namespace ?? 'lab';
    const path = join(dir, `fault-${this.port}.kubeconfig`);
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: fault',
        '  cluster:',
        `    server: ${this.url}`,
        ...(options.cluster ?? []),
        'users:',
        '- name: tester',
        '  user:',
        ...(options.user ?? ['    token: fault-token']),
        'contexts:',
        '- name: fault',
        '  context:',
        '    cluster: fault',
        '    user: tester',
        `    namespace: ${namespace}`,
        'current-context: fault',
        '',
      ].join('\n'),
    );
    return loadClusterConfig({ kubeconfig: path, env: {}, home: dir, execTimeoutMs: options.execTimeoutMs });
  }

  /** A watch that sends only bookmarks until its timeoutSeconds. */
  quietWatch(request: FaultRequest, response: ServerResponse): WatchWriter {
    const writer = openWatch(response);
    const timer = setInterval(() => {
      if (!this.frozen) writer.event('BOOKMARK', bookmark(this.resourceVersion));
    }, this.bookmarkMs);
    this.timers.add(timer);
    const timeout = Number(request.query.get('timeoutSeconds') ?? '0');
    const ender = timeout > 0 ? setTimeout(() => writer.end(), timeout * 1000) : undefined;
    if (ender) this.timers.add(ender);
    response.on('close', () => {
      clearInterval(timer);
      this.timers.delete(timer);
      if (ender) {
        clearTimeout(ender);
        this.timers.delete(ender);
      }
    });
    return writer;
  }

  /** Runs `fn` after `ms` unless the server is closed first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Stops listening and drops every connection (a crashed server). */
  async kill(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    this.server = this.create();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.kill();
  }

  private create(): Server {
    const handler = (request: IncomingMessage, response: ServerResponse): void => this.route(request, response);
    const server: Server = this.tls ? createTlsServer(this.tls, handler) : createServer(handler);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private listen(port = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address();
        if (typeof address === 'object' && address !== null) this.port = address.port;
        resolve();
      });
    });
  }

  private route(incoming: IncomingMessage, response: ServerResponse): void {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const kind: RequestKind =
      url.pathname === '/version' ? 'version' : url.searchParams.get('watch') === 'true' ? 'watch' : /\/pods$|\/events$|\/namespaces$/.test(url.pathname) ? 'list' : 'get';
    const peer = 'getPeerCertificate' in incoming.socket && typeof incoming.socket.getPeerCertificate === 'function' ? (incoming.socket.getPeerCertificate() as { subject?: { CN?: string } }) : undefined;
    const request: FaultRequest = { kind, path: url.pathname, query: url.searchParams, headers: incoming.headers, at: Date.now(), clientCertificate: peer?.subject?.CN };
    this.requests.push(request);
    if (this.frozen) return;
    this[kind](request, response, this);
  }
}
