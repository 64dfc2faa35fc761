import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { vi } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../src/demo/apiServer.js';
import { allowEverything, type DemoUser } from '../../src/demo/authorization.js';
import { ObjectStore } from '../../src/demo/objectStore.js';

export const adminToken = 'admin-token-for-tests';
export const janeToken = 'jane-token-for-tests';

/** Admin may do everything; jane may only read pods and pods/log in namespace "lab". */
export const testUsers: DemoUser[] = [
  { token: adminToken, name: 'admin', rules: allowEverything },
  { token: janeToken, name: 'jane', rules: [{ verbs: ['get'], resources: ['pods', 'pods/log'], namespaces: ['lab'] }] },
];

export interface TestServer {
  store: ObjectStore;
  server: ApiServer;
  now: { value: Date };
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<ApiServerOptions> & { historyLimit?: number } = {}): Promise<TestServer> {
  const now = { value: new Date('2026-11-23T09:16:13.800Z') };
  const store = new ObjectStore({ now: () => now.value, historyLimit: options.historyLimit });
  for (const name of ['default', 'lab', 'states']) {
    store.create('namespaces', { metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const server = await startApiServer({ store, users: testUsers, now: () => now.value, ...options });
  return { store, server, now, close: () => server.close() };
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): JsonObject;
}

export interface RequestOptions {
  method?: string;
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
}

function send(server: ApiServer, path: string, options: RequestOptions, onResponse: (response: IncomingMessage) => void, onError: (error: Error) => void) {
  const url = new URL(path, server.url);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? adminToken : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = requestFn(url, { method: options.method ?? 'GET', headers, ca: server.certificateAuthority, agent: false }, onResponse);
  req.on('error', onError);
  req.end(body);
  return req;
}

/** One HTTP(S) request to the server, trusting its certificate; the admin token unless told otherwise. */
export function request(server: ApiServer, path: string, options: RequestOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    send(
      server,
      path,
      options,
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as JsonObject });
        });
        response.on('error', reject);
      },
      reject,
    );
  });
}

export interface WatchEvent {
  type: string;
  object: JsonObject;
}

/** An open watch stream: events as they arrive, and whether the server ended it. */
export interface OpenWatch {
  status: number;
  events: WatchEvent[];
  ended: boolean;
  close(): void;
}

export function openWatch(server: ApiServer, path: string, options: RequestOptions = {}): Promise<OpenWatch> {
  return new Promise((resolve, reject) => {
    const req = send(
      server,
      path,
      options,
      (response) => {
        const watch: OpenWatch = { status: response.statusCode ?? 0, events: [], ended: false, close: () => req.destroy() };
        let buffered = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffered += chunk;
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.trim() !== '') watch.events.push(JSON.parse(line) as WatchEvent);
            newline = buffered.indexOf('\n');
          }
        });
        const markEnded = (): void => {
          watch.ended = true;
        };
        response.on('end', markEnded);
        response.on('close', markEnded);
        response.on('error', markEnded);
        resolve(watch);
      },
      reject,
    );
  });
}

/** A KubeConfig for client-node pointing at the server with `token`, trusting its certificate. */
export function kubeConfigFor(server: ApiServer, token = adminToken): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'demo', server: server.url, caData: Buffer.from(server.certificateAuthority ?? '').toString('base64'), skipTLSVerify: false }],
    users: [{ name: 'user', token }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'user', namespace: 'lab' }],
    currentContext: 'demo',
  });
  return config;
}

export function pod(namespace: string, name: string, options: { labels?: Record<string, string>; nodeName?: string; phase?: string; grace?: number } = {}): JsonObject {
  return {
    metadata: { name, namespace, labels: options.labels ?? { app: name } },
    spec: {
      containers: [{ name: 'main', image: 'busybox:1.36' }],
      ...(options.nodeName !== undefined ? { nodeName: options.nodeName } : {}),
      ...(options.grace !== undefined ? { terminationGracePeriodSeconds: options.grace } : {}),
    },
    status: { phase: options.phase ?? 'Pending' },
  };
}

/** Generous: tests run on a loaded 2-core machine. */
export function eventually<T>(check: () => T, timeout = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}

export function names(items: unknown): string[] {
  return (items as Array<{ metadata?: { name?: string } }>).map((item) => item.metadata?.name ?? '');
}
