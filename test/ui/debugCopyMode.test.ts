import { describe, expect, test } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { readFixtureJson } from '../helpers/fixtures.js';
import { cycleChoice, debugRequestOf, editText, formFields, imageProblem, initialDebugForm, moveField, type DebugFormState } from '../../src/ui/debugForm.js';
import { debugTargets, keyAvailability, podHasStopped } from '../../src/ui/debugKeys.js';
import type { DebugPermissions } from '../../src/ui/services.js';

const doneOk = readFixtureJson<V1Pod>('pods/states-done-ok.json');
const doneErr = readFixtureJson<V1Pod>('pods/states-done-err.json');
const web = readFixtureJson<V1Pod>('pods/lab-web.json');

const ALLOWED: DebugPermissions = { debug: { allowed: true }, attach: { allowed: true }, exec: { allowed: true }, copy: { allowed: true } };

function stoppedForm(recentImages: string[] = []): DebugFormState {
  return initialDebugForm({ namespace: 'states', pod: 'done-ok', targets: debugTargets(doneOk), target: 'job', recentImages, stopped: true });
}

function at(form: DebugFormState, field: DebugFormState['field']): DebugFormState {
  return { ...form, field };
}

describe('the debug form for a stopped pod (copy mode)', () => {
  test('the fixtures used are a stopped and a running pod', () => {
    expect(podHasStopped(doneOk)).toBe(true);
    expect(podHasStopped(doneErr)).toBe(true);
    expect(podHasStopped(web)).toBe(false);
  });

  test('has no target; asks for the copy name (pod-debug) and deleting it afterwards (yes)', () => {
    const form = stoppedForm(['nicolaka/netshoot:v0.13']);
    expect(formFields(form)).toEqual(['image', 'profile', 'command', 'pullPolicy', 'copyName', 'deleteCopy']);
    expect(form).toMatchObject({ field: 'image', image: 'nicolaka/netshoot:v0.13', profile: 'general', command: 'sh', pullPolicy: '', target: '', targets: [] });
    expect(form.copy).toEqual({ name: 'done-ok-debug', deleteAfter: true });
  });

  test('a running pod keeps the ephemeral form, with its target and no copy', () => {
    const form = initialDebugForm({ namespace: 'lab', pod: 'web', targets: debugTargets(web), target: 'web', recentImages: [] });
    expect(form.copy).toBeNull();
    expect(formFields(form)).toEqual(['image', 'target', 'profile', 'command', 'pullPolicy']);
    expect(debugRequestOf(form)).toEqual({ namespace: 'lab', pod: 'web', image: 'busybox:1.36', target: 'web', profile: 'general', command: ['sh'] });
  });

  test('Tab walks the copy fields and wraps; the name is typed, the choice toggles', () => {
    let form = stoppedForm();
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      seen.push(form.field);
      form = moveField(form, 1);
    }
    expect(seen).toEqual(['image', 'profile', 'command', 'pullPolicy', 'copyName', 'deleteCopy']);
    expect(form.field).toBe('image');
    expect(moveField(form, -1).field).toBe('deleteCopy');

    form = editText(at(form, 'copyName'), 'done-ok-try2');
    expect(form.copy?.name).toBe('done-ok-try2');
    form = cycleChoice(at(form, 'deleteCopy'), 1);
    expect(form.copy?.deleteAfter).toBe(false);
    expect(cycleChoice(form, -1).copy?.deleteAfter).toBe(true);
  });

  test('Enter: the request carries the copy and no target', () => {
    const form = { ...cycleChoice(at(stoppedForm(), 'deleteCopy'), 1), profile: 'netadmin' as const, pullPolicy: 'IfNotPresent' as const, command: 'sleep 1d' };
    expect(debugRequestOf(editText(at(form, 'copyName'), '  done-ok-copy '))).toEqual({
      namespace: 'states',
      pod: 'done-ok',
      image: 'busybox:1.36',
      profile: 'netadmin',
      command: ['sleep', '1d'],
      pullPolicy: 'IfNotPresent',
      copy: { name: 'done-ok-copy', deleteAfter: false },
    });
    expect(debugRequestOf(stoppedForm())).toEqual({
      namespace: 'states',
      pod: 'done-ok',
      image: 'busybox:1.36',
      profile: 'general',
      command: ['sh'],
      copy: { name: 'done-ok-debug', deleteAfter: true },
    });
  });

  test('a copy name the API server would refuse is one line, not a request', () => {
    const named = (name: string) => debugRequestOf(editText(at(stoppedForm(), 'copyName'), name));
    expect(named('')).toEqual({ error: 'the copy needs a name' });
    expect(named('done-ok')).toEqual({ error: "the copy needs a name other than done-ok's own" });
    expect(named('Done_OK')).toEqual({ error: `"Done_OK" is not a valid pod name (lower-case letters, digits, '-' and '.')` });
    expect(named('x'.repeat(254))).toHaveProperty('error');
    expect(named('a.b-c')).toHaveProperty('copy', { name: 'a.b-c', deleteAfter: true });
  });
});

