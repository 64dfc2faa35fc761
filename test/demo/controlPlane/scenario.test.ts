import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { scenarioNamespaces } from '../../../src/demo/controlPlane/scenario.js';
import { readFixtureJson } from '../../helpers/fixtures.js';
import { createHarness, phaseOf, type Harness } from './harness.js';

const harnesses: Harness[] = [];
afterEach(() => {
  for (const harness of harnesses.splice(0)) harness.stop();
});

function scenario(seed: number): Harness {
  const harness = createHarness({ scenario: true, seed });
  harnesses.push(harness);
  return harness;
}

function nameOf(object: JsonObject): string {
  const metadata = object['metadata'] as { namespace?: string; name?: string };
  return `${metadata.namespace ?? ''}/${metadata.name ?? ''}`;
}

/** The structure of a value: keys (in order) and value types, not the values themselves. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([key, item]) => [key, shape(item)]);
  return value === null ? 'null' : typeof value;
}

describe('the seeded scenario', () => {
  it('creates the namespaces and settles within a few seconds, crash loops and all', () => {
    const harness = scenario(1);
    expect(harness.store.list('namespaces').map((namespace) => (namespace['metadata'] as { name: string }).name).sort()).toEqual([...scenarioNamespaces].sort());
    harness.clock.advance(5_000);
    const pods = harness.store.list('pods');
    expect(pods.length).toBeGreaterThan(30);
    const running = pods.filter((pod) => phaseOf(pod) === 'Running').length;
    expect(running / pods.length).toBeGreaterThan(0.65);
    const byNode = new Map<string, number>();
    for (const pod of pods) {
      const node = String((pod['spec'] as JsonObject)['nodeName'] ?? 'none');
      byNode.set(node, (byNode.get(node) ?? 0) + 1);
    }
    expect([...byNode.keys()].sort()).toEqual(['node-a', 'node-b', 'node-c', 'none']);
    expect(byNode.get('none')).toBe(1);
  });

  it('reproduces the same names, nodes, IPs and logs from the same seed, and others from another seed', () => {
    const snapshot = (harness: Harness): string[] => {
      harness.clock.advance(30_000);
      return harness.store.list('pods').map((pod) => {
        const status = pod['status'] as JsonObject;
        // uids come from the object store (random, as real ones are); everything else follows the seed.
        const containers = String(JSON.stringify(status['containerStatuses'] ?? null)).replace(/\([0-9a-f-]{36}\)/g, '(uid)');
        return `${nameOf(pod)} ${String((pod['spec'] as JsonObject)['nodeName'])} ${String(status['podIP'])} ${containers}`;
      });
    };
    const first = snapshot(scenario(42));
    const again = snapshot(scenario(42));
    const other = snapshot(scenario(43));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const logsOf = (harness: Harness | undefined): unknown => harness?.plane.logs.read('lab', 'duo', 'alpha');
    expect(logsOf(harnesses[1])).toEqual(logsOf(harnesses[0]));
  });

  it('completes the migration Job and fails the nightly report Job after its back-off limit', () => {
    const harness = scenario(3);
    harness.clock.advance(60_000);
    const shopPods = harness.store.list('pods', 'shop');
    const migrate = shopPods.filter((pod) => nameOf(pod).startsWith('shop/db-migrate-'));
    expect(migrate.map(phaseOf)).toEqual(['Succeeded']);
    const reports = shopPods.filter((pod) => nameOf(pod).startsWith('shop/nightly-report-'));
    expect(reports.map(phaseOf)).toEqual(['Failed', 'Failed']);
    const jobEvents = harness.store.list('events', 'shop').filter((event) => (event['involvedObject'] as JsonObject)['kind'] === 'Job');
    expect(jobEvents.map((event) => event['reason'])).toEqual(expect.arrayContaining(['SuccessfulCreate', 'Completed', 'BackoffLimitExceeded']));
    const payments = shopPods.find((pod) => nameOf(pod).startsWith('shop/payments-'));
    const waiting = ((payments?.['status'] as { containerStatuses: { state: { waiting?: { reason: string } } }[] }).containerStatuses[0]?.state.waiting);
    expect(waiting?.reason).toBe('ImagePullBackOff');
  });

  it('gives every recorded lab/states pod a status shaped exactly like the recording at some point', () => {
    const harness = scenario(5);
    harness.clock.advance(400_000);
    const recordedNames = ['lab-badimage', 'lab-badpull', 'lab-crashy', 'lab-duo', 'lab-initwait', 'lab-web', 'states-done-err', 'states-done-ok', 'states-flaky-once', 'states-initfail', 'states-noshell', 'states-notready', 'states-oom', 'states-slowstop', 'states-unsched'];
    // The recorded cluster's node rebooted once, which left a lastState on pods that never crashed.
    const rebooted = new Set(['lab-web', 'lab-duo', 'lab-initwait']);
    const comparable = (status: JsonObject, file: string): unknown => {
      const copy = structuredClone(status);
      delete copy['ephemeralContainerStatuses'];
      if (rebooted.has(file)) {
        for (const list of ['containerStatuses', 'initContainerStatuses']) {
          for (const container of (copy[list] ?? []) as JsonObject[]) container['lastState'] = {};
        }
      }
      return shape(copy);
    };
    for (const file of recordedNames) {
      const recorded = readFixtureJson<JsonObject>(`pods/${file}.json`);
      const target = comparable(recorded['status'] as JsonObject, file);
      const key = nameOf(recorded);
      const seen = harness.changes
        .filter((change) => change.resource === 'pods' && nameOf(change.object) === key)
        .map((change) => comparable(change.object['status'] as JsonObject, file));
      expect(seen, `${key} never had the recorded status shape`).toContainEqual(target);
    }
  });
});

describe('stopping the control plane', () => {
  it('cancels every timer and writes nothing more', () => {
    const harness = createHarness({ scenario: true, seed: 9 });
    harness.clock.advance(20_000);
    harness.stop();
    expect(harness.clock.pendingTimers()).toBe(0);
    const before = harness.changes.length;
    harness.clock.advance(600_000);
    expect(harness.changes).toHaveLength(before);
  });
});
