import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { applyPodDefaults } from '../../../src/demo/controlPlane/index.js';
import { readFixtureJson } from '../../helpers/fixtures.js';
import { condition, containerStatus, createHarness, eventSummary, phaseOf, stateOf, type Harness } from './harness.js';

let harness: Harness;
afterEach(() => harness.stop());

function ready(pod: JsonObject | undefined): boolean {
  return condition(pod, 'Ready')?.['status'] === 'True';
}

describe('a pod that runs', () => {
  it('goes scheduled → ContainerCreating → Running and Ready, one store update per status change', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'web');
    harness.advanceUntil(() => ready(harness.pod('lab', 'web')), 5_000);
    const changes = harness.podChanges('lab', 'web');
    const steps = changes.map((change) => {
      const object = change.object;
      const spec = object['spec'] as JsonObject;
      const status = object['status'] as JsonObject;
      return `${change.type} node=${String(spec['nodeName'] ?? '-')} ip=${String(status['podIP'] ?? '-')} ${stateOf(containerStatus(object, 'web'))} ready=${String(condition(object, 'Ready')?.['status'] ?? '-')}`;
    });
    expect(steps).toEqual([
      'ADDED node=- ip=- none ready=-',
      expect.stringMatching(/^MODIFIED node=node-[abc] ip=- none ready=-$/),
      expect.stringMatching(/^MODIFIED node=node-[abc] ip=- waiting:ContainerCreating ready=False$/),
      expect.stringMatching(/^MODIFIED node=node-[abc] ip=10\.244\.\d+\.\d+ running ready=True$/),
    ]);
    const pod = harness.pod('lab', 'web');
    const status = pod?.['status'] as JsonObject;
    expect(status['phase']).toBe('Running');
    expect(status['hostIP']).toMatch(/^192\.0\.2\.\d+$/);
    expect(status['podIPs']).toEqual([{ ip: status['podIP'] }]);
    expect(containerStatus(pod, 'web')).toMatchObject({
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/busybox:latest',
      imageID: 'sha256:ce50f85f7bacf5d4352a5aa523f958a82759d23470942b237950feb0e1b8484a',
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
    });
    const node = String((pod?.['spec'] as JsonObject)['nodeName']);
    expect(eventSummary(harness.events('lab', 'web'))).toEqual([
      `Normal Scheduled: Successfully assigned lab/web to ${node}`,
      'Normal Pulled: Container image "busybox:latest" already present on machine',
      'Normal Created: Created container web',
      'Normal Started: Started container web',
    ]);
    const started = harness.events('lab', 'web').find((event) => event['reason'] === 'Started');
    expect(started).toMatchObject({ source: { component: 'kubelet', host: node }, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' } });
  });

  it('runs a pod created later through the API without defaults, pulling its image first', () => {
    harness = createHarness();
    harness.store.create('namespaces', { metadata: { name: 'default' } });
    harness.store.create('pods', { metadata: { name: 'bare', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    harness.advanceUntil(() => ready(harness.pod('default', 'bare')), 10_000);
    const pod = harness.pod('default', 'bare');
    const spec = pod?.['spec'] as JsonObject;
    expect(spec['schedulerName']).toBe('default-scheduler');
    expect(spec['volumes']).toEqual([expect.objectContaining({ name: expect.stringMatching(/^kube-api-access-[a-z0-9]{5}$/) })]);
    const messages = eventSummary(harness.events('default', 'bare'));
    expect(messages).toContain('Normal Pulling: Pulling image "nginx:1.25"');
    expect(messages).toContainEqual(expect.stringMatching(/^Normal Pulled: Successfully pulled image "nginx:1\.25" in [\d.]+m?s \([\d.]+m?s including waiting\)$/));
  });
});

describe('a crash-looping container', () => {
  it('restarts at once the first time, then after 10, 20, 40, 80, 160, 300, 300 s, in CrashLoopBackOff meanwhile', () => {
    harness = createHarness();
    const created = harness.createManifestPod('lab', 'crashy');
    const uid = String((created['metadata'] as JsonObject)['uid']);
    const restarts: { count: number; at: number; previousFinish: number }[] = [];
    const backOffMessages: string[] = [];
    harness.store.onChange((change) => {
      const status = containerStatus(change.object, 'crashy');
      if (change.resource !== 'pods' || status === undefined) return;
      const state = status['state'] as Record<string, JsonObject>;
      const count = Number(status['restartCount']);
      if (state['running'] !== undefined && count > (restarts.at(-1)?.count ?? 0)) {
        const last = (status['lastState'] as Record<string, JsonObject>)['terminated'];
        restarts.push({ count, at: harness.clock.now(), previousFinish: Date.parse(String(last?.['finishedAt'])) });
      }
      const message = state['waiting']?.['message'];
      if (typeof message === 'string' && message !== backOffMessages.at(-1)) backOffMessages.push(message);
    });
    harness.advanceUntil(() => restarts.length >= 8, 1_500_000, 500);
    const waits = restarts.map((restart) => restart.at - restart.previousFinish);
    // finishedAt is whole seconds and starting takes a moment: allow up to 1.5 s over the back-off.
    expect(waits[0]).toBeLessThan(2_500);
    const expected = [10, 20, 40, 80, 160, 300, 300];
    waits.slice(1).forEach((wait, index) => {
      const backoff = (expected[index] ?? 0) * 1000;
      expect(wait).toBeGreaterThanOrEqual(backoff);
      expect(wait).toBeLessThan(backoff + 1_500);
    });
    expect(backOffMessages).toEqual(
      ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'].map((delay) => `back-off ${delay} restarting failed container=crashy pod=crashy_lab(${uid})`),
    );
    // The new instance fails again two seconds later.
    harness.clock.advance(4_000);
    const pod = harness.pod('lab', 'crashy');
    expect(phaseOf(pod)).toBe('Running');
    expect(condition(pod, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [crashy]' });
    const backOff = harness.events('lab', 'crashy').find((event) => event['reason'] === 'BackOff');
    expect(backOff).toMatchObject({ type: 'Warning', message: 'Back-off restarting failed container', involvedObject: { fieldPath: 'spec.containers{crashy}' } });
    expect(Number(backOff?.['count'])).toBeGreaterThan(7);
  });

  it('shows the exit as terminated, then CrashLoopBackOff with the exit as lastState, as the recorded watch did', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'crashy');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'crashy'), 'crashy')) === 'waiting:CrashLoopBackOff', 60_000);
    const states = harness.podChanges('lab', 'crashy').map((change) => stateOf(containerStatus(change.object, 'crashy')));
    const firstLoop = states.indexOf('waiting:CrashLoopBackOff');
    expect(states[firstLoop - 1]).toBe('terminated:Error');
    const pod = harness.pod('lab', 'crashy');
    const status = containerStatus(pod, 'crashy');
    const last = (status?.['lastState'] as Record<string, JsonObject>)['terminated'];
    expect(last).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status?.['containerID']).toBe(last?.['containerID']);
    expect(status).toMatchObject({ ready: false, started: false, restartCount: 1 });
  });
});

