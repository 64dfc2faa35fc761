import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { statusOf, waitForGone, waitForPhase } from './helpers/demoPods.js';
import { PtyScreen } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The selected pod, as the footer names it (`states/done-ok │ node …`). */
const selected = (text: string): string | undefined => text.split('\n').find((line) => /^states\/\S+ /.test(line))?.split(' ')[0];

/** Selects done-ok, launches d with the copy-mode defaults, and waits for the copy's shell prompt. */
async function shellInCopy(tui: PtyScreen): Promise<string> {
  await tui.waitFor((text) => /done-ok\s+0\/1\s+Completed/.test(text) && selected(text) === 'states/done-err', 'done-ok completed', 30_000);
  tui.write('j');
  await tui.waitFor((text) => selected(text) === 'states/done-ok', 'done-ok selected');
  tui.write('d');
  const form = await tui.waitForText('debug a copy of the stopped pod', 15_000);
  tui.write('\r');
  await tui.waitFor((text) => /attached to pod\/done-ok-debug container debugger-[a-z0-9]{5}/.test(text), 'the hand-over banner', 60_000);
  expect(tui.inAlternateScreen).toBe(false);
  // Redrawn on attach: no Enter needed (one would race the command typed next).
  await tui.waitFor((text) => text.includes('/ #'), 'a shell prompt', 30_000);
  return form;
}

describe('d on a stopped pod in the explorer', () => {
  let demo: DemoCluster;
  let coreApi: CoreV1Api;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 21, namespace: 'states' });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(demo.kubeconfigPath);
    coreApi = kubeConfig.makeApiClient(CoreV1Api);
    await waitForPhase(coreApi, 'states', 'done-ok', 'Succeeded');
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('debugs a copy: the form in copy mode, a shell in the copy, and back with the copy deleted', async () => {
    const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
    const tui = new PtyScreen({ args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'states'], cols: 120, rows: 40, env: { XDG_STATE_HOME: state } });
    cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));

    // Sorted by name: done-err first, done-ok next. The form, then the shell of the debugger in the copy.
    const form = await shellInCopy(tui);
    expect(form.replace(/\s+/g, ' ')).toContain('done-ok has stopped: ephemeral containers cannot start in it, so the debugger runs in a copy of the pod');
    expect(form).toMatch(/Copy name\s+done-ok-debug/);
    expect(form).toMatch(/Delete copy when done\s+yes/);
    expect(form).not.toMatch(/Target/);
    await tui.askUntil('echo $((6*7))\r', (text) => /^42$/m.test(text), 'the shell computing 42', 30_000);
    tui.write('exit\r');

    const back = await tui.waitFor((text) => /debugger-[a-z0-9]{5} exited \(exit code 0\); copy done-ok-debug deleted/.test(text), 'the status line after the shell', 30_000);
    expect(tui.inAlternateScreen).toBe(true);
    expect(back).toContain('namespace: states');
    const container = /(debugger-[a-z0-9]{5}) exited/.exec(back)![1]!;

    // The copy is gone from the cluster, the original is still there.
    expect(await waitForGone(coreApi, 'states', 'done-ok-debug')).toBe(404);
    expect(await statusOf(coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok' }))).toBeUndefined();

    // Audited like podscope debug --copy-to: an attach to the copy, with the image and profile.
    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ kind: 'attach', namespace: 'states', pod: 'done-ok-debug', container, image: 'busybox:1.36', profile: 'general', exitCode: 0, outcome: 'exited' });

    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 180_000);

  it('SIGHUP while the shell in the copy is up: the copy is deleted before podscope exits', async () => {
    const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
    const tui = new PtyScreen({ args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'states'], cols: 120, rows: 40, env: { XDG_STATE_HOME: state } });
    cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));

    await shellInCopy(tui);
    expect(await statusOf(coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok-debug' }))).toBeUndefined();

    // The terminal closes under the session (an SSH link dropping).
    tui.kill('SIGHUP');
    expect((await tui.waitForExit(30_000)).exitCode).toBe(129);

    expect(await waitForGone(coreApi, 'states', 'done-ok-debug')).toBe(404);
  }, 180_000);
});
