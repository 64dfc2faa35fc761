import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { RESTART_MARKER, type LogEvent } from '../../../src/kube/logs/logStream.js';
import type { PodLogHandle } from '../../../src/kube/logs/podLogSession.js';
import { openWorkloadLogs, type WorkloadMembers } from '../../../src/kube/logs/workloadLogSession.js';
import type { ResourceStore } from '../../../src/kube/resourceStore.js';
import type { Pod } from '../../../src/model/apiObjects.js';
import { controllerOf, workloadJoinedMarker, workloadLeftMarker, type WorkloadOwner } from '../../../src/model/workloadLog.js';
import { eventually, startHarness, type Harness } from '../demoHarness.js';

describe('the workload log against the demo cluster', () => {
  let harness: Harness;
  let session: ClusterSession;
  let store: ResourceStore<Pod>;
  const handles: PodLogHandle[] = [];

  beforeAll(async () => {
    // Fast enough for checkout to crash and restart within a few real seconds.
    harness = await startHarness({ speed: 20, namespace: 'shop' });
    session = await connectCluster(harness.config);
    store = session.podStore({ namespace: 'shop' });
    await eventually(() => expect(store.connection().kind).toBe('live'));
  });

  afterAll(async () => {
    for (const handle of handles) handle.close();
    store?.close();
    session?.close();
    await harness?.close();
  });

  const ownerOf = (prefix: string): WorkloadOwner => {
    const pod = store.snapshot().find((candidate) => candidate.metadata?.name?.startsWith(prefix) === true);
    const owner = pod === undefined ? undefined : controllerOf(pod);
    if (owner === undefined) throw new Error(`no pod of ${prefix} with a controller`);
    return owner;
  };
  const podsOf = (owner: WorkloadOwner): string[] =>
    store
      .snapshot()
      .filter((pod) => controllerOf(pod)?.uid === owner.uid)
      .map((pod) => pod.metadata?.name ?? '')
      .sort();
  const open = (owner: WorkloadOwner) => {
    const events: LogEvent[] = [];
    const batches: LogEvent[][] = [];
    const members: WorkloadMembers[] = [];
    const onBatch = (batch: LogEvent[]): void => {
      batches.push(batch);
      events.push(...batch);
    };
    handles.push(
      openWorkloadLogs(session.kubeConfig, session, store, { namespace: 'shop', owner, containers: 'default', tailLines: 20 }, onBatch, (m) => members.push(m), {
        batchMs: 20,
        retryMs: 100,
        maxRetryMs: 400,
      }),
    );
    return { events, batches, members };
  };
  const lines = (events: LogEvent[]) => events.flatMap((event) => (event.kind === 'line' ? [event] : []));

  it('follows a crash-looping workload through restarts: a marker, the new instance, no line twice', async () => {
    const owner = ownerOf('checkout-');
    const { events } = open(owner);
    const [pod] = podsOf(owner);
    await eventually(() => {
      const marker = events.findIndex((event) => event.kind === 'marker' && event.text === RESTART_MARKER);
      expect(marker).toBeGreaterThanOrEqual(0);
      expect(events.slice(marker).some((event) => event.kind === 'line')).toBe(true);
    }, 60_000);
    expect(new Set(events.map((event) => event.container))).toEqual(new Set([pod]));
    // A stack trace prints blank lines in the same millisecond: those may repeat, nothing else does.
    const seen = lines(events)
      .filter((line) => line.text.trim() !== '')
      .map((line) => `${line.key} ${line.text}`);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((line, index) => seen.indexOf(line) !== index)).toEqual([]);
  });

  it('merges the pods of a ReplicaSet; a deleted pod leaves a marker, its replacement joins', async () => {
    const owner = ownerOf('frontend-');
    const before = podsOf(owner);
    expect(before).toHaveLength(3);
    const { events, batches, members } = open(owner);
    await eventually(() => expect(new Set(lines(events).map((line) => line.container))).toEqual(new Set(before)), 30_000);
    expect(members.at(-1)).toEqual({ pods: 3, streams: 3, waiting: 0 });
    // Each batch is handed over in time order, and each pod's lines stay in their own order.
    for (const batch of batches) {
      const keys = lines(batch).map((line) => line.key);
      expect([...keys].sort()).toEqual(keys);
    }
    for (const pod of before) {
      const keys = lines(events)
        .filter((line) => line.container === pod)
        .map((line) => line.key);
      expect([...keys].sort()).toEqual(keys);
    }

    const victim = before[0] ?? '';
    await (await session.coreApi()).deleteNamespacedPod({ namespace: 'shop', name: victim, gracePeriodSeconds: 0 });
    await eventually(() => expect(events.some((event) => event.kind === 'marker' && event.text === workloadLeftMarker(victim))).toBe(true), 60_000);
    const joined = await eventually(() => {
      const newcomer = podsOf(owner).find((name) => !before.includes(name));
      expect(newcomer).toBeDefined();
      expect(events.some((event) => event.kind === 'marker' && event.text === workloadJoinedMarker(newcomer ?? ''))).toBe(true);
      expect(lines(events).some((line) => line.container === newcomer)).toBe(true);
      return newcomer ?? '';
    }, 60_000);
    const left = events.findIndex((event) => event.kind === 'marker' && event.text === workloadLeftMarker(victim));
    // Nothing of the deleted pod after its marker.
    expect(events.slice(left + 1).some((event) => event.kind === 'line' && event.container === victim)).toBe(false);
    expect(events.find((event) => event.kind === 'marker' && event.text === workloadJoinedMarker(joined))?.container).toBe(joined);
    await eventually(() => expect(members.at(-1)).toEqual({ pods: 3, streams: 3, waiting: 0 }));
  });

  it('holds back streams beyond the cap and says how many wait', async () => {
    const owner = ownerOf('frontend-');
    const members: WorkloadMembers[] = [];
    const events: LogEvent[] = [];
    handles.push(
      openWorkloadLogs(session.kubeConfig, session, store, { namespace: 'shop', owner, containers: 'default', tailLines: 1, maxStreams: 2 }, (batch) => events.push(...batch), (m) => members.push(m), {
        batchMs: 20,
      }),
    );
    expect(members[0]).toEqual({ pods: 3, streams: 2, waiting: 1 });
    await eventually(() => expect(new Set(lines(events).map((line) => line.container)).size).toBe(2), 30_000);
  });
});
