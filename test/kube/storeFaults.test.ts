import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterConfig } from '../../src/kube/kubeconfig.js';
import { ListWatchStore, type ListWatchStoreOptions } from '../../src/kube/listWatchStore.js';
import type { ConnectionState } from '../../src/kube/resourceStore.js';
import { podSource } from '../../src/kube/sources.js';
import { ServerProbe } from '../../src/kube/watch/serverProbe.js';
import type { WirePod } from '../../src/model/apiObjects.js';
import { eventually } from './demoHarness.js';
import { bookmark, FaultServer, labPods, openWatch, sendList, sendStatus, silent } from './faultServer.js';

/**
 * The fault matrix of the live stores, against FaultServer: for each fault the state the header
 * shows, the rows kept, the requests bounded, and nothing left open once the store is closed.
 * Timings are shortened (back-off from 200 ms, silence noticed after 300 ms); the logic is the
 * one that runs with the real defaults.
 */
let dir: string;
let server: FaultServer;
let config: ClusterConfig;
const stores: ListWatchStore<WirePod>[] = [];
const probes: ServerProbe[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  server = await FaultServer.start();
  config = server.config(dir);
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const probe of probes.splice(0)) probe.close();
  // close() ends every request the store had open: the server sees every connection go.
  await eventually(() => expect(server.openConnections).toBe(0), 5_000);
  await server.close();
});

function openStore(options: Partial<ListWatchStoreOptions<WirePod>> = {}): ListWatchStore<WirePod> {
  const probe = new ServerProbe(config.kubeConfig, { timeoutMs: 300, freshMs: 0 });
  probes.push(probe);
  const store = new ListWatchStore<WirePod>({
    kubeConfig: config.kubeConfig,
    source: podSource({ namespace: 'lab' }),
    errorContext: { server: config.server, user: config.user, context: config.contextName },
    backoff: { initialMs: 200, maxMs: 1600 },
    silence: { probeAfterMs: 300, listLimitMs: 2_000, watchFloorMs: 3_000 },
    forbiddenRetryMs: 500,
    probe: probe.check,
    watchTimeoutSeconds: 300,
    ...options,
  });
  stores.push(store);
  return store;
}

const names = (store: ListWatchStore<WirePod>) => store.snapshot().map((pod) => pod.metadata?.name);
const labNames = ['badimage', 'badpull', 'crashy', 'duo', 'initwait', 'web'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message a state carries is one line, not a stack. */
function expectOneLine(state: ConnectionState): void {
  const text = JSON.stringify(state);
  expect(text).not.toMatch(/\\n|\s+at \S+ \(|Error:/);
}

/** Gaps between the starts of successive requests of a kind. */
function gaps(kind: 'list' | 'watch'): number[] {
  const times = server.requests.filter((request) => request.kind === kind).map((request) => request.at);
  return times.slice(1).map((at, i) => at - (times[i] ?? at));
}

async function live(store: ListWatchStore<WirePod>): Promise<void> {
  await eventually(() => {
    expect(store.connection().kind).toBe('live');
    expect(store.stats().watches).toBeGreaterThanOrEqual(1);
  });
}

describe('a server that answers 410 Expired to every watch', () => {
  it('relists with a growing back-off, keeps the rows, and does not spin', async () => {
    server.watch = (_request, response) => openWatch(response).event('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 773 (800)' });
    const store = openStore();
    await eventually(() => expect(names(store)).toEqual(labNames));
    const start = Date.now();
    const cpuBefore = process.cpuUsage();
    await sleep(5_000);
    const cpu = process.cpuUsage(cpuBefore);
    const requests = server.requests.filter((request) => request.at >= start).length;
    // Back-off 200 ms doubling (jitter up to +100 %) to 1.6 s: at most ~8 list+watch pairs in 5 s.
    // Before: every 410 relisted at once, ~150 requests a second.
    expect(requests).toBeLessThanOrEqual(20);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_500);
    const watchGaps = gaps('watch');
    expect(watchGaps.at(-1) ?? 0).toBeGreaterThan(watchGaps[0] ?? 0);
    expect(names(store)).toEqual(labNames);
    expect(store.connection()).toMatchObject({ kind: 'reconnecting', error: 'too old resource version: 773 (800)' });
    expectOneLine(store.connection());
  });
});

