import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { manualClock } from '../../../src/demo/clock.js';
import { EventRecorder, type ObjectReference } from '../../../src/demo/controlPlane/eventRecorder.js';
import { seededRandom } from '../../../src/demo/controlPlane/random.js';
import { ObjectStore } from '../../../src/demo/objectStore.js';
import { readFixtureJson } from '../../helpers/fixtures.js';

const pod: ObjectReference = { kind: 'Pod', namespace: 'lab', name: 'crashy', uid: 'u-1', apiVersion: 'v1', resourceVersion: '12', fieldPath: 'spec.containers{crashy}' };

function setup(ttlMs?: number): { clock: ReturnType<typeof manualClock>; store: ObjectStore; recorder: EventRecorder } {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const store = new ObjectStore({ now: () => new Date(clock.now()) });
  return { clock, store, recorder: new EventRecorder(store, clock, seededRandom(1), ttlMs) };
}

/** Items of a recorded List carry no kind/apiVersion; the stored objects do. */
function keysOf(object: JsonObject): string[] {
  return Object.keys(object).filter((key) => key !== 'kind' && key !== 'apiVersion');
}

describe('EventRecorder.record (kubelet style)', () => {
  it('writes events shaped like the recorded kubelet events', () => {
    const { store, recorder } = setup();
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Normal', 'Pulled', 'Container image "busybox:latest" already present on machine');
    const [event] = store.list('events', 'lab');
    const recorded = readFixtureJson<{ items: JsonObject[] }>('events/lab-events.json').items.find(
      (item) => item['reason'] === 'Pulled' && (item['involvedObject'] as JsonObject)['name'] === 'crashy',
    );
    if (event === undefined || recorded === undefined) throw new Error('missing event');
    expect(keysOf(event)).toEqual(keysOf(recorded));
    expect(Object.keys(event['involvedObject'] as JsonObject)).toEqual(Object.keys(recorded['involvedObject'] as JsonObject));
    expect((event['metadata'] as JsonObject)['name']).toMatch(/^crashy\.[0-9a-f]{16}$/);
    expect(event).toMatchObject({ count: 1, type: 'Normal', source: { component: 'kubelet', host: 'node-a' }, eventTime: null, reportingComponent: '', reportingInstance: '' });
  });

  it('aggregates identical events: the count grows, lastTimestamp moves, firstTimestamp stays', () => {
    const { clock, store, recorder } = setup();
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    clock.advance(12_000);
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    clock.advance(30_000);
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Warning', 'BackOff', 'a different message');
    const events = store.list('events', 'lab');
    expect(events).toHaveLength(2);
    const backOff = events.find((event) => event['message'] === 'Back-off restarting failed container');
    expect(backOff).toMatchObject({ count: 3, firstTimestamp: '2026-11-23T09:00:00Z', lastTimestamp: '2026-11-23T09:00:42Z' });
  });

  it('lets events expire after the TTL since their last update', () => {
    const { clock, store, recorder } = setup(60_000);
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Normal', 'Started', 'Started container crashy');
    clock.advance(50_000);
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Normal', 'Started', 'Started container crashy');
    clock.advance(50_000);
    expect(store.list('events', 'lab')).toHaveLength(1);
    clock.advance(11_000);
    expect(store.list('events', 'lab')).toHaveLength(0);
    // After expiry an identical event starts a new object.
    recorder.record({ component: 'kubelet', host: 'node-a' }, pod, 'Normal', 'Started', 'Started container crashy');
    expect(store.list('events', 'lab')[0]).toMatchObject({ count: 1 });
  });
});

describe('EventRecorder.recordSeries (scheduler style)', () => {
  const schedulerEvent = {
    type: 'Warning' as const,
    reason: 'FailedScheduling',
    action: 'Scheduling',
    message: '0/3 nodes are available: 3 node(s) didn\'t match Pod\'s node affinity/selector.',
    reportingController: 'default-scheduler',
    reportingInstance: 'default-scheduler-control-plane',
  };
  const unsched: ObjectReference = { kind: 'Pod', namespace: 'states', name: 'unsched', uid: 'u-2', apiVersion: 'v1', resourceVersion: '5' };

  it('writes events.k8s.io-style events like the recorded scheduler ones, then a series on repetition', () => {
    const { clock, store, recorder } = setup();
    recorder.recordSeries(unsched, schedulerEvent);
    const recorded = readFixtureJson<{ items: JsonObject[] }>('events/states-events.json').items.find((item) => item['reason'] === 'FailedScheduling');
    const [first] = store.list('events', 'states');
    if (first === undefined || recorded === undefined) throw new Error('missing event');
    expect(keysOf(first)).toEqual(keysOf(recorded));
    expect(first).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, action: 'Scheduling', reportingComponent: 'default-scheduler' });
    expect(first['eventTime']).toMatch(/^2026-11-23T09:00:00\.\d{6}Z$/);
    expect(first['count']).toBeUndefined();

    clock.advance(5 * 60_000);
    recorder.recordSeries(unsched, schedulerEvent);
    clock.advance(60_000);
    recorder.recordSeries(unsched, schedulerEvent);
    const [series] = store.list('events', 'states');
    expect(store.list('events', 'states')).toHaveLength(1);
    // Only the start of a series is written at once; later repetitions wait for the 30-minute refresh.
    expect((series?.['series'] as JsonObject)['count']).toBe(2);
    expect((series?.['series'] as JsonObject)['lastObservedTime']).toMatch(/^2026-11-23T09:05:00\.\d{6}Z$/);
    clock.advance(30 * 60_000);
    expect((store.list('events', 'states')[0]?.['series'] as JsonObject)['count']).toBe(3);
  });
});
