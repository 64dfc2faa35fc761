import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/demo/clock.js';
import { startDemoCluster } from '../../src/demo/index.js';
import { eventually, openWatch, request } from './helpers.js';

interface PodMetricsList {
  items: Array<{ metadata: { namespace: string; name: string }; containers: Array<{ name: string; usage: { cpu: string; memory: string } }> }>;
}

const usageOf = (list: PodMetricsList): string[] => list.items.map((item) => `${item.metadata.namespace}/${item.metadata.name} ${JSON.stringify(item.containers)}`);

describe('the still demo cluster (stillAfterMs)', () => {
  it('simulates until the given instant, then no object changes: watches get only bookmarks, usage stands', async () => {
    const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
    const cluster = await startDemoCluster({ clock, scalePods: 500, churn: 50, stillAfterMs: 120_000, bookmarkIntervalMs: 20 });
    try {
      const seeded = Number(cluster.store.resourceVersion());
      let stilled = false;
      void cluster.still?.then(() => (stilled = true));
      for (let ms = 0; ms < 120_000; ms += 500) clock.advance(500);
      await cluster.still;
      expect(stilled).toBe(true);
      // Before it stood still the simulation ran: pods scheduled, containers started and crashed, churn.
      const frozenAt = cluster.store.resourceVersion();
      expect(Number(frozenAt)).toBeGreaterThan(seeded + 100);
      const usageBefore = usageOf((await request(cluster.server, '/apis/metrics.k8s.io/v1beta1/pods', { token: cluster.token })).json() as unknown as PodMetricsList);
      expect(usageBefore.length).toBeGreaterThan(0);
      // metrics-server reports the fleet's running pods too (no simulated kubelet runs them).
      const fleet = new Set(cluster.scale?.fleet.namespaces);
      expect(usageBefore.filter((line) => fleet.has(line.split('/')[0] ?? '')).length).toBeGreaterThan(400);

      const watch = await openWatch(cluster.server, `/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${frozenAt}`, { token: cluster.token });
      try {
        // An hour of the cluster's clock: crash loops, back-offs, churn and event expiry would all have acted.
        for (let ms = 0; ms < 3_600_000; ms += 1_000) clock.advance(1_000);
        await eventually(() => expect(watch.events.filter((event) => event.type === 'BOOKMARK').length).toBeGreaterThanOrEqual(3));
        expect(watch.events.filter((event) => event.type !== 'BOOKMARK')).toEqual([]);
        expect(watch.ended).toBe(false);
      } finally {
        watch.close();
      }
      expect(cluster.store.resourceVersion()).toBe(frozenAt);
      const usageAfter = usageOf((await request(cluster.server, '/apis/metrics.k8s.io/v1beta1/pods', { token: cluster.token })).json() as unknown as PodMetricsList);
      expect(usageAfter).toEqual(usageBefore);
      expect(clock.pendingTimers()).toBe(0);
    } finally {
      await cluster.close();
    }
  }, 60_000);

  it('without stillAfterMs the cluster keeps moving', async () => {
    const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
    const cluster = await startDemoCluster({ clock });
    try {
      expect(cluster.still).toBeUndefined();
      for (let ms = 0; ms < 120_000; ms += 500) clock.advance(500);
      const at = cluster.store.resourceVersion();
      for (let ms = 0; ms < 600_000; ms += 1_000) clock.advance(1_000);
      expect(Number(cluster.store.resourceVersion())).toBeGreaterThan(Number(at));
    } finally {
      await cluster.close();
    }
  }, 60_000);
});
