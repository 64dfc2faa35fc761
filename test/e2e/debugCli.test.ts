import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];

afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

describe('podscope debug in a terminal', () => {
  let demo: DemoCluster;
  let coreApi: CoreV1Api;
  let state: string;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 11, namespace: 'lab' });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(demo.kubeconfigPath);
    coreApi = kubeConfig.makeApiClient(CoreV1Api);
    state = mkdtempSync(join(tmpdir(), 'podscope-debug-e2e-'));
    await waitForWebRunning(coreApi);
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
    rmSync(state, { recursive: true, force: true });
  });

  function start(args: string[]): PtyScreen {
    const screen = new PtyScreen({ args, cols: 80, rows: 24, env: { XDG_STATE_HOME: state } });
    screens.push(screen);
    return screen;
  }

  it('launches, hands the terminal to the shell (42, resize, exit) and exits with the shell code', async () => {
    const castDir = join(state, 'casts');
    const cli = start(['debug', 'web', '-n', 'lab', '--kubeconfig', demo.kubeconfigPath, '--record', castDir]);
    const banner = await cli.waitForText('Ctrl-P Ctrl-Q to detach', 60_000);
    const container = /container (debugger-[a-z0-9]{5})/.exec(banner)?.[1] ?? '';
    expect(container).not.toBe('');
    expect(cli.output).toContain(`Defaulting debug container name to ${container}.`);
    // The shell drew its prompt before anyone attached; the resize on attach makes it draw it again (no Enter).
    await cli.waitFor((text) => /\/ # $/m.test(text), 'the shell prompt');
    cli.write('echo $((6*7))\r');
    await cli.waitFor((text) => /^42$/m.test(text), '42');
    cli.resize(100, 30);
    await cli.askUntil('stty size\r', (text) => /^30 100$/m.test(text), 'the new size');
    cli.write('exit\r');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    expect(await cli.text()).toContain(`${container} exited with code 0`);

    const pod = await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(containerStatus(pod, container)?.state?.terminated?.exitCode).toBe(0);

    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.find((line) => line['container'] === container)).toMatchObject({
      kind: 'debug',
      context: 'podscope-demo',
      server: demo.url,
      namespace: 'lab',
      pod: 'web',
      image: 'busybox:1.36',
      profile: 'general',
      outcome: 'exited',
      exitCode: 0,
    });
    const casts = readdirSync(castDir);
    expect(casts).toHaveLength(1);
    const header = JSON.parse(readFileSync(join(castDir, casts[0] ?? ''), 'utf8').split('\n')[0] ?? '') as Record<string, unknown>;
    expect(header).toMatchObject({ version: 2, width: 80, height: 24 });
  });

  it('exits with the code the shell exits with, and prints one-line errors', async () => {
    const cli = start(['debug', 'web', '-n', 'lab', '--kubeconfig', demo.kubeconfigPath]);
    await cli.waitForText('Ctrl-P Ctrl-Q to detach', 60_000);
    // The shell drew its prompt before anyone attached; the resize on attach makes it draw it again (no Enter).
    await cli.waitFor((text) => /\/ # $/m.test(text), 'the shell prompt');
    cli.write('exit 3\r');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(3);

    const missing = start(['debug', 'nosuchpod', '-n', 'lab', '--kubeconfig', demo.kubeconfigPath]);
    expect((await missing.waitForExit(30_000)).exitCode).toBe(1);
    expect(await missing.text()).toContain('podscope: pods "nosuchpod" not found');
  });

  it('without a terminal attaches with piped stdin and no TTY (like kubectl debug -i), stderr apart', async () => {
    const child = spawn(process.execPath, [binPath, 'debug', 'web', '-n', 'lab', '--kubeconfig', demo.kubeconfigPath], { env: { ...process.env, XDG_STATE_HOME: state } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.write('echo $((6*7))\necho oops >&2\nexit 4\n');
    const timer = setTimeout(() => child.kill(), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(4);
    expect(out).toBe('42\n');
    expect(err).toContain('oops\n');
    expect(err).toMatch(/debugger-[a-z0-9]{5} exited with code 4\n$/);
    expect(err).not.toContain('Ctrl-P');
  });

  it('ends each failure with one line and exit code 1: finished pod, bad image, timeout, bad flag', async () => {
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

    const finished = await run(['done-ok', '-n', 'states']);
    expect(finished.code).toBe(1);
    expect(lastLine(finished.err)).toMatch(/^podscope: ephemeral containers cannot start in a pod that has stopped \(pod done-ok is Succeeded\)/);

    const badImage = await run(['web', '-n', 'lab', '--image', 'registry.invalid/nope:1']);
    expect(badImage.code).toBe(1);
    expect(lastLine(badImage.err)).toMatch(/^podscope: Failed to pull image "registry\.invalid\/nope:1": /);

    const timedOut = await run(['unsched', '-n', 'states', '--timeout', '2s']);
    expect(timedOut.code).toBe(1);
    expect(lastLine(timedOut.err)).toMatch(/^podscope: debugger-[a-z0-9]{5} is still not running after 2s; debugger-[a-z0-9]{5} stays in pod unsched and can be attached later$/);

    const badFlag = await run(['web', '-n', 'lab', '--timeout', 'soon']);
    expect(badFlag.code).toBe(1);
    expect(lastLine(badFlag.err)).toBe('podscope: invalid --timeout "soon" (use e.g. 120s, 2m or 1m30s)');
  });

  it('--no-attach prints the container name and returns', async () => {
    const cli = start(['debug', 'web', '-n', 'lab', '--kubeconfig', demo.kubeconfigPath, '--no-attach']);
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    const name = (await cli.text()).trim();
    expect(name).toMatch(/^debugger-[a-z0-9]{5}$/);
    const pod = await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(pod.spec?.ephemeralContainers?.map((c) => c.name)).toContain(name);
  });
});

async function waitForWebRunning(coreApi: CoreV1Api): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const web = await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    if (containerStatus(web, 'web')?.state?.running) return;
    if (Date.now() > deadline) throw new Error('lab/web never ran');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
