import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { App } from '../../src/ui/App.js';
import { COMMIT_WAIT_MS } from '../../src/ui/input/keyRouter.js';
import type { Display } from '../../src/ui/glyphs.js';
import type { UiServices } from '../../src/ui/services.js';
import { initialUiState, type UiState } from '../../src/ui/state.js';
import { fakeDebug, fakeLogs, type FakeDebug, type FakeLogs } from './helpers/debugServices.js';
import { kubectlPrintTime, kubectlTable, podList } from './helpers/pods.js';
import { renderAt, type RenderedUi } from './helpers/render.js';
import { fakeServices } from './helpers/services.js';

afterEach(() => {
  cleanup();
});

const ESC = '\u001b';
const lab = podList('pods/lab-list.json');
const labNow = kubectlPrintTime(kubectlTable('kubectl/get-pods-lab-wide.txt'), lab);

/** lab/web with its debug containers in the given states (by name); the rest stay as recorded (exited). */
function web(states: Record<string, 'running' | 'waiting'>): V1Pod {
  const copy = structuredClone(lab.find((p) => p.metadata?.name === 'web')!);
  for (const status of copy.status?.ephemeralContainerStatuses ?? []) {
    const state = states[status.name];
    if (state === 'running') status.state = { running: { startedAt: new Date('2026-11-23T09:15:00Z') } };
    if (state === 'waiting') status.state = { waiting: { reason: 'PodInitializing' } };
  }
  return copy;
}

async function mount(pods: readonly V1Pod[], state: Partial<UiState>, debug: FakeDebug = fakeDebug({ sessions: 'manual' })): Promise<{ ui: RenderedUi; debug: FakeDebug; logs: FakeLogs }> {
  const fake = fakeServices({ pods, now: labNow, info: { namespace: 'lab' } });
  const logs = fakeLogs();
  const services: UiServices = { ...fake.services, logs: logs.services, debug: debug.services };
  const display: Display = { unicode: true, color: false };
  const ui = renderAt(<App services={services} onQuit={vi.fn()} display={display} initialState={{ ...initialUiState({ namespace: 'lab' }), ...state }} />, { columns: 80, rows: 24 });
  await ui.waitForFrame((f) => f.includes('NAME'));
  await vi.waitFor(() => expect(debug.permissionQueries.length).toBeGreaterThan(0));
  return { ui, debug, logs };
}

const onWeb: Partial<UiState> = { selection: { namespace: 'lab', name: 'web' } };
const statusLine = (ui: RenderedUi): string => ui.lines().at(-2) ?? '';

describe('a shell or attach opens while the explorer keeps the screen', () => {
  test('s shows that it is opening, keys wait, and a refusal stays on the status line with the offer of d', async () => {
    const { ui, debug, logs } = await mount(lab, onWeb);
    await ui.press('s');
    await ui.waitForFrame((f) => f.includes('opening a shell in web… (Esc gives up)'));
    expect(ui.lines().at(-1)).toContain('Esc give up');
    // Keys typed meanwhile are no commands (`l` must not open a log, a second `s` no second shell):
    // they are kept for the shell, which gets them first once it has the terminal.
    await ui.press('l', 's', '\r');
    // The router paces keys (a key that changes nothing waits up to COMMIT_WAIT_MS): let them all arrive.
    await new Promise((resolve) => setTimeout(resolve, 6 * COMMIT_WAIT_MS));
    expect(logs.opened).toEqual([]);
    expect(debug.sessions).toHaveLength(1);
    expect(debug.sessions[0]!.typed?.()).toBe('ls\r');
    debug.sessions[0]!.settle({ started: false, text: 'web has no shell (executable file not found); press d to debug it with an ephemeral container', level: 'warning' });
    const frame = await ui.waitForFrame((f) => f.includes('has no shell'));
    expect(statusLine(ui)).toContain('press d to debug it');
    // Never left: the table is there, and keys are commands again.
    expect(frame).toMatch(/web\s+1\/1\s+Running/);
    await ui.press('d');
    await ui.waitForFrame((f) => f.includes('add an ephemeral container'));
  });

  test('Esc gives up opening at once', async () => {
    const { ui, debug } = await mount(lab, onWeb);
    await ui.press('s');
    await ui.waitForFrame((f) => f.includes('opening a shell in web'));
    await ui.press(ESC);
    await vi.waitFor(() => expect(debug.sessions[0]?.signal?.aborted).toBe(true));
    debug.sessions[0]!.settle({ started: false, text: 'gave up opening the shell in web', level: 'info' });
    await ui.waitForFrame((f) => f.includes('gave up opening the shell in web'));
  });
});

describe('a: the newest running debug container', () => {
  test('attaches to the running one even when a newer one has exited', async () => {
    const { ui, debug } = await mount([web({ 'debugger-9b7lx': 'running' })], onWeb);
    await ui.press('a');
    await vi.waitFor(() => expect(debug.attached).toEqual([{ namespace: 'lab', pod: 'web', container: 'debugger-9b7lx' }]));
    await ui.waitForFrame((f) => f.includes('attaching to debugger-9b7lx'));
  });

  test('of two running ones, the newest', async () => {
    const { ui, debug } = await mount([web({ 'debugger-9b7lx': 'running', 'debugger-bqsxh': 'running' })], onWeb);
    await ui.press('a');
    await vi.waitFor(() => expect(debug.attached.map((t) => t.container)).toEqual(['debugger-bqsxh']));
  });

  test('none running: the newest exited one is shown as a log whose header says exited, and q goes back', async () => {
    const { ui, debug, logs } = await mount([web({})], onWeb, fakeDebug());
    await ui.press('a');
    const frame = await ui.waitForFrame((f) => f.includes('log line of debugger-bqsxh'));
    expect(debug.attached).toEqual([]);
    expect(logs.opened[0]?.containers).toEqual(['debugger-bqsxh']);
    expect(frame).toMatch(/lab\/web │ debugger-bqsxh │ exited \(exit code \d+\)/);
    expect(frame).not.toContain('following');
    expect(frame).toContain('q/Esc back');
    await ui.press('q');
    await ui.waitForFrame((f) => f.includes('NAME') && !f.includes('log line of'));
  });

  test('none running but a newer one starting: the exited one\'s log, and the status names the starting one', async () => {
    const { ui, debug } = await mount([web({ 'debugger-bqsxh': 'waiting' })], onWeb, fakeDebug());
    await ui.press('a');
    await ui.waitForFrame((f) => f.includes('log line of debugger-9b7lx'));
    expect(statusLine(ui)).toMatch(/^no debug container runs; showing the log of debugger-9b7lx/);
    expect(debug.attached).toEqual([]);
  });
});

describe('the debug panel while the attach opens', () => {
  test('a refused attach stays on the panel with the reason', async () => {
    const debug = fakeDebug({ sessions: 'manual' });
    const { ui } = await mount(lab, onWeb, debug);
    await ui.press('d');
    await ui.waitForFrame((f) => f.includes('add an ephemeral container'));
    await ui.press('\r');
    await vi.waitFor(() => expect(debug.launches).toHaveLength(1));
    debug.lastLaunch().resolve({ namespace: 'lab', pod: 'web', container: 'debugger-abcde' });
    await vi.waitFor(() => expect(debug.sessions).toHaveLength(1));
    debug.sessions[0]!.settle({ started: false, text: 'cannot attach to debugger-abcde: container debugger-abcde not found in pod web_lab', level: 'warning' });
    const frame = await ui.waitForFrame((f) => f.includes('failed: cannot attach to debugger-abcde'));
    expect(frame).toContain('Esc closes');
  });
});
