import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { readFixtureJson } from '../../helpers/fixtures.js';
import { janeToken, request, startTestServer, type TestServer } from '../helpers.js';

const strategic = { 'Content-Type': 'application/strategic-merge-patch+json' };

function ephemeralPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${namespace}/pods/${name}/ephemeralcontainers`;
}

function specOf(pod: JsonObject): JsonObject {
  return pod['spec'] as JsonObject;
}

function statusOf(pod: JsonObject): JsonObject {
  return pod['status'] as JsonObject;
}

function ephemeralNames(pod: JsonObject): string[] {
  return ((specOf(pod)['ephemeralContainers'] ?? []) as JsonObject[]).map((container) => String(container['name']));
}

/** A recorded pod as it was before anyone added an ephemeral container to it. */
function recordedPod(file: string, withoutEphemeral = false): JsonObject {
  const pod = readFixtureJson<JsonObject>(file);
  if (withoutEphemeral) {
    delete specOf(pod)['ephemeralContainers'];
    delete statusOf(pod)['ephemeralContainerStatuses'];
  }
  return pod;
}

/** Same fields, same values, same key order as the recording. */
function expectSameJson(actual: unknown, recorded: unknown): void {
  expect(actual).toEqual(recorded);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(recorded));
}

describe('pods/{name}/ephemeralcontainers', () => {
  let test: TestServer;

  beforeEach(async () => {
    test = await startTestServer();
    test.store.create('pods', recordedPod('ephemeral/web-get.json'));
    test.store.create('pods', recordedPod('ephemeral/noshell-add.response.json', true));
    test.store.create('pods', recordedPod('ephemeral/done-ok-after-pod.json'));
  });

  afterEach(async () => {
    await test.close();
  });

  it('GET answers the pod', async () => {
    const response = await request(test.server, ephemeralPath('lab', 'web'));
    expect(response.status).toBe(200);
    const recorded = readFixtureJson<JsonObject>('ephemeral/web-get.json');
    expectSameJson(specOf(response.json())['ephemeralContainers'], specOf(recorded)['ephemeralContainers']);
    expect(statusOf(response.json())['ephemeralContainerStatuses']).toEqual(statusOf(recorded)['ephemeralContainerStatuses']);
  });

  it('a strategic-merge PATCH adds a debug container with the recorded defaults', async () => {
    const response = await request(test.server, ephemeralPath('states', 'noshell'), {
      method: 'PATCH',
      headers: strategic,
      body: readFixtureJson('ephemeral/noshell-add.request.json'),
    });
    expect(response.status).toBe(200);
    const recorded = readFixtureJson<JsonObject>('ephemeral/noshell-add.response.json');
    expectSameJson(specOf(response.json())['ephemeralContainers'], specOf(recorded)['ephemeralContainers']);
    expect(Object.keys(specOf(response.json()))).toEqual(Object.keys(specOf(recorded)));
    expect(ephemeralNames(test.store.get({ resource: 'pods', namespace: 'states', name: 'noshell' }) ?? {})).toEqual(['debugger-c798c']);
  });

  it('puts a container added without $setElementOrder first, as recorded, and follows $setElementOrder when given', async () => {
    const added = await request(test.server, ephemeralPath('lab', 'web'), {
      method: 'PATCH',
      headers: strategic,
      body: { spec: { ephemeralContainers: [{ name: 'debugger-att01', image: 'busybox:latest', command: ['sh'], stdin: true, tty: true }] } },
    });
    expect(added.status).toBe(200);
    expect(ephemeralNames(added.json())).toEqual(['debugger-att01', 'dbg-raw', 'debugger-9b7lx', 'debugger-bqsxh']);
    const ordered = await request(test.server, ephemeralPath('lab', 'web'), {
      method: 'PATCH',
      headers: strategic,
      body: {
        spec: {
          '$setElementOrder/ephemeralContainers': [{ name: 'debugger-att01' }, { name: 'dbg-raw' }, { name: 'debugger-9b7lx' }, { name: 'debugger-bqsxh' }, { name: 'last' }],
          ephemeralContainers: [{ name: 'last', image: 'busybox:latest' }],
        },
      },
    });
    expect(ordered.status).toBe(200);
    expect(ephemeralNames(ordered.json())).toEqual(['debugger-att01', 'dbg-raw', 'debugger-9b7lx', 'debugger-bqsxh', 'last']);
  });

  it('accepts JSON merge patches and JSON patches', async () => {
    const merge = await request(test.server, ephemeralPath('states', 'noshell'), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: { spec: { ephemeralContainers: [{ name: 'm1', image: 'busybox:1.36', stdin: true, tty: true }] } },
    });
    expect(merge.status).toBe(200);
    const jsonPatch = await request(test.server, ephemeralPath('states', 'noshell'), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'add', path: '/spec/ephemeralContainers/-', value: { name: 'j1', image: 'alpine:3.20' } }],
    });
    expect(jsonPatch.status).toBe(200);
    expect(ephemeralNames(jsonPatch.json())).toEqual(['m1', 'j1']);
    const j1 = (specOf(jsonPatch.json())['ephemeralContainers'] as JsonObject[])[1];
    expect(j1).toEqual({ name: 'j1', image: 'alpine:3.20', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' });
    const failedTest = await request(test.server, ephemeralPath('states', 'noshell'), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'test', path: '/metadata/name', value: 'other' }],
    });
    expect(failedTest.status).toBe(422);
    const wrongType = await request(test.server, ephemeralPath('states', 'noshell'), { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: {} });
    expect(wrongType.status).toBe(415);
  });

  it.each([
    ['duplicate-name', 'lab', 'web'],
    ['invalid-ports-probes-resources', 'lab', 'web'],
  ])('answers %s with the recorded 422', async (name, namespace, pod) => {
    const response = await request(test.server, ephemeralPath(namespace, pod), {
      method: 'PATCH',
      headers: strategic,
      body: readFixtureJson(`ephemeral/${name}.request.json`),
    });
    expect(response.status).toBe(422);
    expectSameJson(response.json(), readFixtureJson(`ephemeral/${name}.response.json`));
  });

  it('rejects a target container that does not exist with the recorded 422', async () => {
    const body = readFixtureJson<JsonObject>('ephemeral/completed-pod-add.request.json');
    const container = (specOf(body)['ephemeralContainers'] as JsonObject[])[0] ?? {};
    container['targetContainerName'] = 'app';
    const response = await request(test.server, ephemeralPath('states', 'done-ok'), { method: 'PATCH', headers: strategic, body });
    expect(response.status).toBe(422);
    expectSameJson(response.json(), readFixtureJson('ephemeral/on-completed-pod.response.json'));
  });

  it('refuses to remove an existing ephemeral container (PUT) with the recorded 422', async () => {
    const added = await request(test.server, ephemeralPath('states', 'noshell'), {
      method: 'PATCH',
      headers: strategic,
      body: readFixtureJson('ephemeral/noshell-add.request.json'),
    });
    expect(added.status).toBe(200);
    const body = readFixtureJson<JsonObject>('ephemeral/remove-all.request.json');
    // The recorded request carried the recorded pod's resourceVersion; ours is the store's.
    (body['metadata'] as JsonObject)['resourceVersion'] = (added.json()['metadata'] as JsonObject)['resourceVersion'];
    const response = await request(test.server, ephemeralPath('states', 'noshell'), { method: 'PUT', body });
    expect(response.status).toBe(422);
    expectSameJson(response.json(), readFixtureJson('ephemeral/remove-all.response.json'));
  });

  it('refuses to change an existing ephemeral container', async () => {
    const response = await request(test.server, ephemeralPath('lab', 'web'), {
      method: 'PATCH',
      headers: strategic,
      body: { spec: { ephemeralContainers: [{ name: 'dbg-raw', image: 'alpine:3.20' }] } },
    });
    expect(response.status).toBe(422);
    const causes = ((response.json()['details'] as JsonObject)['causes'] as JsonObject[]).map((cause) => cause['message']);
    expect(causes).toEqual(['Forbidden: existing ephemeral containers "dbg-raw" may not be changed\n']);
  });

  it('accepts a PUT that keeps the existing containers and adds one', async () => {
    const current = (await request(test.server, ephemeralPath('lab', 'web'))).json();
    const list = specOf(current)['ephemeralContainers'] as JsonObject[];
    specOf(current)['ephemeralContainers'] = [...list, { name: 'put1', image: 'busybox:latest' }];
    const response = await request(test.server, ephemeralPath('lab', 'web'), { method: 'PUT', body: current });
    expect(response.status).toBe(200);
    expect(ephemeralNames(response.json())).toEqual(['dbg-raw', 'debugger-9b7lx', 'debugger-bqsxh', 'put1']);
    const stale = await request(test.server, ephemeralPath('lab', 'web'), { method: 'PUT', body: current });
    expect(stale.status).toBe(409);
  });

  it('answers a missing pod with the recorded 404', async () => {
    const response = await request(test.server, ephemeralPath('states', 'nosuchpod'), {
      method: 'PATCH',
      headers: strategic,
      body: readFixtureJson('ephemeral/noshell-add.request.json'),
    });
    expect(response.status).toBe(404);
    expectSameJson(response.json(), readFixtureJson('ephemeral/nosuchpod.response.json'));
  });

  it('accepts a debug container on a Succeeded pod (the recorded 200) without any status for it', async () => {
    const response = await request(test.server, ephemeralPath('states', 'done-ok'), {
      method: 'PATCH',
      headers: strategic,
      body: readFixtureJson('ephemeral/completed-pod-add.request.json'),
    });
    expect(response.status).toBe(200);
    const recorded = readFixtureJson<JsonObject>('ephemeral/completed-pod-add.response.json');
    expectSameJson(specOf(response.json())['ephemeralContainers'], specOf(recorded)['ephemeralContainers']);
    expect(statusOf(response.json())['ephemeralContainerStatuses']).toBeUndefined();
  });

  it('forbids a user without the patch verb on the subresource, with the recorded 403', async () => {
    const response = await request(test.server, ephemeralPath('lab', 'web'), {
      method: 'PATCH',
      token: janeToken,
      headers: strategic,
      body: readFixtureJson('ephemeral/duplicate-name.request.json'),
    });
    expect(response.status).toBe(403);
    expectSameJson(response.json(), readFixtureJson('errors/forbidden-patch-ephemeral.json'));
  });
});
