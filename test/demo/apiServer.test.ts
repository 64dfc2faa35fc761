import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { janeToken, openWatch, pod, request, startTestServer, eventually, type TestServer } from './helpers.js';

let t: TestServer;

beforeEach(async () => {
  t = await startTestServer();
});

afterEach(async () => {
  await t.close();
});

describe('discovery', () => {
  it('answers /version, /api and /apis like kube-apiserver 1.24, with application/json', async () => {
    const version = await request(t.server, '/version', { token: null });
    expect(version.status).toBe(200);
    expect(version.headers['content-type']).toBe('application/json');
    const recordedVersion = readFixtureJson<JsonObject>('discovery/version.json');
    expect(Object.keys(version.json())).toEqual(Object.keys(recordedVersion));
    expect(version.json()).toMatchObject({ major: '1', minor: '24' });

    const api = (await request(t.server, '/api')).json();
    expect(api).toEqual({ ...readFixtureJson<JsonObject>('discovery/api.json'), serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${t.server.port}` }] });

    const apis = (await request(t.server, '/apis')).json();
    const recordedGroups = readFixtureJson<{ groups: JsonObject[] }>('discovery/apis.json').groups;
    expect(apis['kind']).toBe('APIGroupList');
    // The groups served, in the recorded order; batch only at v1 (its v1beta1 is not served).
    const served = recordedGroups.filter((group) => ['apps', 'authorization.k8s.io', 'batch'].includes(String(group['name'])));
    const batchV1 = { groupVersion: 'batch/v1', version: 'v1' };
    expect(apis['groups']).toEqual(served.map((group) => (group['name'] === 'batch' ? { ...group, versions: [batchV1], preferredVersion: batchV1 } : group)));
  });

  it('lists the served core resources with the recorded entries (verbs limited to what is served)', async () => {
    const list = (await request(t.server, '/api/v1')).json();
    const recorded = readFixtureJson<{ resources: JsonObject[] }>('discovery/api-v1.json');
    expect(Object.keys(list)).toEqual(Object.keys(recorded));
    const served = list['resources'] as JsonObject[];
    expect(served.map((resource) => resource['name'])).toEqual([
      'events',
      'namespaces',
      'pods',
      'pods/attach',
      'pods/ephemeralcontainers',
      'pods/exec',
      'pods/log',
      'pods/portforward',
      'pods/status',
    ]);
    for (const resource of served) {
      const original = recorded.resources.find((candidate) => candidate['name'] === resource['name']);
      expect(original, String(resource['name'])).toBeDefined();
      expect(Object.keys(resource)).toEqual(Object.keys(original ?? {}));
      expect({ ...resource, verbs: undefined }).toEqual({ ...original, verbs: undefined });
      expect(original?.['verbs']).toEqual(expect.arrayContaining(resource['verbs'] as string[]));
    }
  });

  it('serves the authorization group for SelfSubjectAccessReviews', async () => {
    const list = (await request(t.server, '/apis/authorization.k8s.io/v1')).json();
    expect(list).toMatchObject({ kind: 'APIResourceList', groupVersion: 'authorization.k8s.io/v1' });
    expect(list['resources']).toEqual([{ name: 'selfsubjectaccessreviews', singularName: '', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] }]);
  });
});

describe('errors and access', () => {
  it('rejects a bad token with the recorded 401', async () => {
    const response = await request(t.server, '/api/v1/namespaces/lab/pods', { token: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual(readFixtureJson('errors/bad-token.json'));
  });

  it('treats a request without a token as system:anonymous, as the recording shows (403)', async () => {
    const response = await request(t.server, '/api/v1/namespaces/lab/pods', { token: null });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual(readFixtureJson('errors/unauthenticated.json'));
    const discovery = await request(t.server, '/api', { token: null });
    expect(discovery.status).toBe(403);
    expect(discovery.json()['message']).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
  });

  it('forbids what the rules do not grant, with the recorded messages', async () => {
    const pods = await request(t.server, '/api/v1/namespaces/lab/pods', { token: janeToken });
    expect(pods.status).toBe(403);
    expect(pods.json()).toEqual(readFixtureJson('errors/forbidden-list-pods.json'));
    const namespaces = await request(t.server, '/api/v1/namespaces', { token: janeToken });
    expect(namespaces.status).toBe(403);
    expect(namespaces.json()).toEqual(readFixtureJson('errors/forbidden-list-namespaces.json'));
    const patch = await request(t.server, '/api/v1/namespaces/lab/pods/web/ephemeralcontainers', {
      token: janeToken,
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: {},
    });
    expect(patch.status).toBe(403);
    expect(patch.json()).toEqual(readFixtureJson('errors/forbidden-patch-ephemeral.json'));
  });

  it('lets a namespaced grant read in its namespace only', async () => {
    t.store.create('pods', pod('lab', 'web'));
    t.store.create('pods', pod('states', 'web'));
    expect((await request(t.server, '/api/v1/namespaces/lab/pods/web', { token: janeToken })).status).toBe(200);
    const other = await request(t.server, '/api/v1/namespaces/states/pods/web', { token: janeToken });
    expect(other.status).toBe(403);
    expect(other.json()['message']).toBe('pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "states"');
    expect(other.json()['details']).toEqual({ name: 'web', kind: 'pods' });
  });

  it('answers 404 for a missing pod and 200 with an empty list for a missing namespace', async () => {
    const missing = await request(t.server, '/api/v1/namespaces/lab/pods/nosuchpod');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual(readFixtureJson('errors/nosuchpod.json'));
    const list = await request(t.server, '/api/v1/namespaces/nosuchnamespace/pods');
    expect(list.status).toBe(200);
    const recorded = readFixtureJson<JsonObject>('errors/nosuchnamespace-pods.json');
    expect(list.json()).toEqual({ ...recorded, metadata: { resourceVersion: t.store.resourceVersion() } });
  });

  it('answers 405 for a method the resource does not serve and 404 for unknown paths', async () => {
    const put = await request(t.server, '/api/v1/namespaces/lab/pods', { method: 'PUT', body: {} });
    expect(put.status).toBe(405);
    expect(put.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    const unknown = await request(t.server, '/api/v1/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ reason: 'NotFound', message: 'the server could not find the requested resource' });
  });

  it('answers 400 for a bad selector and 406 when JSON is not acceptable', async () => {
    const label = await request(t.server, `/api/v1/pods?labelSelector=${encodeURIComponent('app in web')}`);
    expect(label.status).toBe(400);
    expect(label.json()).toMatchObject({ reason: 'BadRequest', message: "unable to parse requirement: found 'web', expected: '('" });
    const field = await request(t.server, `/api/v1/pods?fieldSelector=${encodeURIComponent('spec.color=red')}`);
    expect(field.status).toBe(400);
    expect(field.json()['message']).toBe('field label not supported: spec.color');
    const protobufOnly = await request(t.server, '/api/v1/pods', { headers: { Accept: 'application/vnd.kubernetes.protobuf' } });
    expect(protobufOnly.status).toBe(406);
  });
});

describe('SelfSubjectAccessReview', () => {
  const review = readFixtureJson<JsonObject>('access/ssar-patch-ephemeral.request.json');

  it.each([
    ['admin', undefined, 'access/ssar-patch-ephemeral-admin.response.json'],
    ['jane', janeToken, 'access/ssar-patch-ephemeral-jane.response.json'],
  ])('answers %s with status 201 and the recorded body', async (_user, token, fixture) => {
    const response = await request(t.server, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      token,
      body: review,
      headers: { 'User-Agent': 'curl/7.81.0' },
    });
    expect(response.status).toBe(201);
    const recorded = readFixtureJson<JsonObject>(fixture);
    const body = response.json();
    const time = ((body['metadata'] as JsonObject)['managedFields'] as JsonObject[])[0]?.['time'];
    const recordedFields = ((recorded['metadata'] as JsonObject)['managedFields'] as JsonObject[])[0];
    expect(body).toEqual({ ...recorded, metadata: { creationTimestamp: null, managedFields: [{ ...recordedFields, time }] } });
  });
});

describe('stop and listen', () => {
  it('drops connections and ends watches on stop, then serves the same state on the same port', async () => {
    t.store.create('pods', pod('lab', 'web'));
    const port = t.server.port;
    const watch = await openWatch(t.server, '/api/v1/namespaces/lab/pods?watch=1');
    await eventually(() => expect(watch.events).toHaveLength(1));
    await t.server.stop();
    await eventually(() => expect(watch.ended).toBe(true));
    await expect(request(t.server, '/api/v1/namespaces/lab/pods')).rejects.toThrow();
    await t.server.listen();
    expect(t.server.port).toBe(port);
    const list = (await request(t.server, '/api/v1/namespaces/lab/pods')).json();
    expect((list['items'] as JsonObject[]).length).toBe(1);
  });
});
