import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { readFixtureText } from '../helpers/fixtures.js';
import { eventually, openWatch, pod, startTestServer, type OpenWatch, type TestServer, type WatchEvent } from './helpers.js';

let t: TestServer | undefined;
const watches: OpenWatch[] = [];

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  t = await startTestServer(options);
  return t;
}

afterEach(async () => {
  for (const watch of watches.splice(0)) watch.close();
  await t?.close();
  t = undefined;
});

async function watch(s: TestServer, path: string, options: Parameters<typeof openWatch>[2] = {}): Promise<OpenWatch> {
  const opened = await openWatch(s.server, path, options);
  watches.push(opened);
  return opened;
}

const summary = (events: WatchEvent[]): string[] =>
  events.map((event) => `${event.type} ${String((event.object['metadata'] as JsonObject | undefined)?.['name'] ?? '')}`.trim());

const recordedLines = (name: string): JsonObject[] =>
  readFixtureText(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JsonObject);

describe('watch', () => {
  it('starts with ADDED for the current objects when no resourceVersion is given, then streams changes', async () => {
    const s = await server();
    s.store.create('pods', pod('lab', 'web'));
    s.store.create('pods', pod('states', 'other'));
    const w = await watch(s, '/api/v1/namespaces/lab/pods?watch=1');
    expect(w.status).toBe(200);
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED web']));
    s.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (object) => {
      object['status'] = { phase: 'Running' };
    });
    s.store.create('pods', pod('states', 'ignored'));
    s.store.remove({ resource: 'pods', namespace: 'lab', name: 'web' });
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED web', 'MODIFIED web', 'DELETED web']));
    const deleted = w.events[2]?.object ?? {};
    expect(Object.keys(deleted).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
    expect((deleted['metadata'] as JsonObject)['resourceVersion']).toBe(s.store.resourceVersion());
  });

  it('replays the changes after a given resourceVersion', async () => {
    const s = await server();
    s.store.create('pods', pod('lab', 'a'));
    const from = s.store.resourceVersion();
    s.store.create('pods', pod('lab', 'b'));
    s.store.update({ resource: 'pods', namespace: 'lab', name: 'a' }, (object) => {
      object['status'] = { phase: 'Running' };
    });
    const w = await watch(s, `/api/v1/pods?watch=true&resourceVersion=${from}`);
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED b', 'MODIFIED a']));
  });

  it('sends one ERROR event with the 410 Expired Status for a compacted resourceVersion, then ends', async () => {
    const s = await server({ historyLimit: 2 });
    for (let i = 0; i < 4; i++) s.store.create('pods', pod('lab', `p${i}`));
    const w = await watch(s, '/api/v1/namespaces/lab/pods?watch=1&resourceVersion=1');
    await eventually(() => expect(w.ended).toBe(true));
    expect(w.status).toBe(200);
    const recorded = recordedLines('watch/lab-pods-watch-from-rv1.jsonl');
    expect(w.events).toHaveLength(1);
    expect(Object.keys(w.events[0] ?? {})).toEqual(Object.keys(recorded[0] ?? {}));
    expect(w.events[0]?.type).toBe('ERROR');
    const status = w.events[0]?.object ?? {};
    expect(Object.keys(status)).toEqual(Object.keys((recorded[0]?.['object'] as JsonObject) ?? {}));
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(status['message']).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('applies selectors to events: an object that stops matching is DELETED, one that starts matching is ADDED', async () => {
    const s = await server();
    s.store.create('pods', pod('lab', 'web', { labels: { app: 'web' } }));
    const w = await watch(s, `/api/v1/namespaces/lab/pods?watch=1&labelSelector=app%3Dweb&fieldSelector=${encodeURIComponent('status.phase!=Failed')}`);
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED web']));
    const relabel = (app: string): void => {
      s.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (object) => {
        (object['metadata'] as JsonObject)['labels'] = { app };
      });
    };
    relabel('other');
    relabel('web');
    s.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (object) => {
      object['status'] = { phase: 'Failed' };
    });
    s.store.create('pods', pod('lab', 'unrelated', { labels: { app: 'unrelated' } }));
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED web', 'DELETED web', 'ADDED web', 'DELETED web']));
    const removedByLabel = w.events[1]?.object ?? {};
    expect((removedByLabel['metadata'] as JsonObject)['labels']).toEqual({ app: 'web' });
  });

  it('sends BOOKMARK events shaped like the recording when allowed', async () => {
    const s = await server({ bookmarkIntervalMs: 50 });
    s.store.create('pods', pod('lab', 'web'));
    const w = await watch(s, '/api/v1/namespaces/lab/pods?watch=1&allowWatchBookmarks=true');
    await eventually(() => expect(w.events.some((event) => event.type === 'BOOKMARK')).toBe(true));
    const bookmark = w.events.find((event) => event.type === 'BOOKMARK');
    const recorded = recordedLines('watch/lab-pods-watch-8s.jsonl').find((line) => line['type'] === 'BOOKMARK') ?? {};
    const recordedObject = recorded['object'] as JsonObject;
    expect(bookmark?.object).toEqual({ ...recordedObject, metadata: { ...(recordedObject['metadata'] as JsonObject), resourceVersion: s.store.resourceVersion() } });
    const plain = await watch(s, '/api/v1/namespaces/lab/pods?watch=1');
    s.store.create('pods', pod('lab', 'later'));
    await eventually(() => expect(summary(plain.events)).toEqual(['ADDED web', 'ADDED later']));
  });

  it('ends the stream after timeoutSeconds', async () => {
    const s = await server();
    const w = await watch(s, '/api/v1/namespaces/lab/pods?watch=1&timeoutSeconds=1');
    await eventually(() => expect(w.ended).toBe(true));
    expect(s.server.openWatches).toBe(0);
  });

  it('ends every watch cleanly on close()', async () => {
    const s = await server();
    const a = await watch(s, '/api/v1/pods?watch=1');
    const b = await watch(s, '/api/v1/namespaces?watch=1');
    await eventually(() => expect(s.server.openWatches).toBe(2));
    await s.close();
    await eventually(() => expect(a.ended && b.ended).toBe(true));
  });

  it('watches events across namespaces with a field selector', async () => {
    const s = await server();
    const w = await watch(s, `/api/v1/events?watch=1&fieldSelector=${encodeURIComponent('involvedObject.name=web')}`);
    s.store.create('events', { metadata: { name: 'web.1', namespace: 'lab' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'lab' }, reason: 'Pulled' });
    s.store.create('events', { metadata: { name: 'db.1', namespace: 'lab' }, involvedObject: { kind: 'Pod', name: 'db', namespace: 'lab' }, reason: 'Pulled' });
    await eventually(() => expect(summary(w.events)).toEqual(['ADDED web.1']));
  });

  it('streams Tables with column definitions only in the first event, as kubectl get -w expects', async () => {
    const s = await server();
    s.store.create('pods', pod('lab', 'web'));
    const w = await watch(s, '/api/v1/namespaces/lab/pods?watch=1', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
    s.store.create('pods', pod('lab', 'db'));
    await eventually(() => expect(w.events).toHaveLength(2));
    const [first, second] = w.events.map((event) => event.object);
    expect(first?.['kind']).toBe('Table');
    expect((first?.['columnDefinitions'] as unknown[]).length).toBe(9);
    expect(second?.['columnDefinitions']).toBeNull();
    expect(((second?.['rows'] as JsonObject[])[0]?.['cells'] as string[])[0]).toBe('db');
    expect((second?.['metadata'] as JsonObject)['resourceVersion']).toBe(s.store.resourceVersion());
  });
});
