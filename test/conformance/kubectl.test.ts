import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { eventTable } from '../../src/demo/tables/eventTable.js';
import { podColumns } from '../../src/model/podColumns.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { findKubectl, kubectlFor, parseKubectlTable, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the kubectl conformance tests');

const janeToken = 'jane-conformance-token';
const start = new Date('2026-11-23T09:16:13.800Z');

function metadataOf(object: JsonObject | undefined): JsonObject {
  return (object?.['metadata'] ?? {}) as JsonObject;
}

/** Loads the recorded pods and events into the demo cluster's store. */
function seedRecordedObjects(demo: DemoCluster): void {
  for (const namespace of ['lab', 'states']) {
    if (demo.store.get({ resource: 'namespaces', name: namespace }) === undefined) demo.store.create('namespaces', { metadata: { name: namespace }, status: { phase: 'Active' } });
  }
  for (const list of ['pods/lab-list.json', 'pods/states-list.json']) {
    for (const pod of readFixtureJson<{ items: JsonObject[] }>(list).items) {
      const created = demo.store.create('pods', pod);
      const deletion = metadataOf(pod)['deletionTimestamp'];
      if (deletion !== undefined) {
        demo.store.update({ resource: 'pods', namespace: String(metadataOf(created)['namespace']), name: String(metadataOf(created)['name']) }, (object) => {
          metadataOf(object)['deletionTimestamp'] = deletion;
          metadataOf(object)['deletionGracePeriodSeconds'] = metadataOf(pod)['deletionGracePeriodSeconds'];
        });
      }
    }
  }
  for (const event of readFixtureJson<{ items: JsonObject[] }>('events/lab-events.json').items) demo.store.create('events', event);
}

function expectNoDiagnostics(stderr: string): void {
  expect(stderr).toBe('');
}

