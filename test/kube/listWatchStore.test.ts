import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ListWatchStore, type ListWatchStoreOptions } from '../../src/kube/listWatchStore.js';
import type { WirePod } from '../../src/model/apiObjects.js';
import { podSource } from '../../src/kube/sources.js';
import { configFor, eventually, handleCounts, handlesBackTo, namespaceManifest, podManifest, startHarness, type Harness } from './demoHarness.js';

const open: ListWatchStore<WirePod>[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

let namespaceCounter = 0;
function freshNamespace(harness: Harness): string {
  const name = `lw-${process.pid}-${++namespaceCounter}`;
  harness.demo.store.create('namespaces', namespaceManifest(name));
  return name;
}

/** A pod store on a namespace, with short back-off. */
function openPodStore(harness: Harness, namespace: string, options: Partial<ListWatchStoreOptions<WirePod>> = {}, config = harness.config) {
  const store = new ListWatchStore<WirePod>({
    kubeConfig: config.kubeConfig,
    source: podSource({ namespace }),
    errorContext: { server: config.server, user: config.user, context: config.contextName },
    backoff: { initialMs: 100, maxMs: 500 },
    ...options,
  });
  open.push(store);
  return { store };
}

const names = (store: ListWatchStore<WirePod>) => store.snapshot().map((pod) => pod.metadata?.name);
const podKey = (namespace: string, name: string) => ({ resource: 'pods' as const, namespace, name });

describe('ListWatchStore against the demo cluster', () => {
  let harness: Harness;
  beforeAll(async () => {
    // No simulated control plane: only the test's own writes change the store, so counts are exact.
    harness = await startHarness({ withoutControlPlane: true, scenario: false });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('lists, then follows ADDED / MODIFIED / DELETED, keeping the JSON shape and a stable snapshot', async () => {
    const ns = freshNamespace(harness);
    for (const name of ['c', 'a', 'b']) harness.demo.store.create('pods', podManifest(ns, name));
    const { store } = openPodStore(harness, ns);
    expect(store.connection()).toEqual({ kind: 'connecting' });

    await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }));
    expect(names(store)).toEqual(['a', 'b', 'c']);
    expect(store.snapshot()[0]?.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    const listed = store.snapshot();
    expect(store.snapshot()).toBe(listed);

    harness.demo.store.create('pods', podManifest(ns, 'd'));
    harness.demo.store.update(podKey(ns, 'a'), (pod) => {
      (pod.metadata as { labels: Record<string, string> }).labels = { tier: 'edited' };
    });
    harness.demo.store.remove(podKey(ns, 'b'));

    await eventually(() => {
      expect(names(store)).toEqual(['a', 'c', 'd']);
      expect(store.snapshot()[0]?.metadata?.labels).toEqual({ tier: 'edited' });
    });
    expect(store.snapshot()).not.toBe(listed);
    // Watched objects keep the same shape as listed ones: timestamps as the server wrote them.
    expect(store.snapshot()[2]?.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(store.stats().lists).toBe(1);
  });

  it('keeps the snapshot in name order when a few of many pods are added, changed and removed', async () => {
    const ns = freshNamespace(harness);
    for (let i = 0; i < 200; i += 2) harness.demo.store.create('pods', podManifest(ns, `pod-${String(i).padStart(3, '0')}`));
    const { store } = openPodStore(harness, ns);
    await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }));
    expect(store.snapshot()).toHaveLength(100);

    // Few enough changes to be patched into the previous order: first, last, middle, new ends.
    for (const name of ['pod-001', 'pod-099', 'pod-aaa', 'a-first']) harness.demo.store.create('pods', podManifest(ns, name));
    for (const name of ['pod-000', 'pod-198', 'pod-100']) harness.demo.store.remove(podKey(ns, name));
    harness.demo.store.update(podKey(ns, 'pod-050'), (pod) => {
      (pod.metadata as { labels: Record<string, string> }).labels = { tier: 'edited' };
    });
    const expected = (harness.demo.store.list('pods', ns) as WirePod[]).map((pod) => pod.metadata?.name ?? '').sort();
    await eventually(() => expect(names(store)).toEqual(expected));
    expect(store.snapshot().find((pod) => pod.metadata?.name === 'pod-050')?.metadata?.labels).toEqual({ tier: 'edited' });
    expect(expected[0]).toBe('a-first');
    expect(expected).toHaveLength(101);
  });

  it('pages through more than 500 pods with limit + continue', async () => {
    const ns = freshNamespace(harness);
    const total = 1201;
    for (let i = 0; i < total; i++) harness.demo.store.create('pods', podManifest(ns, `pod-${String(i).padStart(4, '0')}`));
    const { store } = openPodStore(harness, ns);

    await eventually(() => expect(store.connection().kind).toBe('live'));
    expect(store.stats().pages).toBe(3);
    expect(store.snapshot()).toHaveLength(total);
    expect(names(store)[0]).toBe('pod-0000');
    expect(names(store)[total - 1]).toBe('pod-1200');
  });

  it('resumes after the server ends a watch (timeoutSeconds) without listing again', async () => {
    const ns = freshNamespace(harness);
    const { store } = openPodStore(harness, ns, { watchTimeoutSeconds: 1 });
    await eventually(() => expect(store.connection().kind).toBe('live'));
    await eventually(() => expect(store.stats().watches).toBeGreaterThanOrEqual(3));

    harness.demo.store.create('pods', podManifest(ns, 'late'));
    await eventually(() => expect(names(store)).toEqual(['late']));
    expect(store.stats().lists).toBe(1);
  });

  it('gives up with the clear line when the server refuses the credentials', async () => {
    const ns = freshNamespace(harness);
    const rejected = configFor(harness, { token: 'revoked', user: 'ci-bot', context: 'ci', namespace: ns });
    const { store } = openPodStore(harness, ns, {}, rejected);
    await eventually(() =>
      expect(store.connection()).toEqual({
        kind: 'failed',
        message: 'the server refused the credentials (401 Unauthorized) — check the user "ci-bot" in context "ci"',
      }),
    );
    expect(store.stats().lists).toBe(0);
  });

  it('batches a burst of 1,000 updates into a handful of notifications', async () => {
    const ns = freshNamespace(harness);
    harness.demo.store.create('pods', podManifest(ns, 'busy'));
    const { store } = openPodStore(harness, ns);
    await eventually(() => expect(store.snapshot()).toHaveLength(1));

    let notifications = 0;
    const unsubscribe = store.subscribe(() => notifications++);
    for (let i = 1; i <= 1000; i++) {
      harness.demo.store.update(podKey(ns, 'busy'), (pod) => {
        (pod.metadata as { labels: Record<string, string> }).labels = { round: String(i) };
      });
    }
    await eventually(() => expect(store.snapshot()[0]?.metadata?.labels).toEqual({ round: '1000' }));
    unsubscribe();
    expect(notifications).toBeGreaterThanOrEqual(1);
    expect(notifications).toBeLessThan(50);
  });
});

