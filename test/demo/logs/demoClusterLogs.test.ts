import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../../src/demo/clock.js';
import { applyPodDefaults } from '../../../src/demo/controlPlane/index.js';
import { labPods, statesPods } from '../../../src/demo/controlPlane/scenario/labPods.js';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
import { readFixtureText } from '../../helpers/fixtures.js';
import { eventually, followLog, getLog } from './logHttp.js';

const start = new Date('2026-11-23T09:13:00Z');
let demo: DemoCluster | undefined;
let clock: ManualClock;

afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

async function startCluster(logRate?: number): Promise<DemoCluster> {
  clock = manualClock(start);
  demo = await startDemoCluster({ clock, scenario: false, namespace: 'lab', logRate });
  if (demo.store.get({ resource: 'namespaces', name: 'states' }) === undefined) demo.store.create('namespaces', { metadata: { name: 'states' }, status: { phase: 'Active' } });
  return demo;
}

/** Creates one of the recorded manifests' pods, as `kubectl apply` would. */
function createManifestPod(cluster: DemoCluster, namespace: string, name: string): void {
  const manifest = [...labPods, ...statesPods].find((pod) => {
    const metadata = pod['metadata'] as { namespace: string; name: string };
    return metadata.namespace === namespace && metadata.name === name;
  });
  if (manifest === undefined) throw new Error(`no manifest pod ${namespace}/${name}`);
  cluster.store.create('pods', applyPodDefaults(manifest));
}

function containerState(cluster: DemoCluster, namespace: string, pod: string, container: string): JsonObject | undefined {
  const object = cluster.store.get({ resource: 'pods', namespace, name: pod });
  const statuses = [...((object?.['status'] as JsonObject | undefined)?.['containerStatuses'] as JsonObject[] | undefined ?? [])];
  return statuses.find((status) => status['name'] === container);
}

function stateKind(status: JsonObject | undefined): string | undefined {
  const state = status?.['state'] as JsonObject | undefined;
  return state === undefined ? undefined : Object.keys(state)[0];
}

/** Moves simulated time in small steps until `condition` holds. */
function advanceUntil(condition: () => boolean, limitMs: number, stepMs = 50): void {
  const began = clock.now();
  while (!condition()) {
    if (clock.now() - began > limitMs) throw new Error(`not reached within ${limitMs} ms of simulated time`);
    clock.advance(stepMs);
  }
}

const recordedStatus = (file: string): string => `${JSON.stringify(JSON.parse(readFixtureText(`logs/${file}`)))}\n`;

