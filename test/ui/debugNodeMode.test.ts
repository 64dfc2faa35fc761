import { describe, expect, test } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { readFixtureJson } from '../helpers/fixtures.js';
import { p } from '../../src/model/printable.js';
import { cycleChoice, debugFormTitle, debugRequestOf, formFields, initialDebugForm, permanenceWarning } from '../../src/ui/debugForm.js';
import { keyAvailability } from '../../src/ui/debugKeys.js';
import type { DebugPermissions } from '../../src/ui/services.js';

const web = readFixtureJson<V1Pod>('pods/lab-web.json');
const ALLOWED: DebugPermissions = { debug: { allowed: true }, attach: { allowed: true }, exec: { allowed: true }, copy: { allowed: true } };

describe('N: the debug form in node mode', () => {
  const form = initialDebugForm({ namespace: 'lab', pod: 'web', targets: ['web'], target: 'web', recentImages: [], node: 'vm' });

  test('no target, no permanence warning (the pod can be deleted), deleting the pod afterwards by default', () => {
    expect(formFields(form)).toEqual(['image', 'profile', 'command', 'pullPolicy', 'deletePod']);
    expect(form.node).toEqual({ name: 'vm', deleteAfter: true });
    expect(form.copy).toBeNull();
    expect(permanenceWarning(form)).toBeUndefined();
    expect(debugFormTitle(form, p`|`)).toBe("Debug node vm | lab/web's node | a pod in its host namespaces");
  });

  test('the request names the node, in the pod\'s namespace; keeping the pod is one key away', () => {
    expect(debugRequestOf(form)).toEqual({ namespace: 'lab', pod: 'web', image: 'busybox:1.36', profile: 'general', command: ['sh'], node: { name: 'vm', deleteAfter: true } });
    const kept = cycleChoice({ ...form, field: 'deletePod' }, 1);
    expect(debugRequestOf(kept)).toMatchObject({ node: { name: 'vm', deleteAfter: false } });
  });

  test('N needs create pods and pods/attach, a pod on a node, and is hidden with --readonly', () => {
    expect(web.spec?.nodeName).toBeTruthy();
    expect(keyAvailability({ canChange: true, canReadLogs: true, pod: web, permissions: ALLOWED })['debug.node']).toEqual({ kind: 'enabled' });
    const noCreate = { ...ALLOWED, copy: { allowed: false, reason: 'RBAC: no' } };
    expect(keyAvailability({ canChange: true, canReadLogs: true, pod: web, permissions: noCreate })['debug.node']).toEqual({ kind: 'disabled', reason: 'forbidden: RBAC: no' });
    const noAttach = { ...ALLOWED, attach: { allowed: false } };
    expect(keyAvailability({ canChange: true, canReadLogs: true, pod: web, permissions: noAttach })['debug.node']).toEqual({ kind: 'disabled', reason: 'forbidden: cannot create pods/attach' });
    const pending = { ...web, spec: { ...web.spec, containers: web.spec?.containers ?? [], nodeName: undefined } };
    expect(keyAvailability({ canChange: true, canReadLogs: true, pod: pending, permissions: ALLOWED })['debug.node']).toEqual({ kind: 'disabled', reason: 'the pod is not on a node yet' });
    expect(keyAvailability({ canChange: false, canReadLogs: true, pod: web, permissions: ALLOWED })['debug.node']).toEqual({ kind: 'hidden' });
  });
});
