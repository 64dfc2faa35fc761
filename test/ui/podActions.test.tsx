import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../src/ui/App.js';
import type { Display } from '../../src/ui/glyphs.js';
import type { PodActionPermissions, UiServices } from '../../src/ui/services.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { fakeActions, fakeContexts, fakeForwards, type FakeActions, type FakeContexts, type FakeForwards } from './helpers/actionServices.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { renderAt, type RenderedUi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const UNICODE: Display = { unicode: true, color: false };
const SMALL: Size = { columns: 80, rows: 24 };
const ESC = '\u001b';
const ENTER = '\r';
const CTRL_D = '\u0004';
const CTRL_K = '\u000b';
const DOWN = '\u001b[B';
const TAB = '\t';

const lab: V1Pod[] = podList('pods/lab-list.json').map((pod) =>
  pod.metadata?.name === 'web' ? { ...pod, spec: { ...pod.spec, containers: (pod.spec?.containers ?? []).map((c) => ({ ...c, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] })) } } : pod,
);
const labEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/lab-events.json').items;
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

interface Mounted {
  ui: RenderedUi;
  actions: FakeActions;
  forwards: FakeForwards;
  contexts: FakeContexts;
  services: UiServices;
}

async function mount(options: { readonly?: boolean; permissions?: PodActionPermissions; size?: Size } = {}): Promise<Mounted> {
  const base = fakeServices({ now: labNow, pods: lab, events: labEvents, info: { readonly: options.readonly === true } });
  const actions = fakeActions(lab, labEvents, options);
  const forwards = fakeForwards();
  const contexts = fakeContexts([
    { name: 'lab-admin', cluster: 'lab', user: 'admin', namespace: 'lab', active: true },
    { name: 'lab-viewer', cluster: 'lab', user: 'viewer', namespace: 'lab', active: false },
  ]);
  const services: UiServices = { ...base.services, actions: actions.actions, forwards: forwards.forwards, contexts: contexts.contexts };
  const ui = renderAt(<App services={services} onQuit={() => {}} display={UNICODE} />, options.size ?? SMALL);
  await ui.waitForFrame((f) => f.includes('NAME'));
  return { ui, actions, forwards, contexts, services };
}

async function select(ui: RenderedUi, name: string): Promise<void> {
  await ui.press('/', ...name, ENTER);
  await ui.waitForFrame((f) => f.includes(`Containers │ lab/${name}`));
}

const hintLine = (frame: string): string => frame.split('\n').at(-1) ?? '';

describe('describe and YAML', () => {
  test('D describes the selected pod as kubectl does; / searches, n finds the next match, Esc goes back', async () => {
    const { ui } = await mount();
    await select(ui, 'crashy');
    await ui.press('D');
    const frame = await ui.waitForFrame((f) => f.includes('Describe lab/crashy') && f.includes('Name:'));
    expect(frame).toMatch(/Namespace:\s+lab/);
    expect(hintLine(frame)).toBe('q/Esc back to the explorer');
    await ui.press('/', ...'last state', ENTER);
    const found = await ui.waitForFrame((f) => f.includes('/last state: 1/1'));
    expect(found).toMatch(/Last State:\s+Terminated/);
    await ui.press('G');
    await ui.waitForFrame((f) => /Events:|Back-off/.test(f));
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('Containers │ lab/crashy'));
  });

  test('y shows the YAML, m asks again with managedFields, s saves it', async () => {
    const { ui, actions } = await mount();
    await select(ui, 'web');
    await ui.press('y');
    const frame = await ui.waitForFrame((f) => f.includes('YAML lab/web') && f.includes('metadata:'));
    expect(frame).toContain('managedFields folded');
    await ui.press('m');
    await ui.waitForFrame((f) => actions.yamlCalls.some((call) => call.showManagedFields) && f.includes('  managedFields:'));
    await ui.press('s');
    await ui.waitForFrame((f) => f.includes('saved to /tmp/lab-web.yaml'));
    expect(actions.saves.count).toBe(1);
  });
});

describe('delete and kill', () => {
  test('Ctrl-D names namespace/pod and the grace period; n cancels, y deletes', async () => {
    const { ui, actions } = await mount();
    await select(ui, 'crashy');
    expect(hintLine(ui.frame())).toContain('^D delete');
    await ui.press(CTRL_D);
    const confirm = await ui.waitForFrame((f) => f.includes('Delete pod lab/crashy? Grace period 2s.'));
    expect(confirm).toContain('Enter or y deletes it');
    await ui.press('n');
    await ui.waitForFrame((f) => f.includes('Containers │ lab/crashy'));
    expect(actions.removed).toEqual([]);
    await ui.press(CTRL_D);
    await ui.waitForFrame((f) => f.includes('Delete pod lab/crashy?'));
    await ui.press('y');
    await ui.waitForFrame((f) => f.includes('lab/crashy is terminating (grace period 2s)'));
    expect(actions.removed).toEqual([{ pod: { namespace: 'lab', name: 'crashy', uid: lab.find((p) => p.metadata?.name === 'crashy')?.metadata?.uid }, kind: 'delete' }]);
  });

  test('Ctrl-K wants kill typed before Enter does anything', async () => {
    const { ui, actions } = await mount();
    await select(ui, 'duo');
    await ui.press(CTRL_K);
    await ui.waitForFrame((f) => f.includes('Kill pod lab/duo? Grace period 0, forced.'));
    await ui.press(ENTER, 'y');
    await ui.waitForFrame((f) => f.includes('> y'));
    expect(actions.removed).toEqual([]);
    await ui.press('\u007f', ...'kill', ENTER);
    await ui.waitForFrame((f) => f.includes('lab/duo killed'));
    expect(actions.removed.map((entry) => entry.kind)).toEqual(['kill']);
  });

  test('--readonly offers neither (not in the hints nor in ?), and the key does nothing', async () => {
    const { ui, actions } = await mount({ readonly: true });
    await select(ui, 'crashy');
    expect(hintLine(ui.frame())).not.toContain('delete');
    await ui.press(CTRL_D);
    await ui.waitForFrame((f) => f.includes('no command for ^D'));
    await ui.press('?');
    const help = await ui.waitForFrame((f) => f.includes('Keys'));
    expect(help).not.toContain('Delete the pod');
    expect(actions.removed).toEqual([]);
  });

  test('a denied access review greys delete out with the reason, and the key says it', async () => {
    const { ui } = await mount({ size: { columns: 160, rows: 40 }, permissions: { deletePod: { allowed: false, reason: 'cannot delete pods in namespace lab' }, portForward: { allowed: true } } });
    await select(ui, 'crashy');
    await ui.waitForFrame((f) => hintLine(f).includes('^D delete (forbidden: cannot delete pods in namespace lab)'));
    await ui.press(CTRL_D);
    await ui.waitForFrame((f) => f.includes('forbidden: cannot delete pods in namespace lab') && !f.includes('Delete pod lab/crashy?'));
  });
});

