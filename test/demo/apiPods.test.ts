import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { pod, request, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;

beforeEach(async () => {
  t = await startTestServer();
});

afterEach(async () => {
  await t.close();
});

const key = (name: string) => ({ resource: 'pods', namespace: 'lab', name }) as const;
const metadataOf = (object: JsonObject | undefined): JsonObject => (object?.['metadata'] ?? {}) as JsonObject;

describe('creating pods', () => {
  it('answers 201 with the pod as a real server defaults it (field order as recorded)', async () => {
    const response = await request(t.server, '/api/v1/namespaces/lab/pods', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'busybox:latest' }] } },
    });
    expect(response.status).toBe(201);
    const created = response.json();
    const recorded = readFixtureJson<JsonObject>('pods/lab-web.json');
    expect(Object.keys(created)).toEqual(Object.keys(recorded));
    expect(Object.keys(metadataOf(created))).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels']);
    const spec = created['spec'] as JsonObject;
    const recordedSpec = recorded['spec'] as JsonObject;
    const expectedSpecKeys = Object.keys(recordedSpec).filter((k) => k !== 'ephemeralContainers' && k !== 'nodeName');
    expect(Object.keys(spec)).toEqual(expectedSpecKeys);
    expect(spec['tolerations']).toEqual(recordedSpec['tolerations']);
    const container = (spec['containers'] as JsonObject[])[0] ?? {};
    expect(Object.keys(container)).toEqual(['name', 'image', 'resources', 'volumeMounts', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy']);
    expect(container['imagePullPolicy']).toBe('Always');
    expect(created['status']).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(t.store.get(key('web'))).toEqual(created);
  });

  it('completes generateName, and rejects duplicates (409), missing namespaces (404) and invalid pods (422)', async () => {
    const generated = await request(t.server, '/api/v1/namespaces/lab/pods', { method: 'POST', body: { metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } });
    expect(generated.status).toBe(201);
    expect(metadataOf(generated.json())['name']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

    const body = { metadata: { name: 'dup' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } };
    expect((await request(t.server, '/api/v1/namespaces/lab/pods', { method: 'POST', body })).status).toBe(201);
    const duplicate = await request(t.server, '/api/v1/namespaces/lab/pods', { method: 'POST', body });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "dup" already exists',
      reason: 'AlreadyExists',
      details: { name: 'dup', kind: 'pods' },
      code: 409,
    });

    const noNamespace = await request(t.server, '/api/v1/namespaces/nowhere/pods', { method: 'POST', body });
    expect(noNamespace.status).toBe(404);
    expect(noNamespace.json()['message']).toBe('namespaces "nowhere" not found');

    const invalid = await request(t.server, '/api/v1/namespaces/lab/pods', { method: 'POST', body: { metadata: { name: 'bad' }, spec: { containers: [] } } });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({ reason: 'Invalid', message: 'Pod "bad" is invalid: spec.containers: Required value' });
  });
});