describe('ListWatchStore across server trouble', () => {
  let harness: Harness;
  beforeAll(async () => {
    // A short history window (etcd compaction) and frequent bookmarks make 410 and bookmark resumes reachable.
    harness = await startHarness({ withoutControlPlane: true, scenario: false, historyLimit: 50, bookmarkIntervalMs: 100 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('keeps its objects while the server is down, then catches up from the last resourceVersion', async () => {
    const ns = freshNamespace(harness);
    for (const name of ['a', 'b']) harness.demo.store.create('pods', podManifest(ns, name));
    const { store } = openPodStore(harness, ns);
    await watching(store);

    await whileDown(harness, async () => {
      // The first failure may be the dropped stream; the retries then find the port closed.
      await eventually(() =>
        expect(store.connection()).toMatchObject({
          kind: 'reconnecting',
          error: `cannot reach ${harness.config.server}: connection refused`,
          attempt: expect.any(Number),
        }),
      );
      expect(names(store)).toEqual(['a', 'b']);
      harness.demo.store.create('pods', podManifest(ns, 'c'));
      harness.demo.store.remove(podKey(ns, 'a'));
    });

    await eventually(() => {
      expect(store.connection()).toEqual({ kind: 'live' });
      expect(names(store)).toEqual(['b', 'c']);
    });
    expect(store.stats().lists).toBe(1);
  });

  it('lists again and replaces the cache when the watch answers 410 Expired', async () => {
    const ns = freshNamespace(harness);
    for (const name of ['a', 'b']) harness.demo.store.create('pods', podManifest(ns, name));
    const { store } = openPodStore(harness, ns);
    await watching(store);
    const sizesSeen = new Set<number>();
    store.subscribe(() => sizesSeen.add(store.snapshot().length));

    await whileDown(harness, async () => {
      await eventually(() => expect(store.connection().kind).toBe('reconnecting'));
      // More changes than the history window holds: resuming from the old resourceVersion is impossible.
      harness.demo.store.remove(podKey(ns, 'a'));
      for (let i = 0; i < 60; i++) harness.demo.store.create('pods', podManifest(ns, `new-${String(i).padStart(2, '0')}`));
    });

    await eventually(() => {
      expect(store.stats().lists).toBe(2);
      expect(store.connection()).toEqual({ kind: 'live' });
    });
    expect(store.snapshot()).toHaveLength(61);
    expect(names(store)[0]).toBe('b');
    // The relist replaced the cache in one step: no notification showed a half-applied state.
    await eventually(() => expect(sizesSeen.has(61)).toBe(true));
    expect([...sizesSeen].filter((size) => size !== 2 && size !== 61)).toEqual([]);
  });

  it('resumes from the resourceVersion of bookmarks, so changes elsewhere do not force a relist', async () => {
    const quiet = freshNamespace(harness);
    const busy = freshNamespace(harness);
    const { store } = openPodStore(harness, quiet, { watchTimeoutSeconds: 3 });
    // 'live' comes with the list; the watch that follows must be running before the noise starts.
    await eventually(() => expect(store.stats().watches).toBe(1));

    // Changes the quiet watch never sees, overflowing the history window past its list's resourceVersion.
    for (let i = 0; i < 120; i++) harness.demo.store.create('pods', podManifest(busy, `noise-${i}`));
    const latest = Number(harness.demo.store.resourceVersion());
    // A bookmark (every 100 ms, well within the 3 s watch) moves the resume point past the noise...
    await eventually(() => expect(Number(store.stats().resourceVersion)).toBeGreaterThanOrEqual(latest));
    // ...so the watch the server ends next is resumed, not answered with 410.
    const watches = store.stats().watches;
    await eventually(() => expect(store.stats().watches).toBeGreaterThan(watches));

    harness.demo.store.create('pods', podManifest(quiet, 'signal'));
    await eventually(() => expect(names(store)).toEqual(['signal']));
    expect(store.stats().lists).toBe(1);
  });

  it('close() aborts the watch and every timer, even in the middle of a back-off', async () => {
    const ns = freshNamespace(harness);
    const before = handleCounts();
    const { store } = openPodStore(harness, ns, { backoff: { initialMs: 10_000, maxMs: 10_000 } });
    await eventually(() => expect(store.connection().kind).toBe('live'));
    store.close();
    await handlesBackTo(before);

    const second = openPodStore(harness, ns, { backoff: { initialMs: 10_000, maxMs: 10_000 } }).store;
    await watching(second);
    await whileDown(harness, async () => {
      await eventually(() => expect(second.connection().kind).toBe('reconnecting'));
      second.close();
      await handlesBackTo(before);
    });
  });
});

/**
 * Waits until the store's watch is established, not only its list. Stopping the demo server while a
 * watch connection is still in its TLS handshake leaves stop() waiting for that socket (see report).
 */
async function watching(store: ListWatchStore<WirePod>): Promise<void> {
  await eventually(() => {
    expect(store.connection().kind).toBe('live');
    expect(store.stats().watches).toBeGreaterThanOrEqual(1);
  });
}

/** Runs `body` while the API server is stopped; it serves again afterwards even if `body` failed. */
async function whileDown(harness: Harness, body: () => Promise<void>): Promise<void> {
  await harness.demo.stop();
  try {
    await body();
  } finally {
    await harness.demo.restart();
  }
}