describe('port-forward', () => {
  test('F offers the declared ports, forwards from the same local port, and :pf shows it with its traffic', async () => {
    const { ui, forwards } = await mount();
    await select(ui, 'web');
    await ui.press('F');
    const form = await ui.waitForFrame((f) => f.includes('Port-forward lab/web'));
    expect(form).toContain('8080/TCP http (web)');
    expect(form).toContain('other port:');
    await ui.press(ENTER);
    await ui.waitForFrame((f) => f.includes('forwarding 127.0.0.1:8080 -> lab/web:8080'));
    expect(forwards.started).toEqual([{ pod: expect.objectContaining({ namespace: 'lab', name: 'web' }), remote: 8080, local: 8080 }]);
    await ui.press(':', ...'pf', ENTER);
    const list = await ui.waitForFrame((f) => f.includes('Port-forwards (1 active)'));
    expect(list).toMatch(/lab\/web\s+127\.0\.0\.1:8080\+\s+8080\s+active\s+1\/3\s+120B\/4\.0K\s+1\n/);
    expect(list).toContain('last error: error forwarding port 9999');
    await ui.press('x');
    await ui.waitForFrame((f) => f.includes('Port-forwards (0 active)') && f.includes('ended: stopped'));
    expect(forwards.stopped).toEqual(['1']);
  });

  test('a typed port, and a free local port when the same one is taken', async () => {
    const { ui, forwards } = await mount();
    forwards.state.free = false;
    await select(ui, 'web');
    await ui.press('F');
    await ui.waitForFrame((f) => f.includes('Port-forward lab/web'));
    await ui.press(DOWN, ...'9090', ENTER);
    await ui.waitForFrame((f) => f.includes('9090 was taken here, so a free port'));
    expect(forwards.started.at(-1)).toMatchObject({ remote: 9090, local: 0 });
    await ui.press('F');
    await ui.waitForFrame((f) => f.includes('Port-forward lab/web'));
    await ui.press(TAB, ...'18080', ENTER);
    await ui.waitForFrame(() => forwards.started.length === 2);
    expect(forwards.started.at(-1)).toMatchObject({ remote: 8080, local: 18080 });
  });

  test('F on a pod that is not running says so instead', async () => {
    const { ui } = await mount();
    await select(ui, 'badimage');
    await ui.press('F');
    await ui.waitForFrame((f) => f.includes('lab/badimage is not running (Pending)'));
  });
});

describe(':ctx', () => {
  test('lists the contexts with the current one marked and switches; a failure says why and stays', async () => {
    const { ui, contexts } = await mount();
    contexts.state.failure = 'cannot reach https://10.0.0.1:6443: connection refused';
    await ui.press(':', ...'ctx', ENTER);
    const picker = await ui.waitForFrame((f) => f.includes('Context │'));
    expect(picker).toMatch(/● lab-admin/);
    await ui.press(...'viewer', ENTER);
    await ui.waitForFrame((f) => f.includes('cannot switch to lab-viewer: cannot reach https://10.0.0.1:6443: connection ref'));
    expect(contexts.switched).toEqual(['lab-viewer']);
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('NAME'));
  });

  test(':ctx NAME switches at once; with a forward open it asks first', async () => {
    const { ui, contexts, forwards } = await mount();
    await forwards.forwards.start({ pod: { namespace: 'lab', name: 'web' }, remote: 8080, local: 8080 });
    await ui.press(':', ...'ctx lab-viewer', ENTER);
    await ui.waitForFrame((f) => f.includes('1 port-forward will stop. Switch to lab-viewer?'));
    expect(contexts.switched).toEqual([]);
    await ui.press('y');
    await ui.waitForFrame(() => contexts.switched.length === 1);
    expect(contexts.switched).toEqual(['lab-viewer']);
  });

  test(':ctx with a name the kubeconfig lacks says which ones exist', async () => {
    const { ui, contexts } = await mount();
    await ui.press(':', ...'ctx nope', ENTER);
    await ui.waitForFrame((f) => f.includes('context "nope" not found in kubeconfig (available: lab-admin, lab-viewer)'));
    expect(contexts.switched).toEqual([]);
  });
});