describe('deleting pods', () => {
  it('marks a scheduled running pod Terminating with the pod’s grace period, and keeps it', async () => {
    t.store.create('pods', pod('lab', 'web', { nodeName: 'vm', phase: 'Running', grace: 2 }));
    const response = await request(t.server, '/api/v1/namespaces/lab/pods/web', { method: 'DELETE', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body['kind']).toBe('Pod');
    expect(metadataOf(body)['deletionTimestamp']).toBe('2026-11-23T09:16:15Z');
    expect(metadataOf(body)['deletionGracePeriodSeconds']).toBe(2);
    expect(t.store.get(key('web'))).toEqual(body);
  });

  it('takes the grace period from the query or the DeleteOptions body, defaulting to 30 s', async () => {
    t.store.create('pods', pod('lab', 'a', { nodeName: 'vm', phase: 'Running' }));
    t.store.create('pods', pod('lab', 'b', { nodeName: 'vm', phase: 'Running' }));
    t.store.create('pods', pod('lab', 'c', { nodeName: 'vm', phase: 'Running' }));
    await request(t.server, '/api/v1/namespaces/lab/pods/a', { method: 'DELETE' });
    await request(t.server, '/api/v1/namespaces/lab/pods/b?gracePeriodSeconds=5', { method: 'DELETE' });
    await request(t.server, '/api/v1/namespaces/lab/pods/c', { method: 'DELETE', body: { gracePeriodSeconds: 7 } });
    expect(metadataOf(t.store.get(key('a')))['deletionGracePeriodSeconds']).toBe(30);
    expect(metadataOf(t.store.get(key('b')))['deletionGracePeriodSeconds']).toBe(5);
    expect(metadataOf(t.store.get(key('c')))['deletionGracePeriodSeconds']).toBe(7);
    // A second delete can shorten the grace period but never extend it.
    await request(t.server, '/api/v1/namespaces/lab/pods/b?gracePeriodSeconds=60', { method: 'DELETE' });
    expect(metadataOf(t.store.get(key('b')))['deletionGracePeriodSeconds']).toBe(5);
    await request(t.server, '/api/v1/namespaces/lab/pods/b?gracePeriodSeconds=1', { method: 'DELETE' });
    expect(metadataOf(t.store.get(key('b')))['deletionGracePeriodSeconds']).toBe(1);
  });

  it.each([
    ['an unscheduled pod', pod('lab', 'x'), ''],
    ['a Succeeded pod', pod('lab', 'x', { nodeName: 'vm', phase: 'Succeeded' }), ''],
    ['a Failed pod', pod('lab', 'x', { nodeName: 'vm', phase: 'Failed' }), ''],
    ['grace 0', pod('lab', 'x', { nodeName: 'vm', phase: 'Running' }), '?gracePeriodSeconds=0'],
  ])('removes %s at once and answers with it', async (_case, manifest, query) => {
    const created = t.store.create('pods', manifest);
    const response = await request(t.server, `/api/v1/namespaces/lab/pods/x${query}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(metadataOf(response.json())['uid']).toBe(metadataOf(created)['uid']);
    expect(t.store.get(key('x'))).toBeUndefined();
  });

  it('answers 404 for a missing pod and 409 when a precondition fails', async () => {
    expect((await request(t.server, '/api/v1/namespaces/lab/pods/nosuchpod', { method: 'DELETE' })).json()).toEqual(readFixtureJson('errors/nosuchpod.json'));
    t.store.create('pods', pod('lab', 'web'));
    const conflict = await request(t.server, '/api/v1/namespaces/lab/pods/web', { method: 'DELETE', body: { preconditions: { uid: 'other' } } });
    expect(conflict.status).toBe(409);
    expect(conflict.json()['reason']).toBe('Conflict');
    expect(t.store.get(key('web'))).toBeDefined();
  });
});

describe('patching pods', () => {
  it('merges labels with a merge patch and containers by name with a strategic merge patch', async () => {
    t.store.create('pods', pod('lab', 'web'));
    const merge = await request(t.server, '/api/v1/namespaces/lab/pods/web', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: { metadata: { labels: { app: null, tier: 'front' } } },
    });
    expect(merge.status).toBe(200);
    expect(metadataOf(merge.json())['labels']).toEqual({ tier: 'front' });
    const strategic = await request(t.server, '/api/v1/namespaces/lab/pods/web', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: { spec: { containers: [{ name: 'main', image: 'busybox:1.37' }] } },
    });
    expect(strategic.status).toBe(200);
    expect(((strategic.json()['spec'] as JsonObject)['containers'] as JsonObject[]).map((c) => [c['name'], c['image']])).toEqual([['main', 'busybox:1.37']]);
  });

  it('refuses immutable spec changes (422) and unsupported patch types (415)', async () => {
    t.store.create('pods', pod('lab', 'web'));
    const forbidden = await request(t.server, '/api/v1/namespaces/lab/pods/web', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: { spec: { nodeName: 'elsewhere' } },
    });
    expect(forbidden.status).toBe(422);
    expect(String(forbidden.json()['message'])).toContain('pod updates may not change fields other than');
    const jsonPatch = await request(t.server, '/api/v1/namespaces/lab/pods/web', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'add', path: '/metadata/labels/x', value: 'y' }],
    });
    expect(jsonPatch.status).toBe(415);
    expect(jsonPatch.json()).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
  });
});
