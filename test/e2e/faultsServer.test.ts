import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

/*
 * The fault matrix, part one: the API server goes away (every connection dropped, as when it is
 * killed) in the middle of a followed log and of a shell, and comes back on the same address.
 * For each: the one line that says so, no stack trace, nothing lost, the terminal restored.
 */

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

let demo: DemoCluster;
let state: string;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 5, namespace: 'lab', speed: 4 });
  state = mkdtempSync(join(tmpdir(), 'podscope-faults-'));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(demo.kubeconfigPath);
  const coreApi = kubeConfig.makeApiClient(CoreV1Api);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const web = await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    if (containerStatus(web, 'web')?.state?.running) break;
    if (Date.now() > deadline) throw new Error('lab/web never ran');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 90_000);

afterAll(async () => {
  await demo?.close();
  rmSync(state, { recursive: true, force: true });
});

const ticks = (text: string): number[] => [...text.matchAll(/web tick (\d+)/g)].map((match) => Number(match[1]));

describe('the API server goes away and comes back', () => {
  it('podscope logs -f says so in one line, resumes where it stopped and prints nothing twice', async () => {
    const child = spawn(process.execPath, [binPath, 'logs', 'web', '-n', 'lab', '-f', '--tail', '2', '--kubeconfig', demo.kubeconfigPath], { env: { ...process.env, XDG_STATE_HOME: state } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    try {
      await expect.poll(() => ticks(out).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      await demo.stop();
      await expect.poll(() => err, { timeout: 20_000 }).toContain('reconnecting');
      // Ticks go on in the cluster while the server is away; they are resent once it is back.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const beforeRestart = ticks(out).at(-1)!;
      await demo.restart();
      await expect.poll(() => ticks(out).at(-1) ?? 0, { timeout: 30_000 }).toBeGreaterThan(beforeRestart + 3);
      const seen = ticks(out);
      // Consecutive, each once: nothing lost while the server was away, nothing printed twice.
      expect(seen).toEqual(seen.map((_, i) => seen[0]! + i));
      expect(err).not.toMatch(/\n\s+at /);
      expect(err.trim().split('\n').every((line) => line.startsWith('podscope: '))).toBe(true);
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(err).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('podscope logs -f | head -1 ends quietly once head has its line (no EPIPE stack trace)', async () => {
    const child = spawn('/bin/sh', ['-c', `"${process.execPath}" "${binPath}" logs web -n lab -f --kubeconfig "${demo.kubeconfigPath}" | head -1; echo "status=$?"`], { env: { ...process.env, XDG_STATE_HOME: state } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/^.*web tick \d+\nstatus=0\n$/);
    expect(err).toBe('');
  }, 60_000);

  it('a shell whose server goes away: the explorer comes back with its rows and one line, the audit log has the session', async () => {
    const tui = new PtyScreen({ args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'lab'], cols: 120, rows: 40, env: { XDG_STATE_HOME: state } });
    screens.push(tui);
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 30_000);
    tui.write('G');
    await tui.waitFor((text) => /^lab\/web /m.test(text), 'web selected');
    tui.write('s');
    await tui.waitForText('attached to pod/web container web', 20_000);
    // The remote program leaves modes on; whatever ends the session must switch them off again.
    tui.write("printf '\\033[?1000h\\033[?2004h\\033[?1h'; echo modes-set\r");
    await tui.waitFor((text) => /^modes-set$/m.test(text), 'the modes set');
    await demo.stop();
    const back = await tui.waitForText('connection to the shell in web dropped', 30_000);
    expect(tui.inAlternateScreen).toBe(true);
    // Same rows: the table did not go blank with the server.
    expect(back).toMatch(/web\s+1\/1\s+Running/);
    expect(back).toMatch(/crashy/);
    const modes = await tui.modes();
    expect(modes).toMatchObject({ mouseTracking: 'none', applicationCursorKeys: false });
    expect(tui.output).not.toMatch(/\n\s+at /);
    await demo.restart();
    await tui.waitFor((text) => /\blive\b/.test(text.split('\n').slice(0, 3).join('\n')), 'live again', 60_000);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ kind: 'exec', pod: 'web', container: 'web', outcome: 'disconnected' });
  }, 120_000);

  it('the log view: the problem on its last line while the server is away, then the log goes on; q goes back', async () => {
    const tui = new PtyScreen({ args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'lab'], cols: 120, rows: 40, env: { XDG_STATE_HOME: state } });
    screens.push(tui);
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 30_000);
    tui.write('G');
    await tui.waitFor((text) => /^lab\/web /m.test(text), 'web selected');
    tui.write('l');
    await tui.waitFor((text) => ticks(text).length >= 2 && text.includes('following'), 'the log followed', 20_000);
    await demo.stop();
    await tui.waitFor((text) => text.split('\n').slice(-4).some((line) => /^cannot reach the API server/.test(line)), 'the problem on its last line', 30_000);
    const before = Math.max(...ticks(await tui.text()));
    await demo.restart();
    await tui.waitFor((text) => Math.max(...ticks(text)) > before + 2, 'new lines after the restart', 60_000);
    const seen = ticks(await tui.text());
    expect(new Set(seen).size).toBe(seen.length);
    tui.write('q');
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'back in the explorer');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 120_000);
});
