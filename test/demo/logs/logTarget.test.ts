import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { isUnscheduled, kubeletLogInstance, resolveLogContainer } from '../../../src/demo/logs/logTarget.js';
import { ApiError } from '../../../src/demo/status.js';
import { readFixtureJson, readFixtureText } from '../../helpers/fixtures.js';

const recordedPod = (name: string): JsonObject => readFixtureJson<JsonObject>(`pods/${name}.json`);

function refusal(action: () => unknown): JsonObject {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error.toStatus();
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The recorded Status body, in the server's key order. */
const recordedStatus = (file: string): string => JSON.stringify(JSON.parse(readFixtureText(`logs/${file}`)));

describe('resolveLogContainer (the API server half)', () => {
  it('picks the only container when none is named', () => {
    expect(resolveLogContainer(recordedPod('lab-web'), '')).toBe('web');
  });

  it('refuses a two-container pod without a name with the recorded body', () => {
    expect(JSON.stringify(refusal(() => resolveLogContainer(recordedPod('lab-duo'), '')))).toBe(recordedStatus('duo-no-container.json'));
  });

  it('ignores the default-container annotation: only kubectl honours it', () => {
    const duo = recordedPod('lab-duo');
    const annotated = { ...duo, metadata: { ...(duo['metadata'] as JsonObject), annotations: { 'kubectl.kubernetes.io/default-container': 'beta' } } };
    expect(JSON.stringify(refusal(() => resolveLogContainer(annotated, '')))).toBe(recordedStatus('duo-no-container.json'));
  });

  it('names the init containers too when the pod has some', () => {
    const initwait = recordedPod('lab-initwait');
    const twoContainers = { ...initwait, spec: { ...(initwait['spec'] as JsonObject), containers: [{ name: 'main' }, { name: 'side' }] } };
    expect(refusal(() => resolveLogContainer(twoContainers, ''))['message']).toBe(
      'a container name must be specified for pod initwait, choose one of: [main side] or one of the init containers: [init-ok init-wait]',
    );
  });

  it('refuses an unknown container with the recorded body, and accepts init and ephemeral containers', () => {
    expect(JSON.stringify(refusal(() => resolveLogContainer(recordedPod('lab-web'), 'nope')))).toBe(recordedStatus('web-nosuchcontainer.json'));
    expect(resolveLogContainer(recordedPod('lab-initwait'), 'init-ok')).toBe('init-ok');
    const web = recordedPod('lab-web');
    const debugged = { ...web, spec: { ...(web['spec'] as JsonObject), ephemeralContainers: [{ name: 'debugger-abcde', image: 'busybox' }] } };
    expect(resolveLogContainer(debugged, 'debugger-abcde')).toBe('debugger-abcde');
  });

  it('knows an unscheduled pod (the API server then answers 204)', () => {
    expect(isUnscheduled(recordedPod('states-unsched'))).toBe(true);
    expect(isUnscheduled(recordedPod('lab-web'))).toBe(false);
  });
});

describe('kubeletLogInstance (the kubelet half)', () => {
  it('refuses containers waiting to start with the recorded bodies', () => {
    expect(JSON.stringify(refusal(() => kubeletLogInstance(recordedPod('lab-initwait'), 'main', false)))).toBe(recordedStatus('initwait-main-waiting.json'));
    expect(JSON.stringify(refusal(() => kubeletLogInstance(recordedPod('lab-badimage'), 'bad', false)))).toBe(recordedStatus('badimage.json'));
  });

  it('words image pull failures as the kubelet does', () => {
    expect(refusal(() => kubeletLogInstance(recordedPod('lab-badpull'), 'bad', false))['message']).toBe(
      'container "bad" in pod "badpull" is waiting to start: trying and failing to pull image',
    );
    const badpull = recordedPod('lab-badpull');
    const status = badpull['status'] as JsonObject;
    const pulling = { ...badpull, status: { ...status, containerStatuses: [{ name: 'bad', state: { waiting: { reason: 'ErrImagePull' } }, lastState: {}, restartCount: 0 }] } };
    expect(refusal(() => kubeletLogInstance(pulling, 'bad', false))['message']).toBe('container "bad" in pod "badpull" is waiting to start: image can\'t be pulled');
  });

  it('reads the running instance, or with previous the last terminated one', () => {
    const web = recordedPod('lab-web');
    const running = kubeletLogInstance(web, 'web', false);
    expect(running).toEqual({ containerID: expect.stringMatching(/^containerd:\/\//) as unknown, restartCount: 1 });
    expect(kubeletLogInstance(web, 'web', true)).toEqual({ containerID: 'containerd://8a8815900192a737af0cb0430893afa138da384d44481e47e491dab84d9d1aae', restartCount: 0 });
  });

  it('serves a crash-looping container: the terminated instance now, the one before with previous', () => {
    const crashy = recordedPod('lab-crashy');
    const restarts = ((crashy['status'] as JsonObject)['containerStatuses'] as JsonObject[])[0]?.['restartCount'] as number;
    expect(kubeletLogInstance(crashy, 'crashy', false)).toEqual({
      containerID: 'containerd://fc89b913c86224727764f22a2e5034a312baa2e51d94f0065883d3a1291b4aa4',
      restartCount: restarts,
    });
    expect(kubeletLogInstance(crashy, 'crashy', true).containerID).toMatch(/^containerd:\/\/576670a7/);
  });

  it('while waiting in CrashLoopBackOff, both reads go to the last instance that exited', () => {
    const lastExit = { exitCode: 1, reason: 'Error', startedAt: '2026-11-23T09:16:08Z', finishedAt: '2026-11-23T09:16:10Z', containerID: 'containerd://dead' };
    const pod = {
      metadata: { name: 'crashy' },
      spec: { nodeName: 'vm', containers: [{ name: 'crashy' }] },
      status: { containerStatuses: [{ name: 'crashy', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: lastExit }, restartCount: 4 }] },
    };
    expect(kubeletLogInstance(pod, 'crashy', false)).toEqual({ containerID: 'containerd://dead', restartCount: 4 });
    expect(kubeletLogInstance(pod, 'crashy', true)).toEqual({ containerID: 'containerd://dead', restartCount: 4 });
  });

  it('refuses previous without a terminated instance in the kubelet wording', () => {
    expect(refusal(() => kubeletLogInstance(recordedPod('states-notready'), 'app', true))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'previous terminated container "app" in pod "notready" not found',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('serves a finished init container and says when the kubelet has no status for a container yet', () => {
    expect(kubeletLogInstance(recordedPod('lab-initwait'), 'init-ok', false).containerID).toMatch(/^containerd:\/\/2aecd1d4/);
    const web = recordedPod('lab-web');
    expect(refusal(() => kubeletLogInstance(web, 'debugger-abcde', false))['message']).toBe('container "debugger-abcde" in pod "web" is not available');
  });
});
