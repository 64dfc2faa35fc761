import { describe, expect, it } from 'vitest';
import type { JsonObject, StoreChange } from '../../src/demo/apiTypes.js';
import { AlreadyExistsError, InvalidObjectError, ObjectStore } from '../../src/demo/objectStore.js';

const fixedNow = new Date('2026-11-23T09:09:50.517Z');

function newStore(historyLimit?: number): ObjectStore {
  return new ObjectStore({ now: () => fixedNow, historyLimit });
}

function pod(namespace: string, name: string, extra: JsonObject = {}): JsonObject {
  return { metadata: { name, namespace, labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'busybox' }] }, ...extra };
}

function metadata(object: JsonObject | undefined): JsonObject {
  const value = object?.['metadata'];
  if (typeof value !== 'object' || value === null) throw new Error('no metadata');
  return value as JsonObject;
}

describe('ObjectStore', () => {
  it('fills identity fields on create, in Kubernetes field order', () => {
    const store = newStore();
    const before = Number(store.resourceVersion());
    const created = store.create('pods', pod('lab', 'web'));
    expect(Object.keys(created)).toEqual(['kind', 'apiVersion', 'metadata', 'spec']);
    expect(created['kind']).toBe('Pod');
    expect(created['apiVersion']).toBe('v1');
    const meta = metadata(created);
    expect(Object.keys(meta)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels']);
    expect(meta['uid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meta['creationTimestamp']).toBe('2026-11-23T09:09:50Z');
    expect(Number(meta['resourceVersion'])).toBe(before + 1);
    expect(store.resourceVersion()).toBe(meta['resourceVersion']);
  });

  it('gives each object its own uid and a strictly increasing resourceVersion across resources', () => {
    const store = newStore();
    const a = store.create('namespaces', { metadata: { name: 'lab' } });
    const b = store.create('pods', pod('lab', 'a'));
    const c = store.create('events', { metadata: { name: 'a.1', namespace: 'lab' }, reason: 'Scheduled' });
    const versions = [a, b, c].map((o) => Number(metadata(o)['resourceVersion']));
    expect(versions[1]).toBeGreaterThan(versions[0] ?? Infinity);
    expect(versions[2]).toBeGreaterThan(versions[1] ?? Infinity);
    expect(new Set([a, b, c].map((o) => metadata(o)['uid'])).size).toBe(3);
    expect(metadata(a)['namespace']).toBeUndefined();
  });

  it('completes generateName with 5 characters from the Kubernetes alphabet', () => {
    const store = newStore();
    const names = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const created = store.create('pods', { metadata: { generateName: 'web-', namespace: 'lab' } });
      const name = String(metadata(created)['name']);
      expect(name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      names.add(name);
    }
    expect(names.size).toBe(50);
  });

  it('rejects a duplicate name and an object without name or namespace', () => {
    const store = newStore();
    store.create('pods', pod('lab', 'web'));
    expect(() => store.create('pods', pod('lab', 'web'))).toThrow(AlreadyExistsError);
    expect(() => store.create('pods', pod('other', 'web'))).not.toThrow();
    expect(() => store.create('pods', { metadata: { namespace: 'lab' } })).toThrow(InvalidObjectError);
    expect(() => store.create('pods', { metadata: { name: 'x' } })).toThrow(InvalidObjectError);
  });

  it('copies objects on the way in and out', () => {
    const store = newStore();
    const input = pod('lab', 'web');
    const created = store.create('pods', input);
    (metadata(input)['labels'] as JsonObject)['app'] = 'changed-input';
    (metadata(created)['labels'] as JsonObject)['app'] = 'changed-output';
    const fetched = store.get({ resource: 'pods', namespace: 'lab', name: 'web' });
    expect(metadata(fetched)['labels']).toEqual({ app: 'web' });
    (metadata(fetched)['labels'] as JsonObject)['app'] = 'changed-get';
    expect(metadata(store.list('pods')[0])['labels']).toEqual({ app: 'web' });
  });

  it('lists sorted by namespace and name, optionally in one namespace', () => {
    const store = newStore();
    store.create('pods', pod('lab', 'web'));
    store.create('pods', pod('states', 'a'));
    store.create('pods', pod('lab', 'crashy'));
    store.create('pods', pod('lab-2', 'x'));
    const names = (list: JsonObject[]): string[] => list.map((o) => `${String(metadata(o)['namespace'])}/${String(metadata(o)['name'])}`);
    expect(names(store.list('pods'))).toEqual(['lab-2/x', 'lab/crashy', 'lab/web', 'states/a'].sort());
    expect(names(store.list('pods', 'lab'))).toEqual(['lab/crashy', 'lab/web']);
    expect(store.list('pods', 'nothing')).toEqual([]);
  });

  it('updates through a copy, bumps the version, keeps identity fields, and skips no-op writes', () => {
    const store = newStore();
    const created = store.create('pods', pod('lab', 'web'));
    const key = { resource: 'pods', namespace: 'lab', name: 'web' } as const;
    const updated = store.update(key, (object) => {
      object['status'] = { phase: 'Running' };
      metadata(object)['uid'] = 'forged';
      metadata(object)['name'] = 'renamed';
    });
    expect(updated?.['status']).toEqual({ phase: 'Running' });
    expect(metadata(updated)['uid']).toBe(metadata(created)['uid']);
    expect(metadata(updated)['name']).toBe('web');
    expect(Number(metadata(updated)['resourceVersion'])).toBeGreaterThan(Number(metadata(created)['resourceVersion']));

    const versionBefore = store.resourceVersion();
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const same = store.update(key, (object) => {
      object['status'] = { phase: 'Running' };
    });
    expect(store.resourceVersion()).toBe(versionBefore);
    expect(metadata(same)['resourceVersion']).toBe(versionBefore);
    expect(changes).toEqual([]);
    expect(store.update({ resource: 'pods', namespace: 'lab', name: 'missing' }, () => undefined)).toBeUndefined();
  });

  it('removes an object and reports the deletion with a new resourceVersion', () => {
    const store = newStore();
    store.create('pods', pod('lab', 'web'));
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const removed = store.remove({ resource: 'pods', namespace: 'lab', name: 'web' });
    expect(metadata(removed)['resourceVersion']).toBe(store.resourceVersion());
    expect(store.get({ resource: 'pods', namespace: 'lab', name: 'web' })).toBeUndefined();
    expect(changes.map((c) => [c.type, c.resource, metadata(c.object)['resourceVersion']])).toEqual([['DELETED', 'pods', store.resourceVersion()]]);
    expect(store.remove({ resource: 'pods', namespace: 'lab', name: 'web' })).toBeUndefined();
  });

  it('delivers changes in order even when a listener writes from inside its callback', () => {
    const store = newStore();
    const seenByFirst: string[] = [];
    const seenBySecond: string[] = [];
    store.onChange((change) => {
      seenByFirst.push(`${change.type} ${String(metadata(change.object)['name'])}`);
      if (change.type === 'ADDED' && change.resource === 'pods') {
        store.create('events', { metadata: { name: `${String(metadata(change.object)['name'])}.1`, namespace: 'lab' } });
      }
    });
    store.onChange((change) => seenBySecond.push(`${change.type} ${String(metadata(change.object)['name'])}`));
    store.create('pods', pod('lab', 'web'));
    expect(seenByFirst).toEqual(['ADDED web', 'ADDED web.1']);
    expect(seenBySecond).toEqual(seenByFirst);
  });

  it('stops notifying after unsubscribe', () => {
    const store = newStore();
    const changes: StoreChange[] = [];
    const unsubscribe = store.onChange((change) => changes.push(change));
    store.create('pods', pod('lab', 'a'));
    unsubscribe();
    store.create('pods', pod('lab', 'b'));
    expect(changes).toHaveLength(1);
  });

  it('replays changes after a revision and reports expiry once the history window moved past it', () => {
    const store = newStore(3);
    const start = Number(store.resourceVersion());
    store.create('pods', pod('lab', 'a'));
    store.create('pods', pod('lab', 'b'));
    const replay = store.changesSince(start);
    expect(Array.isArray(replay) ? replay.map((c) => [c.type, c.revision]) : replay).toEqual([
      ['ADDED', start + 1],
      ['ADDED', start + 2],
    ]);
    store.update({ resource: 'pods', namespace: 'lab', name: 'a' }, (o) => {
      o['status'] = { phase: 'Running' };
    });
    store.remove({ resource: 'pods', namespace: 'lab', name: 'b' });
    expect(store.changesSince(start)).toEqual({ expired: true, oldestRevision: start + 2 });
    const recent = store.changesSince(start + 1);
    expect(Array.isArray(recent) ? recent.map((c) => c.type) : recent).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(store.changesSince(Number(store.resourceVersion()))).toEqual([]);
    expect(store.changesSince(Number(store.resourceVersion()) + 10)).toEqual([]);
  });
});

describe('ObjectStore.listAt', () => {
  it('rebuilds the list as it was at an earlier revision, or reports it expired', () => {
    const store = newStore(4);
    store.create('pods', pod('lab', 'a'));
    store.create('pods', pod('lab', 'b'));
    const revision = Number(store.resourceVersion());
    store.create('pods', pod('lab', 'c'));
    store.update({ resource: 'pods', namespace: 'lab', name: 'a' }, (o) => {
      o['status'] = { phase: 'Running' };
    });
    store.remove({ resource: 'pods', namespace: 'lab', name: 'b' });
    const then = store.listAt('pods', 'lab', revision);
    expect(Array.isArray(then) ? then.map((o) => [metadata(o)['name'], o['status']]) : then).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
    expect(store.listAt('pods', 'other', revision)).toEqual([]);
    store.create('pods', pod('lab', 'd'));
    expect(store.listAt('pods', 'lab', revision - 1)).toEqual({ expired: true, oldestRevision: expect.any(Number) });
  });
});
