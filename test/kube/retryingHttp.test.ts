import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/kube/clusterSession.js';
import { describeKubeError } from '../../src/kube/errors.js';
import { getJson } from '../../src/kube/http/jsonGet.js';
import { makeRetryingApiClient } from '../../src/kube/http/retryingHttp.js';
import type { RetryNotice, RetryOptions } from '../../src/kube/http/retryPolicy.js';
import { readPod, ReadError } from '../../src/kube/podReads.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';
import { FaultServer, sendJson, sendStatus } from './faultServer.js';

let dir: string;
let server: FaultServer;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-retry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  server = await FaultServer.start();
});
afterEach(() => server.close());

/** Answers 429 (Retry-After as given) to the first `times` GETs of a pod, then the pod. */
function throttleGets(times: number, retryAfter: string): void {
  let answered = 0;
  server.get = (_request, response, fault) => {
    answered += 1;
    if (answered <= times) return sendStatus(response, 429, 'Too many requests, please try again later.', { 'Retry-After': retryAfter }, 'TooManyRequests');
    sendJson(response, 200, fault.pods.find((pod) => (pod.metadata as { name: string }).name === 'web'));
  };
}

type PodRead = (namespace: string, name: string) => Promise<{ metadata?: { name?: string } }>;

/** The raw JSON reads (what the one-shot commands use) and client-node's typed API (what changes things) retry alike. */
const clients: Array<[string, (retry?: RetryOptions) => PodRead]> = [
  [
    'raw JSON reads',
    (retry = {}) =>
      (namespace, name) =>
        readPod({ getJson: (path, signal) => getJson(server.config(dir).kubeConfig, path, { signal: signal ?? AbortSignal.timeout(30_000), retry }) }, namespace, name),
  ],
  [
    'the typed client',
    (retry = {}) => {
      const coreApi = makeRetryingApiClient(server.config(dir).kubeConfig, CoreV1Api, retry);
      return (namespace, name) =>
        coreApi.readNamespacedPod({ namespace, name }).catch((error: unknown) => {
          throw new ReadError(describeKubeError(error, { what: `read pod ${namespace}/${name}` }));
        });
    },
  ],
];

describe.each(clients)('one-shot requests honour 429 / 503 with Retry-After, a bounded number of times (as kubectl): %s', (_name, client) => {
  it('waits as asked and succeeds on a later try, saying so', async () => {
    throttleGets(2, '1');
    const notices: RetryNotice[] = [];
    const read = client({ onRetry: (notice) => notices.push(notice) });
    const pod = await read('lab', 'web');
    expect(pod.metadata?.name).toBe('web');
    expect(notices).toEqual([
      { status: 429, waitMs: 1000, attempt: 1, maxRetries: 10 },
      { status: 429, waitMs: 1000, attempt: 2, maxRetries: 10 },
    ]);
    const gets = server.requests.filter((request) => request.kind === 'get').map((request) => request.at);
    expect(gets).toHaveLength(3);
    expect((gets[1] ?? 0) - (gets[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up after 10 retries with the one line of the last answer', async () => {
    throttleGets(1000, '0');
    await expect(client()('lab', 'web')).rejects.toMatchObject({ message: 'Too many requests, please try again later.', problem: { kind: 'throttled', status: 429 } });
    expect(server.count('get')).toBe(11);
  });

  it('does not retry an answer without Retry-After, nor a 404', async () => {
    server.get = (_request, response) => sendStatus(response, 503, 'no endpoints');
    const read = client();
    await expect(read('lab', 'web')).rejects.toMatchObject({ problem: { status: 503 } });
    server.get = (_request, response) => sendStatus(response, 404, 'pods "web" not found', { 'Retry-After': '1' });
    await expect(read('lab', 'web')).rejects.toMatchObject({ problem: { kind: 'notFound' } });
    expect(server.count('get')).toBe(2);
  });
});

describe('the connect checks (raw GETs of /version and one pod)', () => {
  it('retry a throttled answer with Retry-After, saying so, then connect', async () => {
    let throttled = 0;
    server.version = (_request, response) => {
      if (throttled++ === 0) return sendStatus(response, 429, 'slow down', { 'Retry-After': '0' }, 'TooManyRequests');
      sendJson(response, 200, { gitVersion: 'v1.24.17' });
    };
    const notices: RetryNotice[] = [];
    const session = await connectCluster(server.config(dir), { onRetry: (notice) => notices.push(notice) });
    try {
      expect(session.serverVersion).toBe('v1.24.17');
      expect(notices).toEqual([{ status: 429, waitMs: 200, attempt: 1, maxRetries: 10 }]);
      expect(server.count('version')).toBe(2);
    } finally {
      session.close();
    }
  });

  it('fail with the check’s one line when the server refuses without Retry-After', async () => {
    server.version = (_request, response) => sendStatus(response, 503, 'no endpoints available');
    await expect(connectCluster(server.config(dir))).rejects.toMatchObject({ name: 'ClusterConnectError', message: 'cannot read the server version: no endpoints available (503)' });
    expect(server.count('version')).toBe(1);
  });
});

describe('the CLI and retries', () => {
  it('podscope tree retries through the throttling and tells stderr, then prints the tree', async () => {
    throttleGets(1, '1');
    const config = server.config(dir);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [binPath, 'tree', 'web', '--kubeconfig', config.sources[0] ?? ''], { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' }, timeout: 20_000 }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('podscope: the server is throttling requests (429); retrying in 1 s (1/10)\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('web');
  });
});
