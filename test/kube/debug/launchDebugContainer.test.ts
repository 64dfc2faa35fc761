import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { DebugError } from '../../../src/kube/debug/debugError.js';
import { DebugLauncher, launchDebugContainer } from '../../../src/kube/debug/launchDebugContainer.js';
import { readFixtureJson } from '../../helpers/fixtures.js';
import { configFor, eventually, startHarness, type Harness } from '../demoHarness.js';

async function failure(promise: Promise<unknown>): Promise<DebugError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DebugError) return error;
    throw error;
  }
  throw new Error('expected a DebugError');
}

/** `values` first, then Math.random. */
function startingWith(values: number[]): () => number {
  let index = 0;
  return () => values[index++] ?? Math.random();
}

describe('launching debug containers on the demo cluster', () => {
  let harness: Harness;
  let admin: ClusterSession;
  let jane: ClusterSession;

  beforeAll(async () => {
    harness = await startHarness({
      seed: 3,
      namespace: 'lab',
      extraUsers: [{ token: 'jane-token', name: 'jane', rules: [{ verbs: ['get', 'list', 'watch'], resources: ['pods'], namespaces: ['lab'] }] }],
    });
    admin = await connectCluster(harness.config);
    jane = await connectCluster(configFor(harness, { token: 'jane-token', user: 'jane', context: 'jane', namespace: 'lab' }));
    await eventually(async () => {
      const done = await (await admin.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok' });
      expect(done.status?.phase).toBe('Succeeded');
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    admin?.close();
    jane?.close();
    await harness.close();
  });

  it('sends the strategic-merge PATCH kubectl sends, with a fresh debugger name', async () => {
    const launched = await launchDebugContainer(admin, {
      namespace: 'lab',
      pod: 'web',
      image: 'busybox:latest',
      pullPolicy: 'Never',
      command: ['sh'],
      target: 'web',
      profile: 'legacy',
    });
    expect(launched.container).toMatch(/^debugger-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const recorded = readFixtureJson<{ spec: { ephemeralContainers: Array<Record<string, unknown>> } }>('ephemeral/noshell-add.request.json');
    expect(Object.keys(launched.spec).sort()).toEqual(Object.keys(recorded.spec.ephemeralContainers[0] ?? {}).sort());
    const stored = launched.podAfter.spec?.ephemeralContainers?.find((c) => c.name === launched.container);
    expect(stored).toMatchObject({ image: 'busybox:latest', imagePullPolicy: 'Never', command: ['sh'], stdin: true, tty: true, targetContainerName: 'web' });

    const general = await launchDebugContainer(admin, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' });
    expect(general.profile).toBe('general');
    const generalStored = general.podAfter.spec?.ephemeralContainers?.find((c) => c.name === general.container);
    expect(generalStored?.securityContext?.capabilities?.add).toEqual(['SYS_PTRACE']);
    expect(general.container).not.toBe(launched.container);
  });

  it('never reuses a name the pod already has', async () => {
    // The same random sequence would give the same name twice; the second launch must skip it.
    const random = () => startingWith([0.1, 0.2, 0.3, 0.4, 0.5]);
    const first = await launchDebugContainer(admin, { namespace: 'lab', pod: 'web', image: 'busybox:1.36', random: random() });
    const second = await launchDebugContainer(admin, { namespace: 'lab', pod: 'web', image: 'busybox:1.36', random: random() });
    expect(second.container).not.toBe(first.container);
    const pod: V1Pod = await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
    const names = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('launches once when asked twice while the first launch is in flight', async () => {
    const launcher = new DebugLauncher(admin);
    const options = { namespace: 'lab', pod: 'crashy', image: 'busybox:1.36' };
    const before = (await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'crashy' })).spec?.ephemeralContainers?.length ?? 0;
    const first = launcher.launch(options);
    expect(launcher.inFlight).toBe(true);
    const second = launcher.launch(options);
    expect(second).toBe(first);
    await first;
    expect(launcher.inFlight).toBe(false);
    const after = (await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'crashy' })).spec?.ephemeralContainers?.length ?? 0;
    expect(after).toBe(before + 1);
    const third = await launcher.launch(options);
    expect(third.container).not.toBe((await first).container);
  });

  it('refuses a finished pod and suggests a copy', async () => {
    const error = await failure(launchDebugContainer(admin, { namespace: 'states', pod: 'done-ok', image: 'busybox:1.36' }));
    expect(error.kind).toBe('podFinished');
    expect(error.message).toContain('ephemeral containers cannot start in a pod that has stopped');
    expect(error.copyToSuggested).toBe(true);
  });

  it('maps 404, 422 and 403 to their messages', async () => {
    const missing = await failure(launchDebugContainer(admin, { namespace: 'lab', pod: 'nosuchpod', image: 'busybox:1.36' }));
    expect(missing.kind).toBe('notFound');
    expect(missing.message).toBe('pods "nosuchpod" not found');

    const invalid = await failure(launchDebugContainer(admin, { namespace: 'lab', pod: 'web', image: 'busybox:1.36', target: 'nosuchcontainer' }));
    expect(invalid.kind).toBe('invalid');
    expect(invalid.extra.status).toBe(422);
    expect(invalid.message).toMatch(/^Pod "web" is invalid: .*targetContainerName/);

    const forbidden = await failure(launchDebugContainer(jane, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' }));
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.message).toBe(readFixtureJson<{ message: string }>('errors/forbidden-patch-ephemeral.json').message);
  });

  describe('on a server without the ephemeralcontainers subresource', () => {
    let server: Server;
    let coreApi: CoreV1Api;

    beforeAll(async () => {
      const pod = readFixtureJson<Record<string, unknown>>('ephemeral/web-get.json');
      server = createServer((request, response) => {
        const known = request.method === 'GET' && request.url?.startsWith('/api/v1/namespaces/lab/pods/web');
        response.writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify(
            known ? pod : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 },
          ),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromOptions({
        clusters: [{ name: 'old', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
        users: [{ name: 'u' }],
        contexts: [{ name: 'old', cluster: 'old', user: 'u' }],
        currentContext: 'old',
      });
      coreApi = kubeConfig.makeApiClient(CoreV1Api);
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('says ephemeral containers are not enabled', async () => {
      const error = await failure(launchDebugContainer({ coreApi: async () => coreApi }, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' }));
      expect(error.message).toBe('ephemeral containers are not enabled on this cluster (Kubernetes ≥1.23 needed)');
      expect(error.kind).toBe('notEnabled');
      expect(error.message).toBe('ephemeral containers are not enabled on this cluster (Kubernetes ≥1.23 needed)');
    });
  });
});