describe('a watch that connects and drops at once', () => {
  it('backs off too: accepting the watch does not reset the attempt count', async () => {
    server.watch = (_request, response) => openWatch(response).destroy();
    const store = openStore();
    await eventually(() => expect(server.count('watch')).toBeGreaterThanOrEqual(5), 15_000);
    const watchGaps = gaps('watch');
    expect(watchGaps.at(-1) ?? 0).toBeGreaterThanOrEqual(800);
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'reconnecting', attempt: expect.any(Number) }));
    const state = store.connection();
    expect(state.kind === 'reconnecting' && state.attempt).toBeGreaterThanOrEqual(4);
    expect(server.count('list')).toBe(1);
    expect(names(store)).toEqual(labNames);
  });

  it('a clean end right after the start counts as a failure as well', async () => {
    server.watch = (_request, response) => openWatch(response).end();
    const store = openStore();
    await eventually(() => expect(server.count('watch')).toBeGreaterThanOrEqual(4), 15_000);
    expect(gaps('watch').at(-1) ?? 0).toBeGreaterThanOrEqual(400);
    expect(store.connection()).toMatchObject({ kind: 'reconnecting' });
    expect(server.count('list')).toBe(1);
  });
});

describe('a server that stops answering', () => {
  it('a hung server (no bytes, probes unanswered) turns the state stale, keeps the rows, and recovers', async () => {
    const store = openStore();
    await live(store);
    server.frozen = true;
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'stale', silentMs: expect.any(Number) }), 10_000);
    expect(names(store)).toEqual(labNames);
    expectOneLine(store.connection());
    server.frozen = false;
    await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }), 10_000);
    expect(store.stats().lists).toBe(1);
  });

  it('a quiet watch of a live server stays live: the probe answers', async () => {
    server.watch = (_request, response) => openWatch(response);
    const store = openStore();
    await live(store);
    await sleep(1_500);
    expect(store.connection()).toEqual({ kind: 'live' });
    expect(server.count('version')).toBeGreaterThanOrEqual(2);
    expect(server.count('watch')).toBe(1);
  });

  it('a list that never answers is stale, not "connecting…" forever', async () => {
    server.list = silent;
    server.version = silent;
    const store = openStore();
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'stale' }), 10_000);
    expect(store.snapshot()).toEqual([]);
  });

  it('a list stalled after its headers is ended and retried', async () => {
    let first = true;
    server.list = (_request, response, fault) => {
      if (!first) return sendList(response, fault.pods, fault.resourceVersion);
      first = false;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"kind":"PodList","items":[');
    };
    const answerVersion = server.version;
    server.version = silent;
    const store = openStore();
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'stale' }), 10_000);
    server.version = answerVersion;
    await eventually(() => expect(names(store)).toEqual(labNames), 10_000);
    await live(store);
    expect(server.count('list')).toBe(2);
  });
});

