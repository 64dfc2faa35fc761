import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterConnectError, connectCluster, type ClusterSession } from '../../src/kube/clusterSession.js';
import type { ClusterConfig } from '../../src/kube/kubeconfig.js';
import { configFor, eventually, handleCounts, handlesBackTo, namespaceManifest, podManifest, startHarness, type Harness } from './demoHarness.js';

const janeToken = 'jane-token';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    // Like the recorded user "jane": may read pods in "team-a" only.
    extraUsers: [{ token: janeToken, name: 'jane', rules: [{ verbs: ['get', 'list', 'watch'], resources: ['pods'], namespaces: ['team-a'] }] }],
  });
  for (const name of ['team-a', 'restricted']) harness.demo.store.create('namespaces', namespaceManifest(name));
});
afterAll(async () => {
  await harness.close();
});

async function connectError(config: ClusterConfig): Promise<ClusterConnectError> {
  const err = await connectCluster(config, { timeoutMs: 10_000 }).then(
    (session) => {
      session.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClusterConnectError);
  return err as ClusterConnectError;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('connectCluster', () => {
  it('connects with the demo kubeconfig and describes the session', async () => {
    const session = await connectCluster(harness.config);
    try {
      expect(session).toMatchObject({
        contextName: harness.demo.contextName,
        server: harness.demo.url,
        namespace: harness.demo.namespace,
        user: harness.config.user,
      });
      expect(session.serverVersion).toMatch(/^v1\.\d+\.\d+/);
      const listed = await (await session.coreApi()).listNamespace();
      expect(listed.items.map((ns) => ns.metadata?.name)).toContain('team-a');
    } finally {
      session.close();
    }
  });

  it('a wrong token is the clear 401 line naming user and context', async () => {
    const config = configFor(harness, { token: 'not-a-real-token', user: 'alice', context: 'staging', namespace: 'restricted' });
    const err = await connectError(config);
    expect(err.kind).toBe('unauthorized');
    expect(err.status).toBe(401);
    expect(err.message).toBe('the server refused the credentials (401 Unauthorized) — check the user "alice" in context "staging"');
  });

  it('an unreachable server is the connection-refused line', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const err = await connectError(configFor(harness, { server, token: 'x', user: 'u', context: 'gone', namespace: 'default' }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`cannot reach ${server}: connection refused`);
  });

  it('a server certificate the kubeconfig does not trust is a TLS line, not a stack', async () => {
    const config = configFor(harness, { token: harness.demo.token, user: 'admin', context: 'untrusted', namespace: 'default', trust: false });
    const err = await connectError(config);
    expect(err.kind).toBe('tls');
    expect(err.message).toBe(
      `cannot connect securely to ${harness.demo.url}: the server's certificate is self-signed and not trusted (check certificate-authority in the kubeconfig)`,
    );
  });

  it('a user who may not list pods in the namespace still connects; the store says forbidden', async () => {
    const config = configFor(harness, { token: janeToken, user: 'jane', context: 'jane', namespace: 'restricted' });
    const session = await connectCluster(config, { storeTuning: { forbiddenRetryMs: 60_000 } });
    try {
      const forbidden = session.podStore({ namespace: 'restricted' });
      await eventually(() =>
        expect(forbidden.connection()).toEqual({
          kind: 'forbidden',
          message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "restricted"',
        }),
      );
      const allowed = session.podStore({ namespace: 'team-a' });
      harness.demo.store.create('pods', podManifest('team-a', 'visible'));
      await eventually(() => {
        expect(allowed.connection()).toEqual({ kind: 'live' });
        expect(allowed.snapshot().map((pod) => pod.metadata?.name)).toEqual(['visible']);
      });
      const namespaces = session.namespaceStore();
      await eventually(() => expect(namespaces.connection().kind).toBe('forbidden'));
      expect(namespaces.snapshot()).toEqual([]);
    } finally {
      session.close();
    }
  });
});

describe('session stores', () => {
  let session: ClusterSession;
  beforeAll(async () => {
    session = await connectCluster(harness.config);
  });
  afterAll(() => {
    session.close();
  });

  it('namespaceStore lists cluster-scoped namespaces and follows new ones', async () => {
    const store = session.namespaceStore();
    try {
      await eventually(() => expect(store.snapshot().map((ns) => ns.metadata?.name)).toEqual(expect.arrayContaining(['default', 'restricted', 'team-a'])));
      harness.demo.store.create('namespaces', namespaceManifest('added-later'));
      await eventually(() => expect(store.snapshot().map((ns) => ns.metadata?.name)).toContain('added-later'));
    } finally {
      store.close();
    }
  });

  it('podStore across all namespaces sorts by namespace, then name', async () => {
    harness.demo.store.create('pods', podManifest('restricted', 'zeta'));
    harness.demo.store.create('pods', podManifest('restricted', 'alpha'));
    const store = session.podStore({ allNamespaces: true });
    try {
      await eventually(() => {
        const keys = store.snapshot().map((pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`);
        expect(keys).toEqual(expect.arrayContaining(['restricted/alpha', 'restricted/zeta', 'team-a/visible']));
        expect(keys).toEqual([...keys].sort());
      });
    } finally {
      store.close();
    }
  });

  it('eventStore with a field selector follows only the events of one object', async () => {
    // Events about objects the simulated control plane does not know, so it adds none of its own.
    const event = (name: string, pod: string, reason: string) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'restricted' },
      involvedObject: { kind: 'Pod', namespace: 'restricted', name: pod },
      reason,
      message: `${reason} for ${pod}`,
      type: 'Normal',
      count: 1,
      firstTimestamp: '2026-01-01T10:00:00Z',
      lastTimestamp: '2026-01-01T10:00:00Z',
      source: { component: 'kubelet' },
    });
    harness.demo.store.create('events', event('alpha.1', 'paper-alpha', 'Scheduled'));
    harness.demo.store.create('events', event('zeta.1', 'paper-zeta', 'Scheduled'));
    const store = session.eventStore({ namespace: 'restricted', fieldSelector: 'involvedObject.name=paper-alpha' });
    try {
      await eventually(() => expect(store.snapshot().map((e) => e.metadata?.name)).toEqual(['alpha.1']));
      expect(store.snapshot()[0]?.lastTimestamp).toBe('2026-01-01T10:00:00Z');
      harness.demo.store.create('events', event('zeta.2', 'paper-zeta', 'Pulled'));
      harness.demo.store.create('events', event('alpha.2', 'paper-alpha', 'Pulled'));
      await eventually(() => expect(store.snapshot().map((e) => e.metadata?.name)).toEqual(['alpha.1', 'alpha.2']));
      expect(store.snapshot()[1]?.lastTimestamp).toBe('2026-01-01T10:00:00Z');
    } finally {
      store.close();
    }
  });

  it('close() of the session closes the stores still open, leaving no sockets or timers', async () => {
    const own = await connectCluster(harness.config);
    await handlesBackTo(handleCounts());
    const before = handleCounts();
    const stores = [own.podStore({ namespace: 'restricted' }), own.namespaceStore(), own.eventStore({ allNamespaces: true })];
    await eventually(() => expect(stores.map((store) => store.connection().kind)).toEqual(['live', 'live', 'live']));
    own.close();
    await handlesBackTo(before);
  });
});
