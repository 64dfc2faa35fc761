import { expect } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { containerStatus } from '../../../src/kube/debug/containerProgress.js';
import { eventually, startHarness, type DemoOptions, type Harness } from '../demoHarness.js';

export interface DebugHarness extends Harness {
  session: ClusterSession;
}

/** The demo scenario with lab/web running, and a session of its admin user. */
export async function startDebugHarness(options: DemoOptions = {}): Promise<DebugHarness> {
  const harness = await startHarness({ seed: 7, namespace: 'lab', ...options });
  const session = await connectCluster(harness.config);
  await eventually(async () => {
    const web = await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(containerStatus(web, 'web')?.state?.running).toBeDefined();
  }, 60_000);
  return {
    ...harness,
    session,
    close: async () => {
      session.close();
      await harness.close();
    },
  };
}

export async function containerState(session: ClusterSession, namespace: string, pod: string, container: string) {
  return containerStatus(await (await session.coreApi()).readNamespacedPod({ namespace, name: pod }), container)?.state;
}
