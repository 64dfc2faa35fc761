import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { containerStatus } from '../../../src/kube/debug/containerProgress.js';
import { createDebugCopy, deleteDebugCopy } from '../../../src/kube/debug/copyPod.js';
import { DebugError } from '../../../src/kube/debug/debugError.js';
import { eventually, startHarness, type Harness } from '../demoHarness.js';

describe('debugging a copy of a finished pod on the demo cluster', () => {
  let harness: Harness;
  let admin: ClusterSession;

  beforeAll(async () => {
    harness = await startHarness({ seed: 5, namespace: 'lab' });
    admin = await connectCluster(harness.config);
    await eventually(async () => {
      const done = await (await admin.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok' });
      expect(done.status?.phase).toBe('Succeeded');
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    admin?.close();
    await harness.close();
  });

  it('creates the copy with shared PIDs, no node and the debugger as a regular container that runs', async () => {
    const original = await (await admin.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok' });
    const copy = await createDebugCopy(admin, { namespace: 'states', pod: 'done-ok', copyTo: 'done-ok-copy', image: 'busybox:1.36', command: ['sh'], profile: 'general' });
    expect(copy.container).toMatch(/^debugger-[a-z0-9]{5}$/);
    expect(copy.created.metadata?.uid).not.toBe(original.metadata?.uid);

    const stored = await (await admin.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok-copy' });
    expect(stored.spec?.shareProcessNamespace).toBe(true);
    expect(stored.metadata?.ownerReferences).toBeUndefined();
    expect(stored.spec?.containers.map((c) => c.name)).toEqual(['job', copy.container]);
    const debuggerContainer = stored.spec?.containers[1];
    expect(debuggerContainer).toMatchObject({ image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true, securityContext: { capabilities: { add: ['SYS_PTRACE'] } } });
    expect(stored.spec?.ephemeralContainers ?? []).toEqual([]);

    // Scheduled anew (the POST carried no node), and the debugger keeps running after the job's own container ended.
    await eventually(async () => {
      const pod = await (await admin.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok-copy' });
      expect(pod.spec?.nodeName).toBeTruthy();
      expect(containerStatus(pod, copy.container)?.state?.running).toBeDefined();
    }, 60_000);

    await deleteDebugCopy(admin, { namespace: 'states', pod: 'done-ok-copy' });
    await eventually(() => expect(harness.demo.store.get({ resource: 'pods', namespace: 'states', name: 'done-ok-copy' })).toBeUndefined(), 30_000);
    // Deleting a copy that is already gone is not an error.
    await deleteDebugCopy(admin, { namespace: 'states', pod: 'done-ok-copy' });
  }, 90_000);

  it('says in one line that the copy name is taken', async () => {
    const error = await createDebugCopy(admin, { namespace: 'states', pod: 'done-ok', copyTo: 'done-err', image: 'busybox:1.36' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DebugError);
    expect((error as DebugError).message).toBe('pod "done-err" already exists');
  });

  it('names the pod that cannot be read', async () => {
    const error = await createDebugCopy(admin, { namespace: 'states', pod: 'nope', copyTo: 'nope-debug', image: 'busybox:1.36' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DebugError);
    expect((error as DebugError).kind).toBe('notFound');
  });
});
