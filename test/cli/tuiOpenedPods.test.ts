import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecentImages } from '../../src/cli/tui/recentImages.js';
import { createSessionServices, type SessionServiceOptions } from '../../src/cli/tui/sessionServices.js';
import { connectCluster, type ClusterSession } from '../../src/kube/clusterSession.js';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import type { ResourceStore } from '../../src/kube/resourceStore.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES } from '../../src/model/logDefaults.js';

// The explorer command opens the first pod store as soon as it is connected, while Ink and the
// explorer still load; the first screen must get that store, not list a second time.

let cluster: DemoCluster;
let session: ClusterSession;
let work: string;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  session = await connectCluster(loadClusterConfig({ kubeconfig: cluster.kubeconfigPath, namespace: 'lab' }));
  work = mkdtempSync(join(tmpdir(), 'podscope-opened-'));
});
afterAll(async () => {
  session?.close();
  await cluster?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The session, counting the pod stores it opens (the stores themselves are the real ones). */
function counting(): { session: ClusterSession; opened: string[] } {
  const opened: string[] = [];
  const podStore: ClusterSession['podStore'] = (scope) => {
    opened.push('allNamespaces' in scope ? '*' : scope.namespace);
    return session.podStore(scope);
  };
  return { session: { ...session, podStore }, opened };
}

function servicesFor(countingSession: ClusterSession, openedPods?: SessionServiceOptions['openedPods']) {
  return createSessionServices(countingSession, {
    allNamespaces: false,
    readonly: true,
    logs: { tailLines: DEFAULT_TAIL_LINES, limits: DEFAULT_LOG_LIMITS },
    recentImages: new RecentImages(join(work, 'recent-images.json')),
    startSession: () => Promise.resolve({ started: true }),
    contexts: undefined,
    ...(openedPods === undefined ? {} : { openedPods }),
  });
}

function firstAnswer(store: ResourceStore<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (store.connection().kind !== 'connecting') {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

describe('the pod store opened before the explorer loads', () => {
  it('is the one the first lease of its scope gets: the pods are there, nothing is listed again', async () => {
    const { session: countingSession, opened } = counting();
    const early = session.podStore({ namespace: 'lab' });
    await firstAnswer(early);
    const services = servicesFor(countingSession, { scope: { namespace: 'lab' }, store: early });
    const lease = services.services.podStore({ namespace: 'lab' });
    expect(opened).toEqual([]);
    expect(lease.snapshot().map((pod) => pod.metadata?.name)).toContain('crashy');
    // Another scope, or the same one once the first store is gone, is listed as before.
    services.services.podStore({ allNamespaces: true }).close();
    expect(opened).toEqual(['*']);
    services.closeStores();
    services.services.podStore({ namespace: 'lab' }).close();
    expect(opened).toEqual(['*', 'lab']);
    services.closeStores();
  });

  it('is closed with the session’s stores when no screen leased it', async () => {
    const { session: countingSession } = counting();
    const early = session.podStore({ namespace: 'lab' });
    let closed = false;
    const watched: typeof early = { ...early, close: () => ((closed = true), early.close()) };
    const services = servicesFor(countingSession, { scope: { namespace: 'lab' }, store: watched });
    services.closeStores();
    expect(closed).toBe(true);
  });
});