describe('an OOM-killed container', () => {
  it('terminates with OOMKilled / 137 and restarts with back-off', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'oom');
    harness.advanceUntil(() => Number(containerStatus(harness.pod('states', 'oom'), 'hog')?.['restartCount']) >= 2, 60_000);
    const pod = harness.pod('states', 'oom');
    const last = (containerStatus(pod, 'hog')?.['lastState'] as Record<string, JsonObject>)['terminated'];
    expect(last).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect((pod?.['status'] as JsonObject)['qosClass']).toBe('Burstable');
    const states = harness.podChanges('states', 'oom').map((change) => stateOf(containerStatus(change.object, 'hog')));
    expect(states).toContain('terminated:OOMKilled');
    expect(harness.plane.logs.read('states', 'oom', 'hog', { previous: true })?.map((entry) => entry.text)).toEqual(['allocating']);
  });
});

describe('init containers', () => {
  it('run one after another; the app container waits in PodInitializing while one runs forever', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'initwait');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'initwait'), 'init-wait', 'initContainerStatuses')) === 'running', 5_000);
    harness.clock.advance(30_000);
    const pod = harness.pod('lab', 'initwait');
    expect(phaseOf(pod)).toBe('Pending');
    expect(containerStatus(pod, 'init-ok', 'initContainerStatuses')).toMatchObject({ ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(containerStatus(pod, 'init-ok', 'initContainerStatuses')).not.toHaveProperty('started');
    expect(containerStatus(pod, 'main')).toMatchObject({ state: { waiting: { reason: 'PodInitializing' } }, image: 'busybox:latest', imageID: '', started: false });
    expect(condition(pod, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-wait]' });
    expect(condition(pod, 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [main]' });
    const fieldPaths = harness.events('lab', 'initwait').map((event) => (event['involvedObject'] as JsonObject)['fieldPath']);
    expect(fieldPaths).toContain('spec.initContainers{init-ok}');
    expect(fieldPaths).toContain('spec.initContainers{init-wait}');
    expect(fieldPaths).not.toContain('spec.containers{main}');
  });

  it('a failing init container is restarted with back-off (Init:CrashLoopBackOff) and writes its error on stderr', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'initfail');
    harness.advanceUntil(() => Number(containerStatus(harness.pod('states', 'initfail'), 'migrate', 'initContainerStatuses')?.['restartCount']) >= 2, 60_000);
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('states', 'initfail'), 'migrate', 'initContainerStatuses')) === 'waiting:CrashLoopBackOff', 60_000);
    const pod = harness.pod('states', 'initfail');
    expect(phaseOf(pod)).toBe('Pending');
    expect(containerStatus(pod, 'migrate', 'initContainerStatuses')).toMatchObject({ lastState: { terminated: { exitCode: 1, reason: 'Error' } }, ready: false });
    expect(containerStatus(pod, 'app')).toMatchObject({ state: { waiting: { reason: 'PodInitializing' } } });
    expect(condition(pod, 'Initialized')).toMatchObject({ status: 'False', message: 'containers with incomplete status: [migrate]' });
    const backOff = harness.events('states', 'initfail').find((event) => event['reason'] === 'BackOff');
    expect(backOff).toMatchObject({ message: 'Back-off restarting failed container', involvedObject: { fieldPath: 'spec.initContainers{migrate}' } });
    expect(harness.plane.logs.read('states', 'initfail', 'migrate', { previous: true })).toEqual([expect.objectContaining({ text: 'migration failed', stream: 'stderr' })]);
  });

  it('with restartPolicy Never a failed init container fails the pod', () => {
    harness = createHarness();
    harness.store.create('namespaces', { metadata: { name: 'states' } });
    harness.store.create(
      'pods',
      applyPodDefaults({
        metadata: { name: 'initfail-once', namespace: 'states' },
        spec: {
          restartPolicy: 'Never',
          initContainers: [{ name: 'migrate', image: 'busybox:latest', imagePullPolicy: 'Never', command: ['sh', '-c', 'echo migration failed >&2; exit 1'] }],
          containers: [{ name: 'app', image: 'busybox:latest', imagePullPolicy: 'Never', command: ['sleep', '100000'] }],
        },
      }),
    );
    harness.advanceUntil(() => phaseOf(harness.pod('states', 'initfail-once')) === 'Failed', 10_000);
    expect(containerStatus(harness.pod('states', 'initfail-once'), 'migrate', 'initContainerStatuses')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 1 } } });
  });

  it('a sidecar (restartable init container) keeps running next to the app container', () => {
    harness = createHarness();
    harness.store.create('namespaces', { metadata: { name: 'shop' } });
    harness.store.create(
      'pods',
      applyPodDefaults({
        metadata: { name: 'cart', namespace: 'shop' },
        spec: {
          initContainers: [{ name: 'redis', image: 'redis:7.2.4-alpine', restartPolicy: 'Always' }],
          containers: [{ name: 'app', image: 'busybox:latest', imagePullPolicy: 'Never', command: ['sleep', '100000'] }],
        },
      }),
    );
    harness.advanceUntil(() => ready(harness.pod('shop', 'cart')), 10_000);
    const pod = harness.pod('shop', 'cart');
    expect(phaseOf(pod)).toBe('Running');
    expect(containerStatus(pod, 'redis', 'initContainerStatuses')).toMatchObject({ state: { running: {} }, ready: true, started: true });
    expect(harness.plane.logs.read('shop', 'cart', 'redis')?.some((entry) => entry.text.includes('Ready to accept connections'))).toBe(true);
  });
});

