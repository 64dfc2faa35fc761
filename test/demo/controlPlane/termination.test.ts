import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { applyPodDefaults } from '../../../src/demo/controlPlane/index.js';
import { condition, containerStatus, createHarness, eventSummary, type Harness } from './harness.js';

let harness: Harness;
afterEach(() => harness.stop());

function isReady(pod: JsonObject | undefined): boolean {
  return condition(pod, 'Ready')?.['status'] === 'True';
}

describe('graceful deletion', () => {
  it('a shell that ignores SIGTERM is killed at the end of the grace period (137), then the pod is removed', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'web');
    harness.advanceUntil(() => isReady(harness.pod('lab', 'web')), 5_000);
    harness.requestDeletion('lab', 'web');
    harness.clock.advance(1_500);
    expect(harness.pod('lab', 'web')).toBeDefined();
    expect(eventSummary(harness.events('lab', 'web')).at(-1)).toBe('Normal Killing: Stopping container web');
    expect(harness.events('lab', 'web').at(-1)?.['involvedObject']).toMatchObject({ fieldPath: 'spec.containers{web}' });
    harness.advanceUntil(() => harness.pod('lab', 'web') === undefined, 5_000);
    const changes = harness.podChanges('lab', 'web');
    expect(changes.at(-1)?.type).toBe('DELETED');
    const lastUpdate = changes.at(-2)?.object;
    expect(containerStatus(lastUpdate, 'web')).toMatchObject({ state: { terminated: { exitCode: 137, reason: 'Error' } }, ready: false });
    expect(harness.plane.logs.read('lab', 'web', 'web')).toBeUndefined();
  });

  it('a container that handles SIGTERM stops at once and the pod goes away before its grace period', () => {
    harness = createHarness();
    harness.store.create('namespaces', { metadata: { name: 'default' } });
    harness.store.create('pods', applyPodDefaults({ metadata: { name: 'nginx', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } }));
    harness.advanceUntil(() => isReady(harness.pod('default', 'nginx')), 10_000);
    harness.requestDeletion('default', 'nginx');
    const took = harness.advanceUntil(() => harness.pod('default', 'nginx') === undefined, 30_000);
    expect(took).toBeLessThan(2_000);
    const lastUpdate = harness.podChanges('default', 'nginx').at(-2)?.object;
    expect(containerStatus(lastUpdate, 'nginx')).toMatchObject({ state: { terminated: { exitCode: 0, reason: 'Completed' } } });
  });

  it('slowstop traps TERM: it stays Terminating for its 900 s grace period', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'slowstop');
    harness.advanceUntil(() => isReady(harness.pod('states', 'slowstop')), 5_000);
    harness.requestDeletion('states', 'slowstop');
    harness.clock.advance(899_000);
    const terminating = harness.pod('states', 'slowstop');
    expect((terminating?.['metadata'] as JsonObject)['deletionGracePeriodSeconds']).toBe(900);
    expect(containerStatus(terminating, 'app')).toMatchObject({ state: { running: {} } });
    harness.advanceUntil(() => harness.pod('states', 'slowstop') === undefined, 5_000);
    expect(eventSummary(harness.events('states', 'slowstop')).at(-1)).toBe('Normal Killing: Stopping container app');
  });

  it('a pod that never started a container is removed at once', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'badimage');
    harness.clock.advance(3_000);
    harness.requestDeletion('lab', 'badimage');
    harness.advanceUntil(() => harness.pod('lab', 'badimage') === undefined, 2_000);
  });
});

describe('the ReplicaSet controller', () => {
  it('replaces a deleted pod with one under a new name and a new IP', () => {
    harness = createHarness({ scenario: true });
    const frontends = (): JsonObject[] => harness.store.list('pods', 'shop').filter((pod) => String((pod['metadata'] as JsonObject)['name']).startsWith('frontend-'));
    harness.advanceUntil(() => frontends().length === 3 && frontends().every(isReady), 20_000);
    const names = frontends().map((pod) => String((pod['metadata'] as JsonObject)['name']));
    for (const name of names) expect(name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const victim = frontends()[0] as JsonObject;
    const victimName = String((victim['metadata'] as JsonObject)['name']);
    const victimIp = String((victim['status'] as JsonObject)['podIP']);
    expect(victim['metadata']).toMatchObject({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', controller: true, blockOwnerDeletion: true }] });
    harness.requestDeletion('shop', victimName);
    harness.advanceUntil(() => harness.pod('shop', victimName) === undefined && frontends().length === 3 && frontends().every(isReady), 30_000);
    const replacement = frontends().find((pod) => !names.includes(String((pod['metadata'] as JsonObject)['name'])));
    expect(replacement).toBeDefined();
    expect((replacement?.['status'] as JsonObject)['podIP']).not.toBe(victimIp);
    expect((replacement?.['metadata'] as JsonObject)['labels']).toEqual((victim['metadata'] as JsonObject)['labels']);
    const replicaSet = String(((victim['metadata'] as JsonObject)['ownerReferences'] as JsonObject[])[0]?.['name']);
    const created = eventSummary(harness.events('shop', replicaSet));
    expect(created).toContain(`Normal SuccessfulCreate: Created pod: ${String((replacement?.['metadata'] as JsonObject)['name'])}`);
  });
});
