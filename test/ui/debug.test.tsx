import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { App } from '../../src/ui/App.js';
import { DebugError } from '../../src/kube/debug/debugError.js';
import type { Display } from '../../src/ui/glyphs.js';
import type { UiServices } from '../../src/ui/services.js';
import { initialUiState, type UiState } from '../../src/ui/state.js';
import { fakeDebug, fakeLogs, type FakeDebug, type FakeLogs } from './helpers/debugServices.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { overflowProblems, renderAt, type RenderedUi, type Size } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const UNICODE: Display = { unicode: true, color: false };
const SMALL: Size = { columns: 80, rows: 24 };
const LARGE: Size = { columns: 120, rows: 40 };
const TAB = '\t';
const ESC = '\u001b';
const ENTER = '\r';
const RIGHT = '\u001b[C';
const CTRL_U = '\u0015';

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

function pod(list: readonly V1Pod[], name: string): V1Pod {
  const found = list.find((p) => p.metadata?.name === name);
  if (found === undefined) throw new Error(`no pod ${name}`);
  return found;
}

/** `web` with its newest debug container still running. */
function webWithRunningDebugger(): V1Pod {
  const copy = structuredClone(pod(lab, 'web'));
  const statuses = copy.status?.ephemeralContainerStatuses ?? [];
  const newest = statuses[statuses.length - 1];
  if (newest === undefined) throw new Error('web has no ephemeral containers');
  newest.state = { running: { startedAt: new Date('2026-11-23T09:15:00Z') } };
  return copy;
}

interface Mounted {
  ui: RenderedUi;
  debug: FakeDebug;
  logs: FakeLogs;
  states: UiState[];
}

interface MountOptions {
  pods?: readonly V1Pod[];
  namespace?: string;
  size?: Size;
  display?: Display;
  debug?: FakeDebug | null;
  /** Where the UI starts: which pod, which pane, which tree line. */
  state?: Partial<UiState>;
}

async function mount(options: MountOptions = {}): Promise<Mounted> {
  const namespace = options.namespace ?? 'lab';
  const fake = fakeServices({ pods: options.pods ?? lab, now: labNow, info: { namespace } });
  const debug = options.debug === undefined ? fakeDebug() : options.debug;
  const logs = fakeLogs();
  const services: UiServices = { ...fake.services, logs: logs.services, ...(debug === null ? {} : { debug: debug.services }) };
  const states: UiState[] = [];
  const initialState = { ...initialUiState({ namespace }), ...options.state };
  const ui = renderAt(
    <App services={services} onQuit={vi.fn()} display={options.display ?? UNICODE} initialState={initialState} onStateChange={(s) => states.push(s)} />,
    options.size ?? SMALL,
  );
  await ui.waitForFrame((f) => f.includes('NAME'));
  if (debug !== null) await waitFor(() => debug.permissionQueries.length > 0);
  return { ui, debug: debug ?? fakeDebug(), logs, states };
}

