import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/apiObjects.js';
import { keyAvailability } from '../../src/ui/debugKeys.js';
import { helpGroups, hintsFor, bindingsFor, visibleBindings, type BindingState } from '../../src/ui/keymap.js';
import { fixturePod } from '../model/podFixtures.js';

const owned = (): Pod => {
  const pod = fixturePod('pods/lab-web.json');
  pod.metadata = { ...pod.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1', controller: true }] };
  return pod;
};

describe('L, the workload log key', () => {
  it('is offered with the workload log service, greyed out with the reason for a pod without a controller', () => {
    const base = { canChange: true, canReadLogs: true, permissions: undefined };
    expect(keyAvailability({ ...base, canReadWorkloadLogs: true, pod: owned() })['logs.workload']).toEqual({ kind: 'enabled' });
    // The recorded lab pods are bare pods.
    expect(keyAvailability({ ...base, canReadWorkloadLogs: true, pod: fixturePod('pods/lab-web.json') })['logs.workload']).toEqual({ kind: 'disabled', reason: 'the pod has no controller (no workload)' });
    expect(keyAvailability({ ...base, canReadWorkloadLogs: false, pod: owned() })['logs.workload']).toEqual({ kind: 'hidden' });
    // --readonly keeps reading logs.
    expect(keyAvailability({ ...base, canChange: false, canReadWorkloadLogs: true, pod: owned() })['logs.workload']).toEqual({ kind: 'enabled' });
  });

  it('is in the hint line of the pod table and in the help of both panes', () => {
    const state: BindingState = () => ({ hidden: false });
    expect(hintsFor(visibleBindings(bindingsFor('pods'), state), true).find((hint) => hint.keys === 'L')).toEqual({ keys: 'L', label: 'workload' });
    const groups = helpGroups();
    for (const title of ['Pod table', 'Container tree']) {
      expect(groups.find((group) => group.title === title)?.bindings.some((binding) => binding.command === 'logs.workload' && binding.keys.includes('L'))).toBe(true);
    }
  });
});
