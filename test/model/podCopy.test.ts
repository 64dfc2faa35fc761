import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { debugContainerSpec } from '../../src/model/debugProfiles.js';
import { podCopyForDebug, regularContainerFrom } from '../../src/model/podCopy.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const debuggerSpec = debugContainerSpec({ name: 'debugger-abcde', image: 'busybox:1.36', command: ['sh'], profile: 'general', targetContainerName: 'job' });

function fixturePod(): V1Pod {
  return readFixtureJson<V1Pod>('pods/states-done-ok.json');
}

describe('podCopyForDebug', () => {
  it('copies a finished pod for kubectl debug --copy-to: new name, shared PIDs, no node, identity or status', () => {
    const original = fixturePod();
    const copy = podCopyForDebug(original, { name: 'done-ok-debug', debugger: debuggerSpec });
    expect(copy.metadata).toEqual({ name: 'done-ok-debug', namespace: 'states', ...(original.metadata?.annotations ? { annotations: original.metadata.annotations } : {}) });
    expect(copy.status).toBeUndefined();
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.spec?.nodeName).toBeUndefined();
    expect(copy.spec?.restartPolicy).toBe('Never');
    expect(copy.spec?.volumes).toEqual(original.spec?.volumes);
    expect(copy.spec?.containers.map((c) => c.name)).toEqual(['job', 'debugger-abcde']);
    expect(copy.spec?.containers[0]).toEqual(original.spec?.containers[0]);
  });

  it('adds the debugger as a regular container with stdin, tty, command and the profile securityContext', () => {
    const copy = podCopyForDebug(fixturePod(), { name: 'x', debugger: debuggerSpec });
    expect(copy.spec?.containers[1]).toEqual({
      name: 'debugger-abcde',
      image: 'busybox:1.36',
      command: ['sh'],
      stdin: true,
      tty: true,
      terminationMessagePolicy: 'File',
      securityContext: { capabilities: { add: ['SYS_PTRACE'] } },
    });
    expect(regularContainerFrom(debuggerSpec)).not.toHaveProperty('targetContainerName');
  });

  it('drops probes, ephemeral containers, labels and ownerReferences, and leaves the original untouched', () => {
    const original = fixturePod();
    original.metadata = { ...original.metadata, labels: { app: 'job' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u' }] };
    const job = original.spec?.containers[0];
    if (!job || !original.spec) throw new Error('fixture has no container');
    job.livenessProbe = { exec: { command: ['true'] } };
    job.readinessProbe = { exec: { command: ['true'] } };
    job.startupProbe = { exec: { command: ['true'] } };
    original.spec.ephemeralContainers = [{ name: 'debugger-old', image: 'busybox' }];
    const before = structuredClone(original);

    const copy = podCopyForDebug(original, { name: 'x', debugger: debuggerSpec });
    const copied = copy.spec?.containers[0];
    expect(copied?.livenessProbe).toBeUndefined();
    expect(copied?.readinessProbe).toBeUndefined();
    expect(copied?.startupProbe).toBeUndefined();
    expect(copied?.command).toEqual(job.command);
    expect(copy.spec?.ephemeralContainers).toBeUndefined();
    expect(copy.metadata?.labels).toBeUndefined();
    expect(copy.metadata?.ownerReferences).toBeUndefined();
    expect(copy.metadata?.uid).toBeUndefined();
    expect(copy.metadata?.resourceVersion).toBeUndefined();
    expect(original).toEqual(before);
  });

  it('refuses a debugger name the pod already uses', () => {
    const clash = debugContainerSpec({ name: 'job', image: 'busybox:1.36', profile: 'baseline' });
    expect(() => podCopyForDebug(fixturePod(), { name: 'x', debugger: clash })).toThrow('already has a container named job');
  });
});
