import type { V1Pod } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { podColumns } from '../../src/model/podColumns.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { names, pod, request, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;

beforeEach(async () => {
  t = await startTestServer();
});

afterEach(async () => {
  await t.close();
});

const tableAccept = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' };

function seedPods(): void {
  t.store.create('pods', pod('lab', 'web', { labels: { app: 'web', tier: 'front' }, nodeName: 'vm', phase: 'Running' }));
  t.store.create('pods', pod('lab', 'crashy', { labels: { app: 'crashy' }, nodeName: 'vm', phase: 'Running' }));
  t.store.create('pods', pod('lab', 'badimage', { labels: { app: 'badimage', tier: 'back' }, nodeName: 'vm' }));
  t.store.create('pods', pod('states', 'unsched', { labels: { app: 'unsched' } }));
  t.store.create('pods', pod('states', 'done-ok', { labels: { app: 'done' }, nodeName: 'vm', phase: 'Succeeded' }));
}

describe('lists', () => {
  it('lists pods across namespaces in key order, items without kind/apiVersion like the recording', async () => {
    seedPods();
    const list = (await request(t.server, '/api/v1/pods')).json();
    const recorded = readFixtureJson<JsonObject>('pods/all-namespaces-list-limit3.json');
    expect(Object.keys(list)).toEqual(Object.keys(recorded));
    expect(list['kind']).toBe('PodList');
    expect(list['metadata']).toEqual({ resourceVersion: t.store.resourceVersion() });
    expect(names(list['items'])).toEqual(['badimage', 'crashy', 'web', 'done-ok', 'unsched']);
    const first = (list['items'] as JsonObject[])[0] ?? {};
    expect(Object.keys(first)).toEqual(['metadata', 'spec', 'status']);
    expect(names((await request(t.server, '/api/v1/namespaces/states/pods')).json()['items'])).toEqual(['done-ok', 'unsched']);
  });

  it('pages with limit and an opaque continue token shaped like kube-apiserver’s', async () => {
    seedPods();
    const page1 = (await request(t.server, '/api/v1/pods?limit=3')).json();
    const metadata = page1['metadata'] as JsonObject;
    expect(names(page1['items'])).toEqual(['badimage', 'crashy', 'web']);
    expect(metadata['remainingItemCount']).toBe(2);
    expect(JSON.parse(Buffer.from(String(metadata['continue']), 'base64url').toString())).toEqual({
      v: 'meta.k8s.io/v1',
      rv: Number(t.store.resourceVersion()),
      start: 'lab/web\u0000',
    });
    const page2 = (await request(t.server, `/api/v1/pods?limit=3&continue=${String(metadata['continue'])}`)).json();
    expect(names(page2['items'])).toEqual(['done-ok', 'unsched']);
    expect(page2['metadata']).toEqual({ resourceVersion: metadata['resourceVersion'] });
  });

  it('continues from a consistent snapshot even when objects change between pages', async () => {
    seedPods();
    const page1 = (await request(t.server, '/api/v1/pods?limit=2')).json();
    t.store.create('pods', pod('lab', 'zzz-new'));
    t.store.remove({ resource: 'pods', namespace: 'states', name: 'unsched' });
    t.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (object) => {
      (object['metadata'] as JsonObject)['labels'] = { app: 'changed' };
    });
    const token = String((page1['metadata'] as JsonObject)['continue']);
    const page2 = (await request(t.server, `/api/v1/pods?limit=10&continue=${token}`)).json();
    expect(names(page2['items'])).toEqual(['web', 'done-ok', 'unsched']);
    expect(((page2['items'] as JsonObject[])[0]?.['metadata'] as JsonObject)['labels']).toEqual({ app: 'web', tier: 'front' });
  });

  it('answers 410 for a continue token older than the history, and 400 for a garbled one', async () => {
    await t.close();
    t = await startTestServer({ historyLimit: 2 });
    seedPods();
    const page1 = (await request(t.server, '/api/v1/pods?limit=2')).json();
    for (let i = 0; i < 3; i++) t.store.create('pods', pod('lab', `more-${i}`));
    const expired = await request(t.server, `/api/v1/pods?limit=2&continue=${String((page1['metadata'] as JsonObject)['continue'])}`);
    expect(expired.status).toBe(410);
    expect(expired.json()).toMatchObject({ reason: 'Expired', code: 410 });
    expect((await request(t.server, '/api/v1/pods?continue=garbage')).status).toBe(400);
  });

  it('filters with label selectors (=, ==, !=, in, notin, exists, !key) and omits remainingItemCount then', async () => {
    seedPods();
    const select = async (selector: string): Promise<string[]> =>
      names((await request(t.server, `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`)).json()['items']);
    expect(await select('app=web')).toEqual(['web']);
    expect(await select('app==crashy')).toEqual(['crashy']);
    expect(await select('app!=web')).toEqual(['badimage', 'crashy', 'done-ok', 'unsched']);
    expect(await select('app in (web, crashy)')).toEqual(['crashy', 'web']);
    expect(await select('app notin (web,crashy)')).toEqual(['badimage', 'done-ok', 'unsched']);
    expect(await select('tier')).toEqual(['badimage', 'web']);
    expect(await select('!tier')).toEqual(['crashy', 'done-ok', 'unsched']);
    expect(await select('tier,app!=web')).toEqual(['badimage']);
    const paged = (await request(t.server, '/api/v1/pods?limit=1&labelSelector=tier')).json();
    expect(names(paged['items'])).toEqual(['badimage']);
    expect((paged['metadata'] as JsonObject)['continue']).toBeDefined();
    expect((paged['metadata'] as JsonObject)['remainingItemCount']).toBeUndefined();
  });

  it('filters pods by field selectors on name, namespace, node and phase', async () => {
    seedPods();
    const select = async (selector: string): Promise<string[]> =>
      names((await request(t.server, `/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}`)).json()['items']);
    expect(await select('metadata.name=web')).toEqual(['web']);
    expect(await select('metadata.namespace==states')).toEqual(['done-ok', 'unsched']);
    expect(await select('spec.nodeName=')).toEqual(['unsched']);
    expect(await select('spec.nodeName=vm,status.phase!=Running')).toEqual(['badimage', 'done-ok']);
    expect(await select('status.phase=Succeeded')).toEqual(['done-ok']);
  });

  it('filters events by involvedObject fields as kubectl and podscope ask', async () => {
    for (const event of readFixtureJson<{ items: JsonObject[] }>('events/lab-events.json').items) t.store.create('events', event);
    const path = `/api/v1/namespaces/lab/events?fieldSelector=${encodeURIComponent('involvedObject.name=crashy,involvedObject.namespace=lab')}`;
    const list = (await request(t.server, path)).json();
    expect(list['kind']).toBe('EventList');
    const recorded = readFixtureJson<{ items: JsonObject[] }>('events/crashy-by-field.json');
    expect(names(list['items'])).toEqual(names(recorded.items));
    const warnings = (await request(t.server, `/api/v1/events?fieldSelector=${encodeURIComponent('type=Warning,reason=BackOff')}`)).json();
    expect((warnings['items'] as JsonObject[]).every((event) => event['type'] === 'Warning' && event['reason'] === 'BackOff')).toBe(true);
    expect((warnings['items'] as JsonObject[]).length).toBeGreaterThan(0);
  });

  it('gets one namespace and lists namespaces', async () => {
    const one = (await request(t.server, '/api/v1/namespaces/lab')).json();
    expect(one).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'lab' }, status: { phase: 'Active' } });
    const list = (await request(t.server, '/api/v1/namespaces')).json();
    expect(list['kind']).toBe('NamespaceList');
    expect(names(list['items'])).toEqual(['default', 'lab', 'states']);
  });
});