describe('objects and lines that do not decode', () => {
  const hostile: Array<[string, unknown]> = [
    ['metadata: null', { kind: 'Pod', metadata: null, spec: { containers: [] } }],
    ['spec: 5', { ...labPods()[0], spec: 5 }],
    ['not an object', 42],
    ['containerStatuses: "x"', { ...labPods()[0], status: { containerStatuses: 'x' } }],
    ['another kind', { ...labPods()[0], kind: 'Secret' }],
  ];
  for (const [label, object] of hostile) {
    it(`a watch event with ${label} is rejected, counted, and the store lists again (no blank row)`, async () => {
      let watches = 0;
      server.watch = (request, response, fault) => {
        watches += 1;
        if (watches === 1) return openWatch(response).event('MODIFIED', object);
        fault.quietWatch(request, response);
      };
      const store = openStore();
      await eventually(() => expect(server.count('list')).toBe(2));
      await live(store);
      expect(names(store)).toEqual(labNames);
      expect(store.stats().rejected).toBe(1);
      expect(store.connection()).toEqual({ kind: 'live', rejected: 1 });
    });
  }

  it('a garbage line ends the watch and the store lists again', async () => {
    let watches = 0;
    const seen: ConnectionState[] = [];
    server.watch = (request, response, fault) => {
      watches += 1;
      if (watches === 1) return openWatch(response).line('\x1b]52;c;cm0gLXJmIH4=\x07 not json');
      fault.quietWatch(request, response);
    };
    const store = openStore();
    store.subscribe(() => seen.push(store.connection()));
    await eventually(() => expect(server.count('list')).toBe(2));
    await live(store);
    expect(store.stats().rejected).toBe(1);
    expect(seen).toContainEqual(expect.objectContaining({ kind: 'reconnecting', error: 'a line of the watch is not JSON; listing again' }));
    expect(names(store)).toEqual(labNames);
  });

  it('list items that do not decode are left out and counted; the rest is shown', async () => {
    server.list = (_request, response, fault) => sendList(response, [...fault.pods, { kind: 'Pod', metadata: null }, { ...labPods()[1], spec: 5 }], fault.resourceVersion);
    const store = openStore();
    await live(store);
    expect(names(store)).toEqual(labNames);
    expect(store.connection()).toEqual({ kind: 'live', rejected: 2 });
  });

  it('a bookmark keeps only its resourceVersion; timestamps stay strings; managedFields are trimmed', async () => {
    server.watch = (_request, response, fault) => {
      const writer = openWatch(response);
      writer.event('BOOKMARK', bookmark('900'));
      const pod = { ...labPods()[0], metadata: { ...(fault.pods[0]?.metadata as object), resourceVersion: '901', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' } } };
      writer.event('MODIFIED', pod);
    };
    const store = openStore();
    await eventually(() => expect(store.stats().resourceVersion).toBe('901'));
    const pod = store.snapshot()[0];
    expect(pod?.metadata?.managedFields).toBeUndefined();
    expect(pod?.metadata?.annotations).toEqual({ keep: 'me' });
    expect(typeof pod?.metadata?.creationTimestamp).toBe('string');
    expect(store.snapshot()).toHaveLength(6);
  });
});

describe('throttling', () => {
  it('429 with Retry-After on the list: throttled, named in the state, retried after the wait', async () => {
    let lists = 0;
    server.list = (_request, response, fault) => {
      lists += 1;
      if (lists === 1) return sendStatus(response, 429, 'Too many requests, please try again later.', { 'Retry-After': '2' }, 'TooManyRequests');
      sendList(response, fault.pods, fault.resourceVersion);
    };
    const store = openStore();
    await eventually(() => expect(store.connection()).toEqual({ kind: 'throttled', status: 429, retryInMs: 2000 }));
    await live(store);
    expect(gaps('list')[0]).toBeGreaterThanOrEqual(1_900);
    expect(names(store)).toEqual(labNames);
  });

  it('429 on the watch resumes the watch after the wait, without listing again', async () => {
    let watches = 0;
    server.watch = (request, response, fault) => {
      watches += 1;
      if (watches === 1) return sendStatus(response, 429, 'slow down', { 'Retry-After': '1' });
      fault.quietWatch(request, response);
    };
    const store = openStore();
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'throttled', retryInMs: 1000 }));
    await live(store);
    expect(server.count('list')).toBe(1);
    expect(gaps('watch')[0]).toBeGreaterThanOrEqual(900);
  });

  it('503 with Retry-After is throttled too; without it, a reconnect with back-off', async () => {
    server.list = (_request, response) => sendStatus(response, 503, 'the server is shutting down', { 'Retry-After': '1' });
    const store = openStore();
    await eventually(() => expect(store.connection()).toEqual({ kind: 'throttled', status: 503, retryInMs: 1000 }));
    server.list = (_request, response) => sendStatus(response, 503, 'the server is shutting down');
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'reconnecting', error: 'the server is shutting down (503)' }));
  });
});

describe('refusals on the list and on the watch', () => {
  const cases: Array<[number, ConnectionState['kind'], RegExp]> = [
    [401, 'failed', /^the server refused the credentials \(401 Unauthorized\) — check the user "tester" in context "fault"$/],
    [403, 'forbidden', /^pods is forbidden: no$/],
    [404, 'failed', /^the server could not find the requested resource$/],
    [500, 'reconnecting', /^etcdserver: leader changed \(500\)$/],
  ];
  const messages: Record<number, string> = { 401: 'Unauthorized', 403: 'pods is forbidden: no', 404: 'the server could not find the requested resource', 500: 'etcdserver: leader changed' };
  for (const [code, kind, text] of cases) {
    for (const where of ['list', 'watch'] as const) {
      it(`${code} on the ${where}: ${kind}, with a bounded number of requests`, async () => {
        server[where] = (_request, response) => sendStatus(response, code, messages[code] ?? '');
        const store = openStore();
        await eventually(() => expect(store.connection().kind).toBe(kind));
        const state = store.connection();
        const message = state.kind === 'reconnecting' ? state.error : 'message' in state ? state.message : '';
        expect(message).toMatch(text);
        expectOneLine(state);
        await sleep(1_000);
        // failed: no retry at all; forbidden: every 500 ms here (30 s by default); 500: back-off.
        expect(server.count(where)).toBeLessThanOrEqual(kind === 'failed' ? 1 : 5);
        if (where === 'watch') expect(names(store)).toEqual(labNames);
      });
    }
  }
});