describe('pods/{name}/log over the simulated control plane', () => {
  it('answers the recorded refusals of the recorded pods as their lifecycles reach those states', async () => {
    const cluster = await startCluster();
    for (const [namespace, name] of [['lab', 'initwait'], ['lab', 'badimage'], ['lab', 'duo'], ['states', 'unsched']] as const) createManifestPod(cluster, namespace, name);
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'duo', 'alpha')) === 'running' && cluster.controlPlane?.logs.read('lab', 'initwait', 'init-ok')?.length === 1, 30_000);
    const get = (namespace: string, pod: string, query = '') => getLog(cluster, cluster.token, namespace, pod, query);

    for (const [pod, query, file] of [['initwait', 'container=main', 'initwait-main-waiting.json'], ['badimage', '', 'badimage.json'], ['duo', '', 'duo-no-container.json']] as const) {
      const response = await get('lab', pod, query);
      expect(response.status).toBe(400);
      expect(response.text).toBe(recordedStatus(file));
    }
    expect((await get('lab', 'initwait', 'container=init-ok')).text).toBe(readFixtureText('logs/initwait-init-ok.txt'));
    const unscheduled = await get('states', 'unsched');
    expect(unscheduled.status).toBe(204);
    expect(unscheduled.text).toBe('');
    const alpha = await get('lab', 'duo', 'container=alpha&timestamps=true');
    expect(alpha.status).toBe(200);
    expect(alpha.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}000000Z alpha \d{2}:\d{2}:\d{2}\n$/);
  });

  it('follows web as the clock advances, with the tail and options kubectl uses', async () => {
    const cluster = await startCluster();
    createManifestPod(cluster, 'lab', 'web');
    advanceUntil(() => (cluster.controlPlane?.logs.read('lab', 'web', 'web')?.length ?? 0) >= 5, 30_000);
    const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

    const tail = await getLog(cluster, cluster.token, 'lab', 'web', 'tailLines=2');
    const ticks = lines(tail.text).map((line) => Number(/web tick (\d+)$/.exec(line)?.[1]));
    expect(ticks).toHaveLength(2);
    expect(ticks[1]).toBe((ticks[0] ?? 0) + 1);

    const follow = await followLog(cluster, cluster.token, 'lab', 'web', 'tailLines=1');
    await eventually(() => expect(lines(follow.text)).toHaveLength(1));
    clock.advance(3000);
    await eventually(() => expect(lines(follow.text)).toHaveLength(4));
    const followed = lines(follow.text).map((line) => Number(/web tick (\d+)$/.exec(line)?.[1]));
    expect(followed).toEqual([ticks[1], (ticks[1] ?? 0) + 1, (ticks[1] ?? 0) + 2, (ticks[1] ?? 0) + 3]);
    expect(follow.ended).toBe(false);

    // Deleting the pod stops its container, and with it the stream.
    const deleted = await deletePod(cluster, 'lab', 'web');
    expect(deleted).toBe(200);
    advanceUntil(() => cluster.store.get({ resource: 'pods', namespace: 'lab', name: 'web' }) === undefined, 60_000, 200);
    await eventually(() => expect(follow.ended).toBe(true));
  });

  it('serves previous after a crash, and a follow of the crashing instance ends when it exits', async () => {
    const cluster = await startCluster();
    createManifestPod(cluster, 'lab', 'crashy');
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'crashy', 'crashy')) === 'running', 30_000);
    const before = await getLog(cluster, cluster.token, 'lab', 'crashy', 'previous=true');
    expect(before.status).toBe(400);
    expect(JSON.parse(before.text)).toMatchObject({ message: 'previous terminated container "crashy" in pod "crashy" not found' });

    const follow = await followLog(cluster, cluster.token, 'lab', 'crashy');
    await eventually(() => expect(follow.text).toBe('starting crashy\nline 2\nline 3: about to fail\n'));
    clock.advance(2500);
    await eventually(() => expect(follow.ended).toBe(true));
    expect(follow.text).toBe('starting crashy\nline 2\nline 3: about to fail\nexiting with 1\n');

    // In CrashLoopBackOff both the current and the previous read go to the instance that just exited.
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'crashy', 'crashy')) === 'waiting', 30_000);
    const whole = 'starting crashy\nline 2\nline 3: about to fail\nexiting with 1\n';
    expect((await getLog(cluster, cluster.token, 'lab', 'crashy')).text).toBe(whole);
    expect((await getLog(cluster, cluster.token, 'lab', 'crashy', 'previous=true')).text).toBe(whole);

    // Running again: previous is the crashed instance, the current one has started over.
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'crashy', 'crashy')) === 'running', 60_000, 200);
    expect((await getLog(cluster, cluster.token, 'lab', 'crashy', 'previous=true')).text).toBe(whole);
    expect((await getLog(cluster, cluster.token, 'lab', 'crashy')).text).toBe('starting crashy\nline 2\nline 3: about to fail\n');
  });

  it('serves an ephemeral container by name once the kubelet has started it', async () => {
    const cluster = await startCluster();
    createManifestPod(cluster, 'lab', 'web');
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'web', 'web')) === 'running', 30_000);
    // It runs the duo pod's alpha loop, which the simulated runtime knows how to run.
    const duo = labPods.find((pod) => (pod['metadata'] as { name: string }).name === 'duo');
    const alphaCommand = ((duo?.['spec'] as { containers: JsonObject[] }).containers[0] ?? {})['command'];
    cluster.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (pod) => {
      const spec = pod['spec'] as JsonObject;
      spec['ephemeralContainers'] = [{ name: 'debugger', image: 'busybox:1.36', command: alphaCommand }];
    });
    const ephemeralState = (): string | undefined => {
      const pod = cluster.store.get({ resource: 'pods', namespace: 'lab', name: 'web' });
      const statuses = ((pod?.['status'] as JsonObject | undefined)?.['ephemeralContainerStatuses'] as JsonObject[] | undefined) ?? [];
      return stateKind(statuses.find((status) => status['name'] === 'debugger'));
    };
    const early = await getLog(cluster, cluster.token, 'lab', 'web', 'container=debugger');
    expect(early.status).toBe(400);
    expect(JSON.parse(early.text)).toMatchObject({ message: expect.stringMatching(/^container "debugger" in pod "web" is (not available|waiting to start: ContainerCreating)$/) as unknown });
    advanceUntil(() => ephemeralState() === 'running', 60_000);
    const response = await getLog(cluster, cluster.token, 'lab', 'web', 'container=debugger');
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^alpha \d{2}:\d{2}:\d{2}\n/);
    expect(response.text).toBe((cluster.controlPlane?.logs.read('lab', 'web', 'debugger') ?? []).map((entry) => `${entry.text}\n`).join(''));
  });

  it('with logRate every running container writes that many lines a second, and keeps a bounded number', async () => {
    const cluster = await startCluster(400);
    createManifestPod(cluster, 'lab', 'web');
    advanceUntil(() => stateKind(containerState(cluster, 'lab', 'web', 'web')) === 'running', 30_000);
    const follow = await followLog(cluster, cluster.token, 'lab', 'web', 'tailLines=0');
    clock.advance(1000);
    await eventually(() => expect(follow.text.endsWith('\n')).toBe(true));
    const perSecond = follow.text.split('\n').length - 1;
    expect(perSecond).toBeGreaterThanOrEqual(399);
    expect(perSecond).toBeLessThanOrEqual(401);
    follow.close();

    // 40 s at 400 lines/s is 16 000 lines: the runtime keeps the newest 10 000 of them.
    for (let second = 0; second < 40; second++) clock.advance(1000);
    const kept = cluster.controlPlane?.logs.read('lab', 'web', 'web') ?? [];
    expect(kept.length).toBe(10_000);
    const all = await getLog(cluster, cluster.token, 'lab', 'web');
    expect(all.text.split('\n')).toHaveLength(10_001);
    expect(all.text.split('\n')[9_999]).toBe(kept[9_999]?.text);
  });
});

function deletePod(cluster: DemoCluster, namespace: string, pod: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}/api/v1/namespaces/${namespace}/pods/${pod}`,
      { method: 'DELETE', headers: { Authorization: `Bearer ${cluster.token}` }, ca: cluster.certificateAuthority, agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