describe('image problems', () => {
  it('a failed pull shows ErrImagePull, then ImagePullBackOff, with the recorded messages and events, retried with back-off', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'badpull');
    const recordedWatch = readFixtureJson<JsonObject>('pods/lab-badpull.json');
    const recordedWaiting = (containerStatus(recordedWatch, 'bad')?.['state'] as Record<string, JsonObject>)['waiting'];
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'badpull'), 'bad')) === 'waiting:ImagePullBackOff', 10_000);
    const states = harness.podChanges('lab', 'badpull').map((change) => containerStatus(change.object, 'bad')?.['state']);
    const errImagePull = states.map((state) => (state as Record<string, JsonObject> | undefined)?.['waiting']).find((waiting) => waiting?.['reason'] === 'ErrImagePull');
    expect(String(errImagePull?.['message'])).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "127.0.0.1:5999/lab/does-not-exist:1.0": failed to resolve reference "127.0.0.1:5999/lab/does-not-exist:1.0": failed to do request: Head "http://127.0.0.1:5999/v2/lab/does-not-exist/manifests/1.0": dial tcp 127.0.0.1:5999: connect: connection refused',
    );
    expect((containerStatus(harness.pod('lab', 'badpull'), 'bad')?.['state'] as Record<string, JsonObject>)['waiting']).toEqual(recordedWaiting);
    expect(containerStatus(harness.pod('lab', 'badpull'), 'bad')).toMatchObject({ image: '127.0.0.1:5999/lab/does-not-exist:1.0', imageID: '', started: false });

    const pullTimes: number[] = [];
    let pulls = 0;
    harness.advanceUntil(() => {
      const pulling = harness.events('lab', 'badpull').find((event) => event['reason'] === 'Pulling');
      const count = Number(pulling?.['count'] ?? 0);
      if (count > pulls) {
        pulls = count;
        pullTimes.push(harness.clock.now());
      }
      return pulls >= 4;
    }, 300_000, 250);
    const gaps = pullTimes.slice(1).map((time, index) => time - (pullTimes[index] ?? 0));
    // The image back-off doubles too: the first retry after 10 s, then 20 s, then 40 s (at the next sync after it).
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(40_000);
    expect(gaps[2]).toBeLessThan(60_000);
    const summary = eventSummary(harness.events('lab', 'badpull'));
    expect(summary).toEqual(
      expect.arrayContaining([
        'Normal Pulling: Pulling image "127.0.0.1:5999/lab/does-not-exist:1.0"',
        `Warning Failed: Failed to pull image "127.0.0.1:5999/lab/does-not-exist:1.0": ${String(errImagePull?.['message'])}`,
        'Warning Failed: Error: ErrImagePull',
        'Normal BackOff: Back-off pulling image "127.0.0.1:5999/lab/does-not-exist:1.0"',
        'Warning Failed: Error: ImagePullBackOff',
      ]),
    );
  });

  it('an image that is not present with pull policy Never gives ErrImageNeverPull', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'badimage');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'badimage'), 'bad')) === 'waiting:ErrImageNeverPull', 5_000);
    const recorded = readFixtureJson<JsonObject>('pods/lab-badimage.json');
    expect(containerStatus(harness.pod('lab', 'badimage'), 'bad')?.['state']).toEqual(containerStatus(recorded, 'bad')?.['state']);
    harness.clock.advance(60_000);
    expect(eventSummary(harness.events('lab', 'badimage')).slice(1)).toEqual([
      'Warning ErrImageNeverPull: Container image "registry.invalid/nope/does-not-exist:1.0" is not present with pull policy of Never',
      'Warning Failed: Error: ErrImageNeverPull',
    ]);
    expect(Number(harness.events('lab', 'badimage')[1]?.['count'])).toBeGreaterThan(3);
    expect(phaseOf(harness.pod('lab', 'badimage'))).toBe('Pending');
  });
});