describe('a server killed and restarted mid-watch', () => {
  it('keeps the rows while it is down, says so, and resumes from the last resourceVersion', async () => {
    const store = openStore();
    await live(store);
    await server.kill();
    await eventually(() => expect(store.connection()).toMatchObject({ kind: 'reconnecting', error: `cannot reach ${server.url}: connection refused` }));
    expect(names(store)).toEqual(labNames);
    await sleep(1_000);
    const whileDown = server.requests.length;
    await server.restart();
    await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }), 10_000);
    expect(store.stats().lists).toBe(1);
    expect(server.requests.length - whileDown).toBeLessThanOrEqual(2);
    expect(names(store)).toEqual(labNames);
  });
});

describe('the first list', () => {
  it('is shown page by page as it arrives, with the count so far', async () => {
    const pods = Array.from({ length: 25 }, (_, i) => {
      const pod = labPods()[0] as { metadata: Record<string, unknown> };
      return { ...pod, metadata: { ...pod.metadata, name: `pod-${String(i).padStart(2, '0')}`, uid: `uid-${i}` } };
    });
    const held: Array<() => void> = [];
    server.list = (request, response, fault) => {
      const start = Number(request.query.get('continue') ?? '0');
      const limit = Number(request.query.get('limit'));
      const page = pods.slice(start, start + limit);
      const next = start + limit < pods.length ? String(start + limit) : undefined;
      // Later pages wait until the test has seen the earlier ones.
      if (start === 0) sendList(response, page, fault.resourceVersion, next);
      else held.push(() => sendList(response, page, fault.resourceVersion, next));
    };
    const store = openStore({ pageSize: 10 });
    await eventually(() => expect(store.connection()).toEqual({ kind: 'listing', received: 10 }));
    expect(names(store)).toEqual(pods.slice(0, 10).map((pod) => pod.metadata.name));
    await eventually(() => expect(held).toHaveLength(1));
    held.shift()?.();
    await eventually(() => expect(store.connection()).toEqual({ kind: 'listing', received: 20 }));
    expect(store.snapshot()).toHaveLength(20);
    await eventually(() => expect(held).toHaveLength(1));
    held.shift()?.();
    await live(store);
    expect(store.snapshot()).toHaveLength(25);
  });
  it('asks for the whole list in one answer when a continue token expired, as client-go does, instead of paging again', async () => {
    const pods = Array.from({ length: 25 }, (_, i) => {
      const pod = labPods()[0] as { metadata: Record<string, unknown> };
      return { ...pod, metadata: { ...pod.metadata, name: `pod-${String(i).padStart(2, '0')}`, uid: `uid-${i}` } };
    });
    const asked: string[] = [];
    server.list = (request, response, fault) => {
      asked.push(`limit=${request.query.get('limit') ?? ''} continue=${request.query.get('continue') ?? ''}`);
      const limit = request.query.get('limit');
      // Every continue token has expired: a history compacted faster than the pages are read.
      if (request.query.get('continue')) return sendStatus(response, 410, 'The provided continue parameter is too old', {}, 'Expired');
      if (limit === null) return sendList(response, pods, fault.resourceVersion, undefined);
      sendList(response, pods.slice(0, Number(limit)), fault.resourceVersion, String(limit));
    };
    const store = openStore({ pageSize: 10 });
    await live(store);
    expect(store.snapshot()).toHaveLength(25);
    expect(asked).toEqual(['limit=10 continue=', 'limit=10 continue=10', 'limit= continue=']);
    expect(store.stats().lists).toBe(1);
  });
});
