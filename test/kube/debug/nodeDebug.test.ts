import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { containerStatus } from '../../../src/kube/debug/containerProgress.js';
import { deleteDebugCopy } from '../../../src/kube/debug/copyPod.js';
import { DebugError } from '../../../src/kube/debug/debugError.js';
import { createNodeDebugPod } from '../../../src/kube/debug/nodeDebug.js';
import { configFor, eventually, startHarness, type Harness } from '../demoHarness.js';

describe('debugging a node of the demo cluster', () => {
  let harness: Harness;
  let admin: ClusterSession;
  let jane: ClusterSession;

  beforeAll(async () => {
    harness = await startHarness({
      seed: 7,
      namespace: 'lab',
      extraUsers: [{ token: 'jane-token', name: 'jane', rules: [{ verbs: ['get', 'list', 'watch'], resources: ['pods', 'nodes'] }] }],
    });
    admin = await connectCluster(harness.config);
    jane = await connectCluster(configFor(harness, { token: 'jane-token', user: 'jane', context: 'jane', namespace: 'lab' }));
  }, 90_000);

  afterAll(async () => {
    admin?.close();
    jane?.close();
    await harness.close();
  });

  it('creates kubectl\'s node debugger on the node, in the host\'s namespaces, and it runs there', async () => {
    const launched = await createNodeDebugPod(admin, { namespace: 'lab', node: 'node-b', image: 'busybox:1.36', profile: 'general' });
    expect(launched.pod).toMatch(/^node-debugger-node-b-[a-z0-9]{5}$/);
    expect(launched.container).toBe('debugger');

    const stored = await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: launched.pod });
    expect(stored.metadata?.labels).toEqual({ 'app.kubernetes.io/managed-by': 'kubectl-debug' });
    expect(stored.spec).toMatchObject({ nodeName: 'node-b', hostPID: true, hostNetwork: true, hostIPC: true, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
    expect(stored.spec?.volumes?.find((volume) => volume.name === 'host-root')?.hostPath?.path).toBe('/');
    expect(stored.spec?.containers[0]?.volumeMounts).toContainEqual({ name: 'host-root', mountPath: '/host' });

    // Bound by nodeName, not scheduled; on the host network its IP is the node's.
    const node = await (await admin.coreApi()).readNode({ name: 'node-b' });
    const nodeIP = node.status?.addresses?.find((address) => address.type === 'InternalIP')?.address;
    await eventually(async () => {
      const pod = await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: launched.pod });
      expect(containerStatus(pod, 'debugger')?.state?.running).toBeDefined();
      expect(pod.status?.podIP).toBe(nodeIP);
    }, 60_000);

    await deleteDebugCopy(admin, { namespace: 'lab', pod: launched.pod });
    await eventually(() => expect(harness.demo.store.get({ resource: 'pods', namespace: 'lab', name: launched.pod })).toBeUndefined(), 30_000);
  }, 90_000);

  it('says in one line that the node does not exist, and creates nothing', async () => {
    const before = harness.demo.store.list('pods', 'lab').length;
    const error = await createNodeDebugPod(admin, { namespace: 'lab', node: 'node-z', image: 'busybox:1.36' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DebugError);
    expect((error as DebugError).message).toBe('nodes "node-z" not found');
    expect(harness.demo.store.list('pods', 'lab').length).toBe(before);
  });

  it('passes on the server\'s refusal to create the pod', async () => {
    const error = await createNodeDebugPod(jane, { namespace: 'lab', node: 'node-a', image: 'busybox:1.36' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DebugError);
    expect((error as DebugError).kind).toBe('forbidden');
    expect((error as DebugError).message).toMatch(/cannot create resource "pods"/);
  });
});
