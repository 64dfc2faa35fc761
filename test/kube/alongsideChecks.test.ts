import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterConnectError, connectCluster } from '../../src/kube/clusterSession.js';
import type { ResourceStore } from '../../src/kube/resourceStore.js';
import type { WirePod } from '../../src/model/apiObjects.js';
import { FaultServer, heldVersion, sendJson, sendStatus, type Handler } from './faultServer.js';
import { podPath } from '../../src/kube/podPaths.js';
import { readFixtureText } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'podscope-alongside-'));
let server: FaultServer;
let defaultVersion: Handler;
let defaultList: Handler;

beforeAll(async () => {
  server = await FaultServer.start();
  defaultVersion = server.version;
  defaultList = server.list;
});

afterEach(() => {
  server.version = defaultVersion;
  server.list = defaultList;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Answers /version only once a list has arrived (or after 5 s), and says which it was. */
function versionAfterList(answer: (response: Parameters<Handler>[1]) => void): Promise<boolean> {
  return new Promise((resolve) => {
    server.version = (_request, response) => {
      const since = Date.now();
      const poll = setInterval(() => {
        const listed = server.requests.some((request) => request.kind === 'list' && request.query.get('limit') === '500');
        if (!listed && Date.now() - since < 5_000) return;
        clearInterval(poll);
        resolve(listed);
        answer(response);
      }, 10);
    };
  });
}

const onePodChecks = (since: number): number => server.requests.filter((request) => request.at >= since && request.kind === 'list' && request.query.get('limit') === '1').length;

describe('a first list sent alongside the connect check (the explorer)', () => {
  it('goes out before the version check is answered; only the version is checked', async () => {
    const since = Date.now();
    const listedFirst = versionAfterList((response) => sendJson(response, 200, JSON.parse(readFixtureText('discovery/version.json'))));
    let store: ResourceStore<WirePod> | undefined;
    const session = await connectCluster(server.config(dir), { alongsideChecks: (opened) => (store = opened.podStore({ namespace: opened.namespace })) });
    try {
      expect(await listedFirst).toBe(true);
      expect(onePodChecks(since)).toBe(0);
      expect(session.serverVersion).toMatch(/^v1\.24\./);
      expect(store).toBeDefined();
    } finally {
      session.close();
    }
  });

  it('also with reads ahead: the work beside the check is started, not skipped by an early answer', async () => {
    let opened = 0;
    const session = await connectCluster(server.config(dir), { readAhead: (namespace) => [podPath(namespace, 'web')], alongsideChecks: () => opened++ });
    session.close();
    expect(opened).toBe(1);
  });

  it('work beside the check that throws is the error, and the check is given up with it', async () => {
    const held = heldVersion(20_000);
    server.version = held.handler;
    const error = await connectCluster(server.config(dir), {
      alongsideChecks: () => {
        throw new Error('no store today');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('no store today');
    // Given up before it was sent, or closed unanswered once it was: not left waiting for the answer.
    const outcome = await Promise.race([held.abandoned, new Promise((resolve) => setTimeout(() => resolve(held.asked() ? 'still waiting' : 'never sent'), 5_000))]);
    expect([true, 'never sent']).toContain(outcome);
  });

  it('a failed version check is the error, as without, and closes what was opened beside it', async () => {
    server.version = (_request, response) => sendStatus(response, 401, 'Unauthorized', {}, 'Unauthorized');
    const without = await connectCluster(server.config(dir)).catch((e: unknown) => e);
    // The list answered after the check has failed: a store still open would go on to watch.
    server.list = (request, response, fault) => setTimeout(() => defaultList(request, response, fault), 200);
    const since = Date.now();
    let store: ResourceStore<WirePod> | undefined;
    const error = await connectCluster(server.config(dir), { alongsideChecks: (opened) => (store = opened.podStore({ namespace: opened.namespace })) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as ClusterConnectError).message).toBe((without as ClusterConnectError).message);
    expect((error as ClusterConnectError).kind).toBe('unauthorized');
    // Closed with the session: a closed store stops telling its subscribers anything.
    let told = 0;
    store?.subscribe(() => told++);
    expect(server.count('list', since)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(told).toBe(0);
    expect(server.count('watch', since)).toBe(0);
  });
});
