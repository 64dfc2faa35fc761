import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBody } from '../helpers/http.js';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { findKubectl, kubectlFor, parseKubectlTable, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();

function metadataOf(object: unknown): JsonObject {
  return ((object as JsonObject | undefined)?.['metadata'] ?? {}) as JsonObject;
}

function podscopeFor(kubeconfigPath: string, scratch: string) {
  return (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [binPath, ...args, '--kubeconfig', kubeconfigPath],
        { env: { PATH: process.env['PATH'] ?? '', HOME: scratch, XDG_STATE_HOME: join(scratch, 'state'), LANG: 'C.UTF-8' }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
      );
    });
}


const recordedPods = ['lab/badimage', 'lab/crashy', 'lab/duo', 'lab/initwait', 'lab/web', 'states/done-ok', 'states/notready', 'states/oom', 'states/slowstop', 'states/unsched'];

describe.skipIf(kubectlBinary === undefined)('podscope describe and get against kubectl, on the recorded objects', () => {
  let demo: DemoCluster;
  let scratch: string;
  let kubectl: Kubectl;
  let podscope: ReturnType<typeof podscopeFor>;

  beforeAll(async () => {
    demo = await startDemoCluster({ namespace: 'lab', withoutControlPlane: true });
    if (demo.store.get({ resource: 'namespaces', name: 'states' }) === undefined) demo.store.create('namespaces', { metadata: { name: 'states' }, status: { phase: 'Active' } });
    // The store gives each pod a new uid; the recorded events follow it (both describers select events by uid).
    const uids = new Map<string, string>();
    for (const list of ['pods/lab-list.json', 'pods/states-list.json']) {
      for (const pod of readFixtureJson<{ items: JsonObject[] }>(list).items) {
        const created = demo.store.create('pods', pod);
        const key = { resource: 'pods' as const, namespace: String(metadataOf(created)['namespace']), name: String(metadataOf(created)['name']) };
        uids.set(String(metadataOf(pod)['uid']), String(metadataOf(created)['uid']));
        demo.store.update(key, (stored) => {
          Object.assign(metadataOf(stored), { deletionTimestamp: metadataOf(pod)['deletionTimestamp'], deletionGracePeriodSeconds: metadataOf(pod)['deletionGracePeriodSeconds'] });
        });
      }
    }
    for (const list of ['events/lab-events.json', 'events/states-events.json']) {
      for (const event of readFixtureJson<{ items: JsonObject[] }>(list).items) {
        const involved = event['involvedObject'] as JsonObject;
        demo.store.create('events', { ...event, involvedObject: { ...involved, uid: uids.get(String(involved['uid'])) ?? involved['uid'] } });
      }
    }
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
    podscope = podscopeFor(demo.kubeconfigPath, scratch);
  });

  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  for (const pod of recordedPods) {
    it(`describe ${pod} prints what kubectl describe prints`, async () => {
      const [namespace = '', name = ''] = pod.split('/');
      // Ages are taken at each command's own instant: equal unless a second ticked between them.
      let ours = '';
      let theirs = '';
      for (let attempt = 0; attempt < 3; attempt++) {
        const [a, b] = await Promise.all([podscope('describe', name, '-n', namespace), kubectl.run('describe', 'pod', name, '-n', namespace)]);
        expect(a.stderr).toBe('');
        expect(b.stderr).toBe('');
        ours = a.stdout;
        theirs = b.stdout;
        if (ours === theirs) break;
      }
      expect(ours).toBe(theirs);
    });
  }

  it('get -o yaml equals kubectl get -o yaml (up to key order; both leave managedFields out)', async () => {
    for (const pod of ['lab/web', 'states/slowstop']) {
      const [namespace = '', name = ''] = pod.split('/');
      const [ours, theirs, ourJson, theirJson] = await Promise.all([
        podscope('get', name, '-n', namespace, '-o', 'yaml'),
        kubectl.run('get', 'pod', name, '-n', namespace, '-o', 'yaml'),
        podscope('get', name, '-n', namespace, '-o', 'json'),
        kubectl.run('get', 'pod', name, '-n', namespace, '-o', 'json'),
      ]);
      expect(ours.code).toBe(0);
      expect(parse(ours.stdout, { version: '1.1' })).toEqual(parse(theirs.stdout, { version: '1.1' }));
      expect(JSON.parse(ourJson.stdout)).toEqual(JSON.parse(theirJson.stdout));
    }
  }, 120_000);

  it('errors like kubectl: a missing pod', async () => {
    const theirs = await kubectl.run('describe', 'pod', 'nosuchpod', '-n', 'lab');
    const ours = await podscope('describe', 'nosuchpod', '-n', 'lab');
    expect(theirs.stderr).toContain('pods "nosuchpod" not found');
    expect(ours).toEqual({ code: theirs.code, stdout: '', stderr: 'podscope: pods "nosuchpod" not found\n' });
  });
});