describe('scheduling', () => {
  it('a pod whose nodeSelector matches no node stays Pending with Unschedulable and a repeating FailedScheduling', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'unsched');
    harness.clock.advance(5_000);
    const pod = harness.pod('states', 'unsched');
    const message = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(pod?.['status']).toEqual({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-11-23T09:00:00Z', reason: 'Unschedulable', message }],
      qosClass: 'BestEffort',
    });
    expect((pod?.['spec'] as JsonObject)['nodeName']).toBeUndefined();
    const [event] = harness.events('states', 'unsched');
    expect(event).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message, action: 'Scheduling', reportingComponent: 'default-scheduler' });
    harness.clock.advance(6 * 60_000);
    expect(harness.events('states', 'unsched')).toHaveLength(1);
    expect(harness.events('states', 'unsched')[0]?.['series']).toMatchObject({ count: 2 });
  });
});

describe('run-to-completion pods', () => {
  it('a pod that exits 0 with restartPolicy Never Succeeds (Completed), one that exits 3 Fails (Error)', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'done-ok');
    harness.createManifestPod('states', 'done-err');
    harness.advanceUntil(() => phaseOf(harness.pod('states', 'done-ok')) === 'Succeeded' && phaseOf(harness.pod('states', 'done-err')) === 'Failed', 10_000);
    const ok = harness.pod('states', 'done-ok');
    expect(containerStatus(ok, 'job')).toMatchObject({ state: { terminated: { exitCode: 0, reason: 'Completed' } }, ready: false, started: false });
    expect(condition(ok, 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    expect(condition(ok, 'Ready')).toEqual(expect.objectContaining({ status: 'False', reason: 'PodCompleted' }));
    expect(condition(ok, 'Ready')).not.toHaveProperty('message');
    const err = harness.pod('states', 'done-err');
    expect(containerStatus(err, 'job')).toMatchObject({ state: { terminated: { exitCode: 3, reason: 'Error' } }, restartCount: 0 });
    expect(condition(err, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [job]' });
    expect(harness.plane.logs.read('states', 'done-ok', 'job')?.map((entry) => entry.text)).toEqual(['working', 'done']);
    // Finished pods stay as they are.
    const before = harness.podChanges('states', 'done-ok').length;
    harness.clock.advance(120_000);
    expect(harness.podChanges('states', 'done-ok')).toHaveLength(before);
  });
});

describe('readiness probes', () => {
  it('a failing readiness probe keeps the running container unready and reports Unhealthy every period', () => {
    harness = createHarness();
    harness.createManifestPod('states', 'notready');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('states', 'notready'), 'app')) === 'running', 5_000);
    harness.clock.advance(60_000);
    const pod = harness.pod('states', 'notready');
    expect(phaseOf(pod)).toBe('Running');
    expect(containerStatus(pod, 'app')).toMatchObject({ ready: false, started: true });
    expect(condition(pod, 'ContainersReady')).toMatchObject({ status: 'False', message: 'containers with unready status: [app]' });
    const unhealthy = harness.events('states', 'notready').find((event) => event['reason'] === 'Unhealthy');
    expect(unhealthy).toMatchObject({ type: 'Warning', message: 'Readiness probe failed: ' });
    expect(Number(unhealthy?.['count'])).toBeGreaterThanOrEqual(11);
    expect(Number(unhealthy?.['count'])).toBeLessThanOrEqual(13);
  });
});

