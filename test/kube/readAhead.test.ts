import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterConnectError, connectCluster } from '../../src/kube/clusterSession.js';
import { podPath } from '../../src/kube/podPaths.js';
import { readPod } from '../../src/kube/podReads.js';
import { FaultServer, heldVersion, sendJson, sendStatus, silent, type Handler } from './faultServer.js';

const dir = mkdtempSync(join(tmpdir(), 'podscope-read-ahead-'));
let server: FaultServer;
let defaultGet: Handler;
let defaultList: Handler;
let defaultVersion: Handler;

beforeAll(async () => {
  server = await FaultServer.start();
  defaultGet = server.get;
  defaultList = server.list;
  defaultVersion = server.version;
});

afterEach(() => {
  server.get = defaultGet;
  server.list = defaultList;
  server.version = defaultVersion;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The connect checks' requests since `since`: GET /version and the one-pod list. */
const checks = (since: number): number => server.count('version', since) + server.count('list', since);

const gets = (path: string): number => server.requests.filter((request) => request.kind === 'get' && request.path === path).length;

describe('reads sent alongside the connect checks', () => {
  it('are sent before the session exists and answer the first read of their path, once', async () => {
    const path = podPath('lab', 'web');
    const before = gets(path);
    let answered = 0;
    server.get = (_request, response, fault) => sendJson(response, 200, { ...fault.pods[0], metadata: { name: 'web', namespace: 'lab', uid: `answer-${++answered}` } });
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')] });
    try {
      expect(gets(path) - before).toBe(1);
      expect((await readPod(session, 'lab', 'web')).metadata?.uid).toBe('answer-1');
      // The answer read ahead is used once: a later read asks the server again.
      expect((await readPod(session, 'lab', 'web')).metadata?.uid).toBe('answer-2');
      expect(gets(path) - before).toBe(2);
    } finally {
      session.close();
    }
  });

  it('an answered read stands for the checks: neither is sent', async () => {
    const since = Date.now();
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')] });
    try {
      expect(checks(since)).toBe(0);
      expect(session.serverVersion).toBe('');
      expect((await readPod(session, 'lab', 'web')).metadata?.name).toBeTruthy();
    } finally {
      session.close();
    }
  });

  it('a read that is slow to answer has the checks sent beside it, and its answer is still used', async () => {
    const since = Date.now();
    server.get = (_request, response, fault) => setTimeout(() => sendJson(response, 200, { ...fault.pods[0], metadata: { name: 'web', namespace: 'lab', uid: 'slow' } }), 1_500);
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')] });
    try {
      expect(server.count('version', since)).toBe(1);
      expect(server.count('list', since)).toBe(1);
      expect(session.serverVersion).toMatch(/^v1\.24\./);
      expect((await readPod(session, 'lab', 'web')).metadata?.uid).toBe('slow');
    } finally {
      session.close();
    }
  });

  it('a read slower than the hedge that answers before the checks settle wins: the checks are abandoned', async () => {
    server.get = (_request, response, fault) => setTimeout(() => sendJson(response, 200, { ...fault.pods[0], metadata: { name: 'web', namespace: 'lab', uid: 'slow-read' } }), 1_500);
    const held = heldVersion(20_000);
    server.version = held.handler;
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')] });
    try {
      // Not the checks' answer: the session came with the read's, and the check was given up.
      expect(session.serverVersion).toBe('');
      expect(await held.abandoned).toBe(true);
      expect((await readPod(session, 'lab', 'web')).metadata?.uid).toBe('slow-read');
    } finally {
      session.close();
    }
  });

  it('a 403 on the pod is the read\u2019s own error, with the same words as without read-ahead', async () => {
    server.get = (_request, response) => sendStatus(response, 403, 'pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "lab"', {}, 'Forbidden');
    const read = async (options: Parameters<typeof connectCluster>[1]) => {
      const session = await connectCluster(server.config(dir), options);
      try {
        return await readPod(session, 'lab', 'web').catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
      } finally {
        session.close();
      }
    };
    const without = await read({});
    expect(without).toMatch(/forbidden/);
    expect(await read({ readAhead: (namespace) => [podPath(namespace, 'web')] })).toBe(without);
  });

  it('a server that is not there is reported with the same words as without read-ahead', async () => {
    const gone = await FaultServer.start();
    const config = gone.config(dir);
    await gone.close();
    const without = await connectCluster(config).catch((e: unknown) => e);
    const error = await connectCluster(config, { readAhead: (namespace) => [podPath(namespace, 'web')] }).catch((e: unknown) => e);
    expect(without).toBeInstanceOf(ClusterConnectError);
    expect((error as ClusterConnectError).message).toBe((without as ClusterConnectError).message);
    expect((error as ClusterConnectError).kind).toBe((without as ClusterConnectError).kind);
  });

  it('a server that never answers is reported by the checks, as without read-ahead', async () => {
    server.get = silent;
    server.version = silent;
    const without = await connectCluster(server.config(dir), { timeoutMs: 1_500 }).catch((e: unknown) => e);
    const error = await connectCluster(server.config(dir), { timeoutMs: 1_500, readAhead: (namespace) => [podPath(namespace, 'web')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as ClusterConnectError).kind).toBe('timeout');
    expect((error as ClusterConnectError).message).toBe((without as ClusterConnectError).message);
  });

  it('a refusal of the read is the read\u2019s own error, as without read-ahead, after the checks', async () => {
    const since = Date.now();
    server.get = (_request, response) => sendStatus(response, 404, 'pods "gone" not found', {}, 'NotFound');
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'gone')] });
    try {
      expect(checks(since)).toBe(2);
      await expect(readPod(session, 'lab', 'gone')).rejects.toThrow('pods "gone" not found');
    } finally {
      session.close();
    }
  });

  it('a failed connect check is still what is reported', async () => {
    server.list = (_request, response) => sendStatus(response, 401, 'Unauthorized', {}, 'Unauthorized');
    server.get = (_request, response) => sendStatus(response, 401, 'Unauthorized', {}, 'Unauthorized');
    const without = await connectCluster(server.config(dir)).catch((e: unknown) => e);
    const error = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as ClusterConnectError).message).toBe((without as ClusterConnectError).message);
    expect((error as ClusterConnectError).kind).toBe('unauthorized');
  });
});