describe('server-side Tables', () => {
  it('prints pods with the recorded column definitions and podColumns cells, objects as PartialObjectMetadata', async () => {
    seedPods();
    const response = await request(t.server, '/api/v1/namespaces/lab/pods', { headers: tableAccept });
    expect(response.headers['content-type']).toBe('application/json');
    const table = response.json();
    const recorded = readFixtureJson<JsonObject>('table/lab-pods-table.json');
    expect(Object.keys(table)).toEqual(Object.keys(recorded));
    expect(table['columnDefinitions']).toEqual(recorded['columnDefinitions']);
    expect(table['metadata']).toEqual({ resourceVersion: t.store.resourceVersion() });
    const rows = table['rows'] as JsonObject[];
    const pods = t.store.list('pods', 'lab');
    expect(rows.map((row) => row['cells'])).toEqual(
      pods.map((p) => {
        const c = podColumns(p as unknown as V1Pod, t.now.value);
        return [c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node, c.nominatedNode, c.readinessGates];
      }),
    );
    expect(rows[0]?.['object']).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pods[0]?.['metadata'] });
  });

  it('includes the whole object or none on request, and marks finished pods Completed', async () => {
    seedPods();
    const full = (await request(t.server, '/api/v1/namespaces/states/pods?includeObject=Object', { headers: tableAccept })).json();
    const rows = full['rows'] as JsonObject[];
    expect(rows[0]?.['object']).toEqual(t.store.get({ resource: 'pods', namespace: 'states', name: 'done-ok' }));
    expect(Object.keys(rows[0] ?? {})).toEqual(['cells', 'conditions', 'object']);
    const recordedDone = (readFixtureJson<{ rows: JsonObject[] }>('table/states-pods-table.json').rows).find((row) => (row['cells'] as string[])[0] === 'done-ok');
    expect(rows[0]?.['conditions']).toEqual(recordedDone?.['conditions']);
    expect(Object.keys(rows[1] ?? {})).toEqual(['cells', 'object']);
    const none = (await request(t.server, '/api/v1/namespaces/states/pods?includeObject=None', { headers: tableAccept })).json();
    expect((none['rows'] as JsonObject[]).every((row) => row['object'] === null)).toBe(true);
  });

  it('prints one pod as a one-row Table and paginates Tables like lists', async () => {
    seedPods();
    const one = (await request(t.server, '/api/v1/namespaces/lab/pods/web', { headers: tableAccept })).json();
    expect((one['rows'] as JsonObject[]).map((row) => (row['cells'] as string[])[0])).toEqual(['web']);
    const page = (await request(t.server, '/api/v1/pods?limit=2', { headers: tableAccept })).json();
    expect((page['rows'] as JsonObject[]).length).toBe(2);
    expect((page['metadata'] as JsonObject)['continue']).toEqual(expect.any(String));
    expect((page['metadata'] as JsonObject)['remainingItemCount']).toBe(3);
  });

  it('prints events and namespaces with the recorded columns and cells', async () => {
    for (const event of readFixtureJson<{ items: JsonObject[] }>('events/lab-events.json').items) t.store.create('events', event);
    const events = (await request(t.server, '/api/v1/namespaces/lab/events', { headers: tableAccept })).json();
    const recordedEvents = readFixtureJson<JsonObject>('table/lab-events-table.json');
    expect(events['columnDefinitions']).toEqual(recordedEvents['columnDefinitions']);
    // The store sorts by name as etcd does; the recorded cells were taken at this server's `now`.
    const recordedCells = new Map((recordedEvents['rows'] as JsonObject[]).map((row) => [(row['cells'] as unknown[])[9], row['cells']]));
    for (const row of events['rows'] as JsonObject[]) {
      const cells = row['cells'] as unknown[];
      expect(cells).toEqual(recordedCells.get(cells[9]));
    }

    const namespaces = (await request(t.server, '/api/v1/namespaces', { headers: tableAccept })).json();
    const recordedNamespaces = readFixtureJson<JsonObject>('table/namespaces-table.json');
    expect(namespaces['columnDefinitions']).toEqual(recordedNamespaces['columnDefinitions']);
    expect((namespaces['rows'] as JsonObject[])[0]?.['cells']).toEqual(['default', 'Active', '0s']);
  });
});