describe('ephemeral containers', () => {
  it('start when added to the spec and can end by themselves', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'web');
    harness.advanceUntil(() => ready(harness.pod('lab', 'web')), 5_000);
    harness.store.update({ resource: 'pods', namespace: 'lab', name: 'web' }, (pod) => {
      (pod['spec'] as JsonObject)['ephemeralContainers'] = [
        { name: 'debugger-x1', image: 'busybox:latest', command: ['sh'], stdin: true, tty: true, imagePullPolicy: 'Never', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} },
      ];
    });
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'web'), 'debugger-x1', 'ephemeralContainerStatuses')) === 'running', 5_000);
    const states = harness.podChanges('lab', 'web').map((change) => stateOf(containerStatus(change.object, 'debugger-x1', 'ephemeralContainerStatuses')));
    expect(states.filter((state) => state !== 'none')).toEqual(['waiting:ContainerCreating', 'running']);
    const status = containerStatus(harness.pod('lab', 'web'), 'debugger-x1', 'ephemeralContainerStatuses');
    expect(Object.keys(status ?? {})).toEqual(['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID']);
    expect(harness.events('lab', 'web').map((event) => (event['involvedObject'] as JsonObject)['fieldPath'])).toContain('spec.ephemeralContainers{debugger-x1}');
    expect(harness.plane.exitContainer('lab', 'web', 'debugger-x1', 0)).toBe(true);
    harness.clock.advance(2_000);
    expect(containerStatus(harness.pod('lab', 'web'), 'debugger-x1', 'ephemeralContainerStatuses')).toMatchObject({ state: { terminated: { exitCode: 0, reason: 'Completed' } }, restartCount: 0 });
    expect(phaseOf(harness.pod('lab', 'web'))).toBe('Running');
  });
});
