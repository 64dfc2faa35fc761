import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { applyPodDefaults } from '../../src/demo/controlPlane/index.js';
import { labPods, statesPods } from '../../src/demo/controlPlane/scenario/labPods.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { getLog } from '../demo/logs/logHttp.js';
import { readFixtureText } from '../helpers/fixtures.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the kubectl logs conformance tests');

function containerStatus(demo: DemoCluster, pod: string, container: string): JsonObject | undefined {
  const object = demo.store.get({ resource: 'pods', namespace: 'lab', name: pod });
  const statuses = ((object?.['status'] as JsonObject | undefined)?.['containerStatuses'] as JsonObject[] | undefined) ?? [];
  return statuses.find((status) => status['name'] === container);
}

describe.skipIf(kubectlBinary === undefined)('kubectl logs against the demo cluster', () => {
  let demo: DemoCluster;
  let clock: ManualClock;
  let scratch: string;
  let kubectl: Kubectl;

  /** The same request made directly: kubectl must print exactly its body. */
  const direct = async (pod: string, query: string, namespace = 'lab'): Promise<string> => {
    const response = await getLog(demo, demo.token, namespace, pod, query);
    expect(response.status).toBe(200);
    return response.text;
  };

  const advanceUntil = (condition: () => boolean, limitMs: number): void => {
    const began = clock.now();
    while (!condition()) {
      if (clock.now() - began > limitMs) throw new Error(`not reached within ${limitMs} ms of simulated time`);
      clock.advance(100);
    }
  };

  beforeAll(async () => {
    clock = manualClock(new Date('2026-11-23T09:13:00Z'));
    // The simulated control plane runs the recorded manifests; time only moves when the test says so.
    demo = await startDemoCluster({ namespace: 'lab', clock, scenario: false });
    demo.store.create('namespaces', { metadata: { name: 'states' }, status: { phase: 'Active' } });
    for (const manifest of [...labPods, ...statesPods]) {
      const name = (manifest['metadata'] as { name: string }).name;
      if (['web', 'crashy', 'duo', 'initwait', 'badimage', 'unsched'].includes(name)) demo.store.create('pods', applyPodDefaults(manifest));
    }
    // Web has ticked a while; crashy has crashed once and runs again, so it has a previous instance.
    advanceUntil(() => {
      const crashy = containerStatus(demo, 'crashy', 'crashy');
      const state = crashy?.['state'] as JsonObject | undefined;
      return Number(crashy?.['restartCount']) >= 1 && state?.['running'] !== undefined;
    }, 120_000);
    clock.advance(1500);
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-logs-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
  });

  afterAll(async () => {
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    [['web', '--tail=5'], 'web', 'tailLines=5'],
    [['web', '--timestamps', '--tail=3'], 'web', 'timestamps=true&tailLines=3'],
    [['web', '--limit-bytes=40'], 'web', 'limitBytes=40'],
    [['web', '--since=3s'], 'web', 'sinceSeconds=3'],
    [['web'], 'web', ''],
    [['duo', '-c', 'beta', '--tail=2'], 'duo', 'container=beta&tailLines=2'],
    [['crashy', '--previous'], 'crashy', 'previous=true'],
    [['crashy', '-p', '--timestamps'], 'crashy', 'previous=true&timestamps=true'],
    [['initwait', '-c', 'init-ok'], 'initwait', 'container=init-ok'],
  ])('kubectl logs %j prints the body of GET %s?%s byte for byte', async (args, pod, query) => {
    const result = await kubectl.run('logs', '-n', 'lab', ...args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = await direct(pod, query);
    expect(expected).not.toBe('');
    expect(result.stdout).toBe(expected);
  });

  it('--previous prints the crashed instance: the lines of the recorded kubectl run, in the order written', async () => {
    const result = await kubectl.run('logs', '-n', 'lab', 'crashy', '--previous');
    const recorded = readFixtureText('kubectl/logs-crashy-previous.txt');
    // The recording has stderr's line before a stdout line written in the same instant; the order of such a pair is a race.
    expect(result.stdout.split('\n').sort()).toEqual(recorded.split('\n').sort());
  });

  it('without -c on a two-container pod, kubectl 1.32 picks the first container itself and says so on stderr (the server alone would refuse)', async () => {
    const result = await kubectl.run('logs', '-n', 'lab', 'duo', '--tail=2');
    expect(result.code).toBe(0);
    const recordedNotice = readFixtureText('kubectl/logs-duo-no-container.txt').split('\n')[0];
    expect(result.stderr).toBe(`${recordedNotice}\n`);
    expect(result.stdout).toBe(await direct('duo', 'container=alpha&tailLines=2'));
    expect((await getLog(demo, demo.token, 'lab', 'duo', 'tailLines=2')).status).toBe(400);
  });

  it('honours the default-container annotation on the client side only', async () => {
    demo.store.update({ resource: 'pods', namespace: 'lab', name: 'duo' }, (pod) => {
      const metadata = pod['metadata'] as JsonObject;
      metadata['annotations'] = { 'kubectl.kubernetes.io/default-container': 'beta' };
    });
    const result = await kubectl.run('logs', '-n', 'lab', 'duo', '--tail=1');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(await direct('duo', 'container=beta&tailLines=1'));
    const server = await getLog(demo, demo.token, 'lab', 'duo', 'tailLines=1');
    expect(server.status).toBe(400);
    expect(JSON.parse(server.text)).toMatchObject({ message: 'a container name must be specified for pod duo, choose one of: [alpha beta]' });
  });

  it.each([
    [['initwait', '-c', 'main'], 'Error from server (BadRequest): container "main" in pod "initwait" is waiting to start: PodInitializing\n'],
    [['badimage'], 'Error from server (BadRequest): container "bad" in pod "badimage" is waiting to start: ErrImageNeverPull\n'],
    // kubectl looks the pod up itself first, and words that 404 its own way.
    [['nosuchpod'], 'error: error from server (NotFound): pods "nosuchpod" not found in namespace "lab"\n'],
    [['web', '-c', 'nope'], 'error: container nope is not valid for pod web\n'],
    [['web', '--previous'], 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n'],
  ])('kubectl logs %j fails with the line %j', async (args, line) => {
    const result = await kubectl.run('logs', '-n', 'lab', ...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(line);
  });

  it('an unscheduled pod prints nothing and succeeds (the server answers 204)', async () => {
    const result = await kubectl.run('logs', '-n', 'states', 'unsched');
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('-f prints lines as the clock advances and exits when the pod is deleted', async () => {
    const child = kubectl.spawn('logs', '-n', 'lab', 'web', '-f', '--tail=1');
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout.split('\n').length, { timeout: 30_000, interval: 50 }).toBe(2);
      const first = Number(/web tick (\d+)/.exec(stdout)?.[1]);
      clock.advance(2000);
      await expect.poll(() => stdout.split('\n').length, { timeout: 30_000, interval: 50 }).toBe(4);
      expect([...stdout.matchAll(/web tick (\d+)/g)].map((match) => Number(match[1]))).toEqual([first, first + 1, first + 2]);
      const deletion = await kubectl.run('delete', 'pod', 'web', '-n', 'lab', '--wait=false');
      expect(deletion.code).toBe(0);
      advanceUntil(() => demo.store.get({ resource: 'pods', namespace: 'lab', name: 'web' }) === undefined, 60_000);
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
    } finally {
      child.kill();
    }
  });
});