async function waitFor(condition: () => boolean, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function expectFits(ui: RenderedUi): void {
  expect(overflowProblems(ui.rawFrame(), ui.size())).toEqual([]);
}

function statusLine(ui: RenderedUi): string {
  const lines = ui.lines();
  return lines[lines.length - 2] ?? '';
}

function hintBar(ui: RenderedUi): string {
  const lines = ui.lines();
  return lines[lines.length - 1] ?? '';
}

const onPod = (name: string, extra: Partial<UiState> = {}): Partial<UiState> => ({ selection: { namespace: 'lab', name }, ...extra });
const onStopped = (name: string): Partial<UiState> => ({ selection: { namespace: 'states', name } });
const onTreeLine = (name: string, line: string): Partial<UiState> =>
  onPod(name, { activePane: 'tree', tree: { selected: line, scrollTop: 0, collapsed: [] } });

async function openForm(ui: RenderedUi): Promise<string> {
  await ui.press('d');
  return ui.waitForFrame((f) => f.includes('add an ephemeral container'));
}

describe('the debug form', () => {
  test('d on a pod: busybox:1.36, the default container as target, general profile, sh', async () => {
    const { ui } = await mount({ state: onPod('crashy') });
    const frame = await openForm(ui);
    expect(frame).toContain('Debug lab/crashy');
    expect(frame).toMatch(/> Image\s+busybox:1\.36/);
    expect(frame).toMatch(/Target\s+crashy/);
    expect(frame).toMatch(/Profile\s+general/);
    expect(frame).toMatch(/Command\s+sh/);
    expect(frame).toMatch(/Pull policy\s+\(server's default\)/);
    expectFits(ui);
    await ui.press(ESC);
    await ui.waitForFrame((f) => !f.includes('add an ephemeral container'));
  });

  test('d on a container line of the tree targets that container; the recent image comes first', async () => {
    const { ui } = await mount({ state: onTreeLine('duo', 'container/beta'), debug: fakeDebug({ recentImages: ['nicolaka/netshoot:v0.13', 'busybox:1.36'] }) });
    const frame = await openForm(ui);
    expect(frame).toMatch(/Target\s+beta/);
    expect(frame).toMatch(/> Image\s+nicolaka\/netshoot:v0\.13/);
    await ui.press('\u001b[B');
    await ui.waitForFrame((f) => /> Image\s+busybox:1\.36/.test(f));
  });

  test('editing every field reaches launch as one request, and Enter twice or d launches once', async () => {
    const { ui, debug } = await mount({ state: onPod('duo') });
    await openForm(ui);
    await ui.press(CTRL_U, ...'alpine:3.20');
    await ui.waitForFrame((f) => f.includes('alpine:3.20'));
    await ui.press(TAB, RIGHT);
    await ui.waitForFrame((f) => /Target\s+< beta >/.test(f));
    await ui.press(TAB, ' ');
    await ui.waitForFrame((f) => /Profile\s+< baseline >/.test(f));
    await ui.press(TAB, CTRL_U, ...'sleep 1d');
    await ui.press(TAB, RIGHT, RIGHT);
    await ui.waitForFrame((f) => /Pull policy\s+< Always >/.test(f));
    await ui.press(ENTER, ENTER, 'd');
    await ui.waitForFrame((f) => f.includes('adding the container to the pod'));
    await ui.waitForFrame(() => statusLine(ui).includes('already being created'));
    expect(debug.launches).toHaveLength(1);
    expect(debug.lastLaunch().request).toEqual({
      namespace: 'lab',
      pod: 'duo',
      image: 'alpine:3.20',
      target: 'beta',
      profile: 'baseline',
      command: ['sleep', '1d'],
      pullPolicy: 'Always',
    });
  });

  test('at 80x24 and 120x40 the form and the panel fit', async () => {
    for (const size of [SMALL, LARGE]) {
      const { ui, debug } = await mount({ state: onPod('web'), size });
      await openForm(ui);
      expectFits(ui);
      await ui.press(ENTER);
      await waitFor(() => debug.launches.length === 1);
      debug.lastLaunch().progress({
        container: 'debugger-x',
        phase: 'waiting',
        reason: 'ContainerCreating',
        events: Array.from({ length: 40 }, (_, i) => ({ reason: i % 2 ? 'BackOff' : 'Pulling', message: `event number ${i} `.repeat(12), type: i % 2 ? 'Warning' : 'Normal', count: i })),
      });
      await ui.waitForFrame((f) => f.includes('event number 39'));
      expectFits(ui);
      cleanup();
    }
  });
});

describe('d on a stopped pod: the form in copy mode', () => {
  const COPY_TITLE = 'debug a copy of the stopped pod';

  async function openCopyForm(options: { size?: Size; debug?: FakeDebug } = {}): Promise<Mounted & { frame: string }> {
    const mounted = await mount({ pods: states, namespace: 'states', state: onStopped('done-ok'), ...options });
    await mounted.ui.waitForFrame(() => hintBar(mounted.ui).includes('d debug') && !hintBar(mounted.ui).includes('d debug ('));
    await mounted.ui.press('d');
    return { ...mounted, frame: await mounted.ui.waitForFrame((f) => f.includes(COPY_TITLE)) };
  }

  test('says why first, asks for no target but for the copy name and deleting it, and fits 80x24', async () => {
    const { ui, frame } = await openCopyForm();
    expect(frame).toMatch(new RegExp(`Debug states/done-ok \\S ${COPY_TITLE}`));
    // One sentence, wrapped to the width rather than cut.
    expect(frame.replace(/\n/g, ' ')).toContain(
      'done-ok has stopped: ephemeral containers cannot start in it, so the debugger runs in a copy of the pod (shared process namespace, no labels, not on a node yet).',
    );
    expect(frame).toMatch(/> Image\s+busybox:1\.36/);
    expect(frame).not.toMatch(/Target/);
    expect(frame).toMatch(/Profile\s+general/);
    expect(frame).toMatch(/Command\s+sh/);
    expect(frame).toMatch(/Pull policy\s+\(server's default\)/);
    expect(frame).toMatch(/Copy name\s+done-ok-debug/);
    expect(frame).toMatch(/Delete copy when done\s+yes/);
    expect(frame).toContain('is deleted when the session ends');
    expectFits(ui);
  });

  test('Enter launches the copy request; edited name and keep-the-copy reach it', async () => {
    const { ui, debug } = await openCopyForm({ size: LARGE });
    await ui.press(TAB, TAB, TAB, TAB);
    await ui.waitForFrame((f) => /> Copy name\s+done-ok-debug/.test(f));
    await ui.press(CTRL_U, ...'done-ok-dbg2', TAB, ' ');
    await ui.waitForFrame((f) => /Delete copy when done\s+< no \(the copy stays\) >/.test(f));
    expect(ui.frame().replace(/\n/g, ' ')).toContain('it stays until: kubectl delete pod done-ok-dbg2 -n states');
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    expect(debug.lastLaunch().request).toEqual({
      namespace: 'states',
      pod: 'done-ok',
      image: 'busybox:1.36',
      profile: 'general',
      command: ['sh'],
      copy: { name: 'done-ok-dbg2', deleteAfter: false },
    });
    // The same waiting panel, then the debugger in the copy is attached.
    await ui.waitForFrame((f) => f.includes('Esc stops waiting'));
    debug.lastLaunch().resolve({ namespace: 'states', pod: 'done-ok-dbg2', container: 'debugger-abcde' });
    await waitFor(() => debug.attached.length === 1, 'attach');
    expect(debug.attached[0]).toEqual({ namespace: 'states', pod: 'done-ok-dbg2', container: 'debugger-abcde' });
  });

  test('Enter with the default form asks for a copy named pod-debug, deleted afterwards', async () => {
    const { ui, debug } = await openCopyForm();
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    expect(debug.lastLaunch().request.copy).toEqual({ name: 'done-ok-debug', deleteAfter: true });
    expect(debug.lastLaunch().request.target).toBeUndefined();
  });

  test('a copy name the server would refuse says so and launches nothing', async () => {
    const { ui, debug } = await openCopyForm({ size: LARGE });
    await ui.press(TAB, TAB, TAB, TAB, CTRL_U, ...'Bad_Name', ENTER);
    await ui.waitForFrame(() => statusLine(ui).includes('"Bad_Name" is not a valid pod name'));
    expect(debug.launches).toEqual([]);
  });

  test('Esc while waiting for a copy to delete: says it is deleting, then what the services did', async () => {
    const debug = fakeDebug();
    const { ui } = await openCopyForm({ size: LARGE, debug: settledByTest(debug) });
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    // The panel speaks of the copy: what is being created, and what Esc does with it.
    await ui.waitForFrame((f) => f.includes('creating the copy done-ok-debug') && f.includes('Esc stops waiting (the copy done-ok-debug is deleted)'));
    debug.lastLaunch().progress({ container: 'debugger-abcde', phase: 'waiting', events: [] });
    await ui.waitForFrame((f) => f.includes('debugger-abcde'));
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('stopped waiting; deleting the copy done-ok-debug'));
    expect(debug.lastLaunch().signal.aborted).toBe(true);
    debug.lastLaunch().reject(new Error('stopped waiting for debugger-abcde; copy done-ok-debug deleted'));
    await ui.waitForFrame(() => statusLine(ui).includes('copy done-ok-debug deleted'));
    expect(debug.attached).toEqual([]);
  });

  test('Esc while waiting for a copy to delete that could not be deleted: the services\' line as a warning', async () => {
    const debug = fakeDebug();
    const { ui, states: seen } = await openCopyForm({ size: LARGE, debug: settledByTest(debug) });
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    debug.lastLaunch().progress({ container: 'debugger-abcde', phase: 'waiting', events: [] });
    await ui.waitForFrame((f) => f.includes('debugger-abcde'));
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('stopped waiting; deleting the copy done-ok-debug'));
    const line = 'stopped waiting for debugger-abcde; could not delete copy done-ok-debug: forbidden (kubectl delete pod done-ok-debug -n states deletes it)';
    const copy = { namespace: 'states', name: 'done-ok-debug', deleted: false as const, error: 'forbidden' };
    debug.lastLaunch().reject(new DebugError(line, 'aborted', { container: 'debugger-abcde', copy }));
    await waitFor(() => seen.at(-1)?.message?.text === line, 'the services\' line');
    expect(seen.at(-1)?.message).toEqual({ text: line, level: 'warning' });
  });

  test('Esc while waiting for a copy that was deleted: the services\' line as info', async () => {
    const debug = fakeDebug();
    const { ui, states: seen } = await openCopyForm({ size: LARGE, debug: settledByTest(debug) });
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('stopped waiting; deleting the copy done-ok-debug'));
    const line = 'stopped waiting for debugger-abcde; copy done-ok-debug deleted';
    debug.lastLaunch().reject(new DebugError(line, 'aborted', { copy: { namespace: 'states', name: 'done-ok-debug', deleted: true } }));
    await waitFor(() => seen.at(-1)?.message?.text === line, 'the services\' line');
    expect(seen.at(-1)?.message).toEqual({ text: line, level: 'info' });
  });

  test('Esc while waiting for a copy to keep, its debugger known: kubectl attach gets back in (a does not)', async () => {
    const { ui, debug } = await openCopyForm({ size: LARGE });
    await ui.press(TAB, TAB, TAB, TAB, TAB, ' ', ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    debug.lastLaunch().progress({ container: 'debugger-abcde', phase: 'waiting', events: [] });
    await ui.waitForFrame((f) => f.includes('debugger-abcde'));
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('stopped waiting; the copy done-ok-debug stays (kubectl attach done-ok-debug -c debugger-abcde -it -n states'));
  });

  test('Esc while waiting for a copy to keep says the copy stays', async () => {
    const { ui, debug } = await openCopyForm({ size: LARGE });
    await ui.press(TAB, TAB, TAB, TAB, TAB, ' ', ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    expect(debug.lastLaunch().request.copy).toEqual({ name: 'done-ok-debug', deleteAfter: false });
    await ui.waitForFrame((f) => f.includes('Esc stops waiting (the copy done-ok-debug stays)'));
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('stopped waiting; the copy done-ok-debug stays (kubectl delete pod done-ok-debug -n states'));
  });

  test('a failed copy (the name is taken) stays on the panel as one line', async () => {
    const { ui, debug } = await openCopyForm();
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1, 'a launch');
    debug.lastLaunch().reject(new Error('pod "done-ok-debug" already exists'));
    const frame = await ui.waitForFrame((f) => f.includes('failed: pod "done-ok-debug" already exists'));
    expect(frame).toContain('Esc closes');
  });
});

/** The fake's launch without its own rejection on abort: the test rejects with the services' line, as the real one does once the copy is deleted. */
function settledByTest(debug: FakeDebug): FakeDebug {
  const launch: FakeDebug['services']['launch'] = (request, onProgress, signal) =>
    new Promise((resolve, reject) => {
      debug.launches.push({ request, signal, progress: onProgress, resolve, reject });
    });
  return { ...debug, services: { ...debug.services, launch } };
}

describe('the waiting panel', () => {
  async function launched(): Promise<Mounted> {
    const mounted = await mount({ state: onPod('web') });
    await openForm(mounted.ui);
    await mounted.ui.press(ENTER);
    await waitFor(() => mounted.debug.launches.length === 1, 'a launch');
    return mounted;
  }

  test('shows the waiting reason and the new events, warnings marked', async () => {
    const { ui, debug } = await launched();
    debug.lastLaunch().progress({
      container: 'debugger-abcde',
      phase: 'waiting',
      reason: 'ContainerCreating',
      events: [
        { reason: 'Pulling', message: 'Pulling image "busybox:1.36"', type: 'Normal', count: 1 },
        { reason: 'BackOff', message: 'Back-off pulling image', type: 'Warning', count: 3 },
      ],
    });
    const frame = await ui.waitForFrame((f) => f.includes('debugger-abcde'));
    expect(frame).toContain('waiting for it to run');
    expect(frame).toContain('reason    ContainerCreating');
    expect(frame).toContain('  Pulling: Pulling image "busybox:1.36"');
    expect(frame).toContain('! BackOff ×3: Back-off pulling image');
    expect(frame).toContain('Esc stops waiting');
  });

  test('an image that cannot be pulled ends with its own message, kept until Esc', async () => {
    const { ui, debug } = await launched();
    const message = 'Failed to pull image "busybox:nope": rpc error: code = NotFound desc = failed to resolve reference';
    debug.lastLaunch().progress({ container: 'debugger-abcde', phase: 'waiting', reason: 'ErrImagePull', message, events: [] });
    debug.lastLaunch().reject(new Error(message));
    const frame = await ui.waitForFrame((f) => f.includes('failed: Failed to pull'));
    expect(frame).toContain('Esc closes');
    expect(debug.attached).toEqual([]);
    await ui.press(ESC);
    await ui.waitForFrame((f) => !f.includes('failed: Failed to pull') && f.includes('NAME'));
  });

  test('Esc aborts the wait and says the container stays', async () => {
    const { ui, debug } = await launched();
    debug.lastLaunch().progress({ container: 'debugger-abcde', phase: 'waiting', events: [] });
    await ui.waitForFrame((f) => f.includes('debugger-abcde'));
    await ui.press(ESC);
    await ui.waitForFrame(() => statusLine(ui).includes('debugger-abcde stays in the pod and can be attached later'));
    expect(debug.lastLaunch().signal.aborted).toBe(true);
    expect(debug.attached).toEqual([]);
  });

  test('running: the panel closes and the container is attached', async () => {
    const { ui, debug } = await launched();
    debug.lastLaunch().resolve({ namespace: 'lab', pod: 'web', container: 'debugger-abcde' });
    await waitFor(() => debug.attached.length === 1, 'attach');
    expect(debug.attached).toEqual([{ namespace: 'lab', pod: 'web', container: 'debugger-abcde' }]);
    await ui.waitForFrame((f) => !f.includes('Esc stops waiting'));
  });
});

describe('attach, shell and logs', () => {
  test('a on a running debug container attaches to it', async () => {
    const { debug, ui } = await mount({ pods: [webWithRunningDebugger()], state: onPod('web') });
    await ui.press('a');
    await waitFor(() => debug.attached.length === 1, 'attach');
    expect(debug.attached[0]).toEqual({ namespace: 'lab', pod: 'web', container: 'debugger-bqsxh' });
  });

  test('a on an exited debug container shows its logs instead, and Esc goes back', async () => {
    const { debug, ui, logs } = await mount({ state: onTreeLine('web', 'container/dbg-raw') });
    await ui.press('a');
    await ui.waitForFrame((f) => f.includes('log line of dbg-raw'));
    expect(statusLine(ui)).toContain('dbg-raw has exited; showing its logs');
    expect(logs.opened[0]?.containers).toEqual(['dbg-raw']);
    expect(debug.attached).toEqual([]);
    expectFits(ui);
    await ui.press(ESC);
    await ui.waitForFrame((f) => f.includes('NAME') && !f.includes('log line of'));
  });

  test('a on an app container or a pod without debug containers says why', async () => {
    const { ui } = await mount({ state: onTreeLine('web', 'container/web') });
    await ui.press('a');
    await ui.waitForFrame(() => statusLine(ui).includes('web is not one (s opens a shell in it)'));
    const other = await mount({ state: onPod('crashy') });
    await other.ui.press('a');
    await other.ui.waitForFrame(() => statusLine(other.ui).includes('lab/crashy has no debug container; d adds one'));
  });

  test('s opens a shell in the default container, but not in one that is not running', async () => {
    const { debug, ui } = await mount({ state: onPod('duo') });
    await ui.press('s');
    await waitFor(() => debug.shells.length === 1, 'shell');
    expect(debug.shells[0]).toEqual({ namespace: 'lab', pod: 'duo', container: 'alpha' });
    const bad = await mount({ state: onPod('badimage') });
    await bad.ui.press('s');
    await bad.ui.waitForFrame(() => statusLine(bad.ui).includes('bad is not running (waiting'));
    expect(bad.debug.shells).toEqual([]);
  });

  test('l opens the log view of the selected tree container', async () => {
    const { ui, logs } = await mount({ state: onTreeLine('duo', 'container/beta/image') });
    await ui.press('l');
    await ui.waitForFrame((f) => f.includes('log line of beta'));
    expect(logs.opened[0]).toMatchObject({ namespace: 'lab', pod: 'duo', containers: ['beta'] });
  });
});

describe('disabled and hidden keys', () => {
  test('keys the access review refuses are greyed out with the reason, and say it when pressed', async () => {
    const reason = 'cannot patch pods/ephemeralcontainers in namespace lab';
    const debug = fakeDebug({ permissions: { debug: { allowed: false, reason } } });
    const { ui } = await mount({ debug, state: onPod('web'), size: LARGE });
    await ui.waitForFrame(() => hintBar(ui).includes(`d debug (forbidden: ${reason})`));
    await ui.press('d');
    await ui.waitForFrame(() => statusLine(ui).includes(`forbidden: ${reason}`));
    expect(ui.frame()).not.toContain('add an ephemeral container');
    await ui.press('?');
    const help = await ui.waitForFrame((f) => f.includes('Everywhere'));
    expect(help).toContain(`(disabled: forbidden: ${reason})`);
  });

  test('a finished pod where pods cannot be created disables d with the refusal', async () => {
    const reason = 'cannot create pods in namespace states';
    const debug = fakeDebug({ permissions: { copy: { allowed: false, reason } } });
    const { ui } = await mount({ debug, pods: states, namespace: 'states', state: onStopped('done-ok'), size: LARGE });
    await ui.waitForFrame(() => hintBar(ui).includes(`d debug (forbidden: ${reason})`));
    await ui.press('d');
    await ui.waitForFrame(() => statusLine(ui).includes(`forbidden: ${reason}`));
    expect(ui.frame()).not.toContain('debug a copy of the stopped pod');
    expect(debug.launches).toEqual([]);
  });

  test('without debug services (--readonly) d, a and s are not offered at all', async () => {
    const { ui } = await mount({ debug: null, state: onPod('web'), size: LARGE });
    expect(hintBar(ui)).not.toMatch(/\bd debug|\ba attach|\bs shell/);
    expect(hintBar(ui)).toContain('l logs');
    await ui.press('d');
    await ui.waitForFrame(() => statusLine(ui).includes('no command for d'));
  });
});

describe('remount and display', () => {
  test('mounted again after a shell with a status message, it shows the message and the same place', async () => {
    const first = await mount({ state: onTreeLine('duo', 'container/beta') });
    await first.ui.press('s');
    await waitFor(() => first.debug.shells.length === 1, 'shell');
    const last = first.states[first.states.length - 1] ?? initialUiState({ namespace: 'lab' });
    cleanup();
    const { ui } = await mount({ state: { ...last, message: { text: 'shell in lab/duo beta ended (exit code 3)', level: 'warning' } } });
    await ui.waitForFrame(() => statusLine(ui).includes('exit code 3'));
    expect(ui.frame()).toContain('Containers │ lab/duo');
  });

  test('a waiting panel saved just before an attach hand-over is not shown again without its launch', async () => {
    const request = { namespace: 'lab', pod: 'web', image: 'busybox:1.36', profile: 'general' as const, command: ['sh'] };
    const { ui } = await mount({
      state: onPod('web', { overlay: { kind: 'debugProgress', request, progress: { container: 'debugger-x', phase: 'running', events: [] }, error: null } }),
    });
    await ui.waitForFrame((f) => f.includes('STATUS') && !f.includes('Esc stops waiting'));
  });

  test('ASCII and NO_COLOR: the form, the panel and the greyed hints have no colour and no Unicode', async () => {
    const debug = fakeDebug({ permissions: { exec: { allowed: false, reason: 'cannot create pods/exec' } } });
    const { ui } = await mount({ debug, state: onPod('web'), display: { unicode: false, color: false } });
    const frames = [await ui.waitForFrame(() => hintBar(ui).includes('(forbidden'))];
    expectFits(ui);
    frames.push(await openForm(ui));
    await ui.press(ENTER);
    await waitFor(() => debug.launches.length === 1);
    debug.lastLaunch().progress({ container: 'debugger-x', phase: 'waiting', events: [{ reason: 'BackOff', message: 'Back-off', type: 'Warning', count: 2 }] });
    await ui.waitForFrame((f) => f.includes('BackOff'));
    frames.push(ui.rawFrame());
    const text = frames.join('\n');
    expect(text).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('! BackOff x2');
  });
});