describe('d on a stopped pod', () => {
  const context = (pod: V1Pod, permissions: DebugPermissions | undefined, canChange = true) => ({ canChange, canReadLogs: true, pod, permissions });

  test('is enabled when creating pods and attaching are allowed (and before the review answers)', () => {
    expect(keyAvailability(context(doneOk, ALLOWED))['debug.open']).toEqual({ kind: 'enabled' });
    expect(keyAvailability(context(doneErr, undefined))['debug.open']).toEqual({ kind: 'enabled' });
    // Patching ephemeral containers is not what a copy needs.
    expect(keyAvailability(context(doneOk, { ...ALLOWED, debug: { allowed: false, reason: 'no patch' } }))['debug.open']).toEqual({ kind: 'enabled' });
  });

  test('is disabled with the refusal when pods cannot be created or attached to', () => {
    expect(keyAvailability(context(doneOk, { ...ALLOWED, copy: { allowed: false, reason: 'cannot create pods in namespace states' } }))['debug.open']).toEqual({
      kind: 'disabled',
      reason: 'forbidden: cannot create pods in namespace states',
    });
    expect(keyAvailability(context(doneOk, { ...ALLOWED, copy: { allowed: false } }))['debug.open']).toEqual({ kind: 'disabled', reason: 'forbidden: cannot create pods' });
    expect(keyAvailability(context(doneOk, { ...ALLOWED, attach: { allowed: false, reason: 'no attach' } }))['debug.open']).toEqual({ kind: 'disabled', reason: 'forbidden: no attach' });
    // A running pod still needs the ephemeral-container patch, not pod creation.
    expect(keyAvailability(context(web, { ...ALLOWED, copy: { allowed: false } }))['debug.open']).toEqual({ kind: 'enabled' });
  });

  test('is hidden with --readonly', () => {
    expect(keyAvailability(context(doneOk, ALLOWED, false))['debug.open']).toEqual({ kind: 'hidden' });
  });
});

describe('the debug form\u2019s image', () => {
  test('is refused with a clear line when it holds a control or invisible character, or a space', () => {
    expect(imageProblem('busybox:1.36')).toBeUndefined();
    expect(imageProblem('busybox\x1b[2J:1')).toBe('the image "busybox\x1b[2J:1" holds a control character');
    expect(imageProblem('busybox\u200b:1')).toMatch(/holds a control character/);
    expect(imageProblem('busy box')).toBe('the image "busy box" holds a space');
    expect(imageProblem('')).toBe('the debug container needs an image');
    const form = { namespace: 'lab', pod: 'web', image: 'busybox\x07', target: '', profile: 'general', command: '', pullPolicy: '', copy: null } as unknown as DebugFormState;
    expect(debugRequestOf(form)).toEqual({ error: 'the image "busybox\x07" holds a control character' });
  });
});
