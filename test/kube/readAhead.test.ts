import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterConnectError, connectCluster } from '../../src/kube/clusterSession.js';
import { podPath } from '../../src/kube/podPaths.js';
import { readPod } from '../../src/kube/podReads.js';
import { FaultServer, sendJson, sendStatus, type Handler } from './faultServer.js';

const dir = mkdtempSync(join(tmpdir(), 'podscope-read-ahead-'));
let server: FaultServer;
let defaultGet: Handler;
let defaultList: Handler;

beforeAll(async () => {
  server = await FaultServer.start();
  defaultGet = server.get;
  defaultList = server.list;
});

afterEach(() => {
  server.get = defaultGet;
  server.list = defaultList;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

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

  it('a refusal of the read is the read\u2019s own error, as without read-ahead', async () => {
    server.get = (_request, response) => sendStatus(response, 404, 'pods "gone" not found', {}, 'NotFound');
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'gone')] });
    try {
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
