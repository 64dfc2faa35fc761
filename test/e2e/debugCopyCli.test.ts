import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { waitForPhase } from './helpers/demoPods.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];

afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

describe('podscope debug --copy-to in a terminal', () => {
  let demo: DemoCluster;
  let coreApi: CoreV1Api;
  let state: string;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 13, namespace: 'lab' });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(demo.kubeconfigPath);
    coreApi = kubeConfig.makeApiClient(CoreV1Api);
    state = mkdtempSync(join(tmpdir(), 'podscope-debug-copy-e2e-'));
    await waitForPhase(coreApi, 'states', 'done-ok', 'Succeeded');
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
    rmSync(state, { recursive: true, force: true });
  });

  it('--copy-to --no-attach creates the copy with the debugger and prints its name', async () => {
    const cli = new PtyScreen({
      args: ['debug', 'done-ok', '-n', 'states', '--kubeconfig', demo.kubeconfigPath, '--copy-to', 'done-ok-debug', '--no-attach'],
      cols: 80,
      rows: 24,
      env: { XDG_STATE_HOME: state },
    });
    screens.push(cli);
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    const text = await cli.text();
    expect(text).toContain('Created pod done-ok-debug, a copy of done-ok');
    const name = text.trim().split('\n').at(-1)?.trim() ?? '';
    expect(name).toMatch(/^debugger-[a-z0-9]{5}$/);
    const copy = await coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok-debug' });
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.spec?.containers.map((c) => c.name)).toEqual(['job', name]);
    expect(copy.spec?.containers.at(-1)).toMatchObject({ stdin: true, tty: true });
  }, 60_000);

  it('--copy-to --remove-copy: a shell in the copy, 42, exit 0, and the copy is gone', async () => {
    const cli = new PtyScreen({
      args: ['debug', 'done-ok', '-n', 'states', '--kubeconfig', demo.kubeconfigPath, '--copy-to', 'done-ok-shell', '--remove-copy'],
      cols: 100,
      rows: 30,
      env: { XDG_STATE_HOME: state },
    });
    screens.push(cli);
    await cli.waitForText('attached to pod/done-ok-shell', 30_000);
    // Redrawn on attach: no Enter needed (one would race the command typed next).
    await cli.waitFor((text) => text.includes('/ #'), 'a shell prompt');
    cli.write('echo $((6*7))\r');
    await cli.waitFor((text) => /^42$/m.test(text), 'the shell computing 42');
    cli.write('exit\r');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    expect(demo.store.get({ resource: 'pods', namespace: 'states', name: 'done-ok-shell' })).toBeUndefined();
  }, 60_000);

  it('--remove-copy deletes the copy even when the debugger never starts', async () => {
    const child = spawn(
      process.execPath,
      [binPath, 'debug', 'unsched', '-n', 'states', '--kubeconfig', demo.kubeconfigPath, '--copy-to', 'unsched-debug', '--remove-copy', '--timeout', '2s'],
      { env: { ...process.env, XDG_STATE_HOME: state } },
    );
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill(), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(err).toContain('Deleted pod unsched-debug.');
    expect(err.trimEnd().split('\n').at(-1)).toMatch(/^podscope: debugger-[a-z0-9]{5} is still not running after 2s/);
    const deadline = Date.now() + 30_000;
    while (demo.store.get({ resource: 'pods', namespace: 'states', name: 'unsched-debug' }) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(demo.store.get({ resource: 'pods', namespace: 'states', name: 'unsched-debug' })).toBeUndefined();
    expect(demo.store.get({ resource: 'pods', namespace: 'states', name: 'unsched' })).toBeDefined();
  }, 90_000);

  it('names the exact --copy-to command for a finished pod, and says in one line that a copy name is taken', async () => {
    const run = async (extra: string[]): Promise<{ code: number | null; err: string }> => {
      const child = spawn(process.execPath, [binPath, 'debug', ...extra, '--kubeconfig', demo.kubeconfigPath], { env: { ...process.env, XDG_STATE_HOME: state } });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 60_000);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      clearTimeout(timer);
      return { code, err };
    };
    const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

    const finished = await run(['done-err', '-n', 'states']);
    expect(finished.code).toBe(1);
    expect(lastLine(finished.err)).toBe(
      'podscope: ephemeral containers cannot start in a pod that has stopped (pod done-err is Failed); debug a copy instead: podscope debug done-err -n states --copy-to done-err-debug',
    );

    const taken = await run(['done-ok', '-n', 'states', '--copy-to', 'done-err']);
    expect(taken.code).toBe(1);
    expect(lastLine(taken.err)).toBe('podscope: pod "done-err" already exists');
  }, 120_000);
});
