import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OwnerReader } from '../../../src/kube/owners/ownerReader.js';
import { eventually } from '../demoHarness.js';
import { FaultServer, sendJson, sendStatus } from '../faultServer.js';

let server: FaultServer;
let dir: string;

beforeEach(async () => {
  server = await FaultServer.start();
  dir = mkdtempSync(join(tmpdir(), 'podscope-owners-'));
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const replicaSet = (name: string): Record<string, unknown> => ({
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  metadata: { name, namespace: 'lab', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: name.split('-')[0], controller: true }] },
});

describe('OwnerReader under load and faults', () => {
  it('at most four reads at once; the rest wait their turn and are answered', async () => {
    const held: Array<{ name: string; response: ServerResponse }> = [];
    server.get = (request, response) => held.push({ name: request.path.split('/').at(-1) ?? '', response });
    const reader = new OwnerReader({ kubeConfig: server.config(dir).kubeConfig });
    const names = Array.from({ length: 10 }, (_, i) => `web${i}-abc`);
    for (const name of names) expect(reader.lookup('lab', { kind: 'ReplicaSet', name })).toEqual({ kind: 'pending' });
    await eventually(() => expect(held).toHaveLength(4));
    expect(server.count('get')).toBe(4);
    // Answering one lets the next one go.
    const first = held.shift();
    sendJson(first!.response, 200, replicaSet(first!.name));
    await eventually(() => expect(server.count('get')).toBe(5));
    // Then answer everything as it comes.
    server.get = (request, response) => sendJson(response, 200, replicaSet(request.path.split('/').at(-1) ?? ''));
    for (const { name, response } of held.splice(0)) sendJson(response, 200, replicaSet(name));
    await eventually(() => {
      for (const name of names) expect(reader.lookup('lab', { kind: 'ReplicaSet', name })?.kind).toBe('read');
    });
    expect(server.count('get')).toBe(10);
  });

  it('a 503 is shown as a failed read and asked again later; a read answer is kept', async () => {
    let now = 1_000_000;
    server.get = (_request, response) => sendStatus(response, 503, 'etcd is sad', {}, 'ServiceUnavailable');
    const reader = new OwnerReader({ kubeConfig: server.config(dir).kubeConfig, now: () => now });
    const ref = { kind: 'ReplicaSet', name: 'web-7d9f' };
    reader.lookup('lab', ref);
    await eventually(() => expect(reader.lookup('lab', ref)).toEqual({ kind: 'failed', reason: 'HTTP 503' }));
    expect(server.count('get')).toBe(1);
    server.get = (_request, response) => sendJson(response, 200, replicaSet('web-7d9f'));
    now += 60_000;
    // The old answer stays on screen while the new read is under way.
    expect(reader.lookup('lab', ref)).toEqual({ kind: 'failed', reason: 'HTTP 503' });
    await eventually(() => expect(reader.lookup('lab', ref)).toEqual({ kind: 'read', owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }));
    now += 60_000;
    reader.lookup('lab', ref);
    expect(server.count('get')).toBe(2);
  });

  it('an answer that is not an object, or owner references without names, ends the chain', async () => {
    server.get = (_request, response) => sendJson(response, 200, { metadata: { ownerReferences: [{ kind: 'Deployment' }, 'junk'] } });
    const reader = new OwnerReader({ kubeConfig: server.config(dir).kubeConfig });
    const ref = { kind: 'Job', name: 'nightly-1' };
    reader.lookup('lab', ref);
    await eventually(() => expect(reader.lookup('lab', ref)).toEqual({ kind: 'read', owner: undefined }));
    expect(server.requests.at(-1)?.path).toBe('/apis/batch/v1/namespaces/lab/jobs/nightly-1');
  });
});
