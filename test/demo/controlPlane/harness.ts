import type { JsonObject, StoreChange } from '../../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../../src/demo/clock.js';
import { applyPodDefaults, startControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../../src/demo/controlPlane/index.js';
import { labPods, statesPods } from '../../../src/demo/controlPlane/scenario/labPods.js';
import { ObjectStore } from '../../../src/demo/objectStore.js';

export const start = new Date('2026-11-23T09:00:00Z');

/** A control plane over a real ObjectStore, driven by a manual clock, recording every change. */
export interface Harness {
  clock: ManualClock;
  store: ObjectStore;
  plane: ControlPlane;
  changes: StoreChange[];
  pod(namespace: string, name: string): JsonObject | undefined;
  /** Creates one of the recorded lab/states manifests' pods as the API server would. */
  createManifestPod(namespace: string, name: string): JsonObject;
  /** Advances in steps until `condition` holds; fails after `limitMs` of simulated time. */
  advanceUntil(condition: () => boolean, limitMs: number, stepMs?: number): number;
  /** The API server's half of a graceful delete: deletionTimestamp and grace period set on the object. */
  requestDeletion(namespace: string, name: string, graceSeconds?: number): void;
  podChanges(namespace: string, name: string): StoreChange[];
  events(namespace: string, involvedName: string): JsonObject[];
  stop(): void;
}

export function createHarness(options: Partial<ControlPlaneOptions> = {}): Harness {
  const clock = manualClock(start);
  const store = new ObjectStore({ now: () => new Date(clock.now()) });
  const changes: StoreChange[] = [];
  store.onChange((change) => changes.push(change));
  const plane = startControlPlane(store, { seed: 7, clock, scenario: false, ...options });
  const harness: Harness = {
    clock,
    store,
    plane,
    changes,
    pod: (namespace, name) => store.get({ resource: 'pods', namespace, name }),
    createManifestPod(namespace, name) {
      const manifest = [...labPods, ...statesPods].find((pod) => {
        const metadata = pod['metadata'] as { namespace: string; name: string };
        return metadata.namespace === namespace && metadata.name === name;
      });
      if (manifest === undefined) throw new Error(`no manifest pod ${namespace}/${name}`);
      if (store.get({ resource: 'namespaces', name: namespace }) === undefined) store.create('namespaces', { metadata: { name: namespace } });
      return store.create('pods', applyPodDefaults(manifest));
    },
    advanceUntil(condition, limitMs, stepMs = 100) {
      const began = clock.now();
      while (!condition()) {
        if (clock.now() - began > limitMs) throw new Error(`condition not reached within ${limitMs} ms of simulated time`);
        clock.advance(stepMs);
      }
      return clock.now() - began;
    },
    requestDeletion(namespace, name, graceSeconds) {
      store.update({ resource: 'pods', namespace, name }, (pod) => {
        const metadata = pod['metadata'] as JsonObject;
        const spec = pod['spec'] as JsonObject;
        const grace = graceSeconds ?? (typeof spec['terminationGracePeriodSeconds'] === 'number' ? spec['terminationGracePeriodSeconds'] : 30);
        metadata['deletionTimestamp'] = new Date(clock.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        metadata['deletionGracePeriodSeconds'] = grace;
      });
    },
    podChanges: (namespace, name) =>
      changes.filter((change) => {
        const metadata = change.object['metadata'] as { namespace?: string; name?: string };
        return change.resource === 'pods' && metadata.namespace === namespace && metadata.name === name;
      }),
    events: (namespace, involvedName) =>
      store.list('events', namespace).filter((event) => (event['involvedObject'] as { name?: string }).name === involvedName),
    stop: () => plane.stop(),
  };
  return harness;
}

/** status.containerStatuses[name] (or initContainerStatuses with `init`). */
export function containerStatus(pod: JsonObject | undefined, name: string, list = 'containerStatuses'): Record<string, unknown> | undefined {
  const status = pod?.['status'] as Record<string, unknown> | undefined;
  const statuses = (status?.[list] ?? []) as Record<string, unknown>[];
  return statuses.find((candidate) => candidate['name'] === name);
}

export function stateOf(status: Record<string, unknown> | undefined): string {
  const state = (status?.['state'] ?? {}) as Record<string, Record<string, unknown>>;
  const [kind = 'none', detail = {}] = Object.entries(state)[0] ?? [];
  const reason = typeof detail['reason'] === 'string' ? `:${detail['reason']}` : '';
  return `${kind}${reason}`;
}

export function phaseOf(pod: JsonObject | undefined): string | undefined {
  return (pod?.['status'] as { phase?: string } | undefined)?.phase;
}

export function condition(pod: JsonObject | undefined, type: string): Record<string, unknown> | undefined {
  const conditions = ((pod?.['status'] as { conditions?: Record<string, unknown>[] } | undefined)?.conditions ?? []);
  return conditions.find((candidate) => candidate['type'] === type);
}

export function eventSummary(events: readonly JsonObject[]): string[] {
  return events.map((event) => `${String(event['type'])} ${String(event['reason'])}: ${String(event['message'])}`);
}
