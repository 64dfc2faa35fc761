import { describe, expect, it } from 'vitest';
import { allContainerNames, defaultContainerName, isRestartableInitContainer } from '../../src/model/containers.js';
import { fixturePod } from './podFixtures.js';

describe('allContainerNames', () => {
  it('lists init, app and ephemeral containers in that order with their kinds', () => {
    const pod = fixturePod('pods/lab-initwait.json');
    expect(allContainerNames(pod)).toEqual([
      { name: 'init-ok', kind: 'init', index: 0 },
      { name: 'init-wait', kind: 'init', index: 1 },
      { name: 'main', kind: 'app', index: 0 },
    ]);
    const debugged = fixturePod('ephemeral/noshell-after-add-pod.json');
    const names = allContainerNames(debugged);
    expect(names.filter((c) => c.kind === 'ephemeral').map((c) => c.name)).toEqual(
      (debugged.spec?.ephemeralContainers ?? []).map((c) => c.name),
    );
    expect(names.some((c) => c.kind === 'ephemeral')).toBe(true);
  });

  it('marks restartable init containers as sidecars', () => {
    const pod = fixturePod('pods/lab-initwait.json');
    pod.spec!.initContainers![0]!.restartPolicy = 'Always';
    expect(allContainerNames(pod)[0]).toEqual({ name: 'init-ok', kind: 'sidecar', index: 0 });
    expect(isRestartableInitContainer(pod.spec!.initContainers![0])).toBe(true);
    expect(isRestartableInitContainer(undefined)).toBe(false);
  });
});

describe('defaultContainerName', () => {
  it('is the first app container without the annotation', () => {
    expect(defaultContainerName(fixturePod('pods/lab-duo.json'))).toBe('alpha');
    expect(defaultContainerName(fixturePod('pods/lab-initwait.json'))).toBe('main');
  });
  it('follows kubectl.kubernetes.io/default-container when it names a container', () => {
    const pod = fixturePod('pods/lab-duo.json');
    pod.metadata!.annotations = { ...pod.metadata!.annotations, 'kubectl.kubernetes.io/default-container': 'beta' };
    expect(defaultContainerName(pod)).toBe('beta');
    pod.metadata!.annotations['kubectl.kubernetes.io/default-container'] = 'nope';
    expect(defaultContainerName(pod)).toBe('alpha');
  });
});