describe.skipIf(kubectlBinary === undefined)('kubectl port-forward, run, apply, create ns and delete against podscope demo-server', () => {
  let demo: DemoCluster;
  let scratch: string;
  let kubectl: Kubectl;

  beforeAll(async () => {
    demo = await startDemoCluster({ namespace: 'lab', seed: 2, speed: 4 });
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
    const deadline = Date.now() + 60_000;
    while (!/httpd\s+1\/1\s+Running/.test((await kubectl.run('get', 'pod', 'httpd', '-n', 'lab')).stdout)) {
      if (Date.now() > deadline) throw new Error('lab/httpd never ran');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('kubectl port-forward (SPDY, after the 1.24 server refuses its WebSocket tunnel) serves HTTP from the demo pod', async () => {
    const child = kubectl.spawn('port-forward', 'pod/httpd', '-n', 'lab', ':8080');
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await expect.poll(() => stdout, { timeout: 30_000, interval: 50 }).toMatch(/Forwarding from 127\.0\.0\.1:\d+ -> 8080/);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
      // Two at once: connections run concurrently, each on its own pair of SPDY streams.
      expect(await Promise.all([httpBody(port), httpBody(port)])).toEqual(['podscope-lab-httpd-ok\n', 'podscope-lab-httpd-ok\n']);
      await expect.poll(() => stdout.split('Handling connection').length - 1, { timeout: 10_000 }).toBe(2);
      expect(stderr).toBe('');
    } finally {
      child.kill();
    }
  });

  it('kubectl create ns, run, apply --validate=false, delete (graceful and forced) and delete ns all work', async () => {
    expect(await kubectl.run('create', 'ns', 'trial')).toMatchObject({ code: 0, stdout: 'namespace/trial created\n', stderr: '' });
    expect(await kubectl.run('run', 'sleeper', '-n', 'trial', '--image=busybox:1.36', '--', 'sleep', '3600')).toMatchObject({ code: 0, stdout: 'pod/sleeper created\n' });
    const manifest = join(scratch, 'mine.yaml');
    writeFileSync(
      manifest,
      ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: mine', '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: app', '  namespace: mine', 'spec:', '  containers:', '  - name: app', '    image: busybox:1.36', '    command: ["sleep", "3600"]', ''].join('\n'),
    );
    expect(await kubectl.run('apply', '--validate=false', '-f', manifest)).toMatchObject({ code: 0, stdout: 'namespace/mine created\npod/app created\n' });
    await expect.poll(async () => parseKubectlTable((await kubectl.run('get', 'pods', '-n', 'trial')).stdout)[0]?.['STATUS'], { timeout: 30_000, interval: 200 }).toBe('Running');
    await expect.poll(async () => parseKubectlTable((await kubectl.run('get', 'pods', '-n', 'mine')).stdout)[0]?.['STATUS'], { timeout: 30_000, interval: 200 }).toBe('Running');
    expect(await kubectl.run('delete', 'pod', 'sleeper', '-n', 'trial', '--grace-period=1')).toMatchObject({ code: 0, stdout: 'pod "sleeper" deleted\n', stderr: '' });
    expect(demo.store.get({ resource: 'pods', namespace: 'trial', name: 'sleeper' })).toBeUndefined();
    const forced = await kubectl.run('delete', 'pod', 'app', '-n', 'mine', '--force', '--grace-period=0');
    expect(forced).toMatchObject({ code: 0, stdout: 'pod "app" force deleted\n' });
    expect(forced.stderr).toContain('Immediate deletion does not wait');
    expect(await kubectl.run('delete', 'ns', 'trial', 'mine')).toMatchObject({ code: 0, stdout: 'namespace "trial" deleted\nnamespace "mine" deleted\n' });
    expect(demo.store.get({ resource: 'namespaces', name: 'trial' })).toBeUndefined();
    const gone = await kubectl.run('get', 'ns', 'trial');
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): namespaces "trial" not found');
  });

  it('the read-only context may look but not delete or port-forward', async () => {
    const context = demo.readonlyContextName;
    expect((await kubectl.run('--context', context, 'get', 'pods', '-n', 'lab')).code).toBe(0);
    expect((await kubectl.run('--context', context, 'auth', 'can-i', 'delete', 'pods', '-n', 'lab')).stdout.trim()).toBe('no');
    const refused = await kubectl.run('--context', context, 'delete', 'pod', 'crashy', '-n', 'lab');
    expect(refused.stderr.trim()).toBe('Error from server (Forbidden): pods "crashy" is forbidden: User "viewer" cannot delete resource "pods" in API group "" in the namespace "lab"');
  });
});