describe.skipIf(kubectlBinary === undefined)('kubectl against the demo cluster', () => {
  let demo: DemoCluster;
  let clock: ManualClock;
  let scratch: string;
  let kubectl: Kubectl;
  const now = (): Date => new Date(clock.now());

  beforeAll(async () => {
    clock = manualClock(start);
    // The recorded objects, frozen in time: no control plane changes them behind the test's back.
    demo = await startDemoCluster({
      namespace: 'lab',
      clock,
      withoutControlPlane: true,
      extraUsers: [{ token: janeToken, name: 'jane', rules: [{ verbs: ['get', 'list', 'watch'], resources: ['pods'], namespaces: ['lab'] }] }],
    });
    seedRecordedObjects(demo);
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
  });

  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('get pods -A -o wide prints the podColumns of every stored pod', async () => {
    const result = await kubectl.run('get', 'pods', '-A', '-o', 'wide');
    expectNoDiagnostics(result.stderr);
    expect(result.code).toBe(0);
    const rows = parseKubectlTable(result.stdout);
    const expected = demo.store.list('pods').map((pod) => {
      const c = podColumns(pod as unknown as V1Pod, now());
      return {
        NAMESPACE: String(metadataOf(pod)['namespace']),
        NAME: c.name,
        READY: c.ready,
        STATUS: c.status,
        RESTARTS: c.restarts,
        AGE: c.age,
        IP: c.ip,
        NODE: c.node,
        'NOMINATED NODE': c.nominatedNode,
        'READINESS GATES': c.readinessGates,
      };
    });
    expect(rows).toEqual(expected);
    expect(rows.find((row) => row['NAME'] === 'slowstop')?.['STATUS']).toBe('Terminating');
  });

  it('get pod -o json prints exactly the stored object', async () => {
    const result = await kubectl.run('get', 'pod', 'crashy', '-n', 'lab', '-o', 'json');
    expectNoDiagnostics(result.stderr);
    // kubectl leaves managedFields out unless --show-managed-fields is given.
    const stored = demo.store.get({ resource: 'pods', namespace: 'lab', name: 'crashy' });
    const { managedFields: _managedFields, ...metadata } = metadataOf(stored);
    expect(JSON.parse(result.stdout)).toEqual({ ...stored, metadata });
  });

  it('get events -A prints the server’s event rows', async () => {
    const result = await kubectl.run('get', 'events', '-A');
    expectNoDiagnostics(result.stderr);
    const rows = parseKubectlTable(result.stdout);
    const events = demo.store.list('events');
    expect(rows).toHaveLength(events.length);
    // kubectl sorts events by last-seen time itself; compare as sets of rows.
    const expected = events.map((event) => {
      const cells = eventTable.row(event, now()).cells.map(String);
      return { NAMESPACE: 'lab', 'LAST SEEN': cells[0], TYPE: cells[1], REASON: cells[2], OBJECT: cells[3], MESSAGE: cells[6] };
    });
    const key = (row: Record<string, unknown>): string => JSON.stringify(row);
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('get namespaces lists every namespace as Active', async () => {
    const result = await kubectl.run('get', 'namespaces');
    expectNoDiagnostics(result.stderr);
    const rows = parseKubectlTable(result.stdout);
    expect(rows.map((row) => row['NAME'])).toEqual(demo.store.list('namespaces').map((ns) => String(metadataOf(ns)['name'])));
    expect(rows.every((row) => row['STATUS'] === 'Active')).toBe(true);
  });

  it('get pods -w shows a change made through the store', async () => {
    const child = kubectl.spawn('get', 'pods', '-n', 'lab', '-w');
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await expect.poll(() => stdout, { timeout: 30_000, interval: 50 }).toContain('web');
      demo.store.create('pods', {
        metadata: { name: 'watched', namespace: 'lab' },
        spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
        status: { phase: 'Pending' },
      });
      await expect.poll(() => stdout, { timeout: 30_000, interval: 50 }).toMatch(/^watched\s+0\/1\s+Pending/m);
      expectNoDiagnostics(stderr);
    } finally {
      child.kill();
    }
  });

  it('delete pod marks it Terminating until the kubelet removes it, then it is gone', async () => {
    const deletion = await kubectl.run('delete', 'pod', 'web', '-n', 'lab', '--wait=false');
    expectNoDiagnostics(deletion.stderr);
    expect(deletion.stdout.trim()).toBe('pod "web" deleted');
    const terminating = parseKubectlTable((await kubectl.run('get', 'pod', 'web', '-n', 'lab')).stdout);
    expect(terminating[0]?.['STATUS']).toBe('Terminating');
    expect(metadataOf(demo.store.get({ resource: 'pods', namespace: 'lab', name: 'web' }))['deletionGracePeriodSeconds']).toBe(2);

    const waiting = kubectl.run('delete', 'pod', 'web', '-n', 'lab');
    // kubectl delete waits on a watch; once it is open, stand in for the kubelet and remove the pod.
    await expect.poll(() => demo.server.openWatches, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    demo.store.remove({ resource: 'pods', namespace: 'lab', name: 'web' });
    const waited = await waiting;
    expect(waited.code).toBe(0);
    expectNoDiagnostics(waited.stderr);
    const gone = await kubectl.run('get', 'pod', 'web', '-n', 'lab');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): pods "web" not found');
  });

  it('auth can-i answers from the authorization rules (kubectl sends the review as protobuf)', async () => {
    const admin = await kubectl.run('auth', 'can-i', 'patch', 'pods', '--subresource=ephemeralcontainers', '-n', 'lab');
    expectNoDiagnostics(admin.stderr);
    expect(admin.stdout.trim()).toBe('yes');
    const jane = await kubectl.run('auth', 'can-i', 'patch', 'pods', '--subresource=ephemeralcontainers', '-n', 'lab', '--token', janeToken);
    expect(jane.stdout.trim()).toBe('no');
    const janeGet = await kubectl.run('auth', 'can-i', 'get', 'pods', '-n', 'lab', '--token', janeToken);
    expect(janeGet.stdout.trim()).toBe('yes');
  });
});

describe.skipIf(kubectlBinary === undefined)('kubectl against the demo cluster with its control plane', () => {
  let demo: DemoCluster;
  let scratch: string;
  let kubectl: Kubectl;

  beforeAll(async () => {
    demo = await startDemoCluster({ namespace: 'shop', seed: 1, speed: 10 });
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
  });

  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const frontendRows = async (): Promise<Array<Record<string, string>>> => {
    const result = await kubectl.run('get', 'pods', '-o', 'wide', '-l', 'app=frontend');
    expectNoDiagnostics(result.stderr);
    return parseKubectlTable(result.stdout);
  };

  it('delete pod: the pod terminates, is removed by its kubelet, and its ReplicaSet starts a replacement with a new name and IP', async () => {
    await expect.poll(async () => (await frontendRows()).filter((row) => row['STATUS'] === 'Running').length, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
    const before = await frontendRows();
    const victim = before.find((row) => row['STATUS'] === 'Running') ?? {};
    const victimName = victim['NAME'] ?? '';
    const seen: string[] = [];
    const unsubscribe = demo.store.onChange((change) => {
      if (change.resource !== 'pods' || metadataOf(change.object)['name'] !== victimName) return;
      seen.push(`${change.type}${metadataOf(change.object)['deletionTimestamp'] !== undefined ? ' terminating' : ''}`);
    });
    try {
      const deletion = await kubectl.run('delete', 'pod', victimName);
      expectNoDiagnostics(deletion.stderr);
      expect(deletion.stdout.trim()).toBe(`pod "${victimName}" deleted`);
    } finally {
      unsubscribe();
    }
    expect(seen[0]).toBe('MODIFIED terminating');
    expect(seen[seen.length - 1]).toBe('DELETED terminating');

    await expect.poll(async () => (await frontendRows()).filter((row) => row['STATUS'] === 'Running').length, { timeout: 60_000, interval: 200 }).toBe(before.length);
    const after = await frontendRows();
    expect(after.map((row) => row['NAME'])).not.toContain(victimName);
    const replacement = after.find((row) => !before.some((old) => old['NAME'] === row['NAME']));
    expect(replacement?.['NAME']).toMatch(/^frontend-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(replacement?.['IP']).not.toBe(victim['IP']);
    expect(replacement?.['IP']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
  it('get rs / deployment by name: the owner chain kubectl reads is the one the demo pods point at', async () => {
    const pod = demo.store.list('pods', 'shop').find((p) => String(metadataOf(p)['name']).startsWith('frontend-'));
    const owner = (pod?.['metadata'] as { ownerReferences?: Array<{ kind: string; name: string }> } | undefined)?.ownerReferences?.[0];
    expect(owner?.kind).toBe('ReplicaSet');
    const chain = '{.kind}/{.metadata.name} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}';
    const rs = await kubectl.run('get', 'rs', owner?.name ?? '', '-o', `jsonpath=${chain}`);
    expectNoDiagnostics(rs.stderr);
    expect(rs.stdout).toBe(`ReplicaSet/${owner?.name} Deployment/frontend`);
    const deployment = await kubectl.run('get', 'deployment', 'frontend', '-o', 'jsonpath={.kind}/{.metadata.name} {.metadata.ownerReferences}');
    expect(deployment.stdout).toBe('Deployment/frontend ');
    const missing = await kubectl.run('get', 'rs', 'nope-123');
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): replicasets.apps "nope-123" not found');
  });
});
