import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import { waitForGone, waitForPhase } from './helpers/demoPods.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

/*
 * The fault matrix, part two: pods deleted under a debug session, and podscope itself killed while
 * a shell has the terminal. For each: the one line, no stack trace, the terminal restored (the
 * terminal's own mode state and `stty -a`), nothing left behind, the audit log has its line.
 */

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

let demo: DemoCluster;
let coreApi: CoreV1Api;
let state: string;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 9, namespace: 'lab' });
  state = mkdtempSync(join(tmpdir(), 'podscope-faults-'));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(demo.kubeconfigPath);
  coreApi = kubeConfig.makeApiClient(CoreV1Api);
}, 90_000);

afterAll(async () => {
  await demo?.close();
  rmSync(state, { recursive: true, force: true });
});

function auditLines(): Record<string, unknown>[] {
  const path = join(state, 'podscope', 'audit.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) : [];
}

/** A pod of our own: running (sleeping busybox), or one no node will take (its debug container never starts). */
async function createPod(name: string, schedulable: boolean): Promise<void> {
  const body: V1Pod = {
    metadata: { name, namespace: 'lab' },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...(schedulable ? {} : { nodeSelector: { 'podscope.test/no-such-node': 'x' } }) },
  };
  await coreApi.createNamespacedPod({ namespace: 'lab', body });
  if (schedulable) {
    const deadline = Date.now() + 60_000;
    while (containerStatus(await coreApi.readNamespacedPod({ namespace: 'lab', name }), 'main')?.state?.running === undefined) {
      if (Date.now() > deadline) throw new Error(`${name} never ran`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } else await waitForPhase(coreApi, 'lab', name, 'Pending');
}

const deletePod = (name: string): Promise<unknown> => coreApi.deleteNamespacedPod({ namespace: 'lab', name, gracePeriodSeconds: 0 });

function start(args: string[], size = { cols: 100, rows: 30 }): PtyScreen {
  const screen = new PtyScreen({ args: [...args, '--kubeconfig', demo.kubeconfigPath], ...size, env: { XDG_STATE_HOME: state } });
  screens.push(screen);
  return screen;
}

async function selectPod(tui: PtyScreen, name: string): Promise<void> {
  await tui.waitFor((text) => new RegExp(`^${name}\\s`, 'm').test(text), `${name} listed`, 30_000);
  tui.write(`/${name}\r`);
  // The status line names the selected pod (alone for a pod without node or IP).
  await tui.waitFor((text) => new RegExp(`^lab/${name}( |$)`, 'm').test(text), `${name} selected`);
}

describe('a pod deleted under a debug session', () => {
  it('podscope debug: deleted while its debug container starts: one line, exit 1, audited', async () => {
    await createPod('gone-early', false);
    const cli = start(['debug', 'gone-early', '-n', 'lab']);
    const waiting = await cli.waitFor((text) => /debugger-[a-z0-9]{5}: (creating|waiting)/.test(text), 'the wait', 30_000);
    const container = /(debugger-[a-z0-9]{5})/.exec(waiting)![1]!;
    await deletePod('gone-early');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(1);
    const text = await cli.text();
    expect(text.trimEnd().split('\n').at(-1)).toBe('podscope: pod gone-early was deleted');
    expect(cli.output).not.toMatch(/\n\s+at /);
    expect(auditLines().at(-1)).toMatchObject({ kind: 'debug', pod: 'gone-early', container, outcome: 'failed', error: 'pod gone-early was deleted' });
  }, 60_000);

  it('the explorer: deleted while its debug container starts: the panel says so and stays until Esc; audited', async () => {
    await createPod('gone-panel', false);
    const tui = start(['-n', 'lab'], { cols: 120, rows: 40 });
    await selectPod(tui, 'gone-panel');
    tui.write('d');
    await tui.waitForText('busybox:1.36', 20_000);
    tui.write('\r');
    await tui.waitFor((text) => /container debugger-[a-z0-9]{5}/.test(text), 'the waiting panel', 30_000);
    await deletePod('gone-panel');
    await tui.waitForText('failed: pod gone-panel was deleted', 30_000);
    expect(tui.inAlternateScreen).toBe(true);
    tui.write('\x1b');
    await tui.waitFor((text) => /^NAME\s/m.test(text), 'the explorer');
    expect(auditLines().at(-1)).toMatchObject({ kind: 'debug', pod: 'gone-panel', outcome: 'failed', error: 'pod gone-panel was deleted' });
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 90_000);

  it('the explorer: deleted while its shell is attached: back with one line, the terminal as it was, audited', async () => {
    await createPod('gone-late', true);
    const tui = start(['-n', 'lab'], { cols: 120, rows: 40 });
    await selectPod(tui, 'gone-late');
    tui.write('d');
    await tui.waitForText('busybox:1.36', 20_000);
    tui.write('\r');
    const banner = await tui.waitFor((text) => /attached to pod\/gone-late container debugger-[a-z0-9]{5}/.test(text), 'the shell', 60_000);
    const container = /(debugger-[a-z0-9]{5})/.exec(banner)![1]!;
    tui.write("printf '\\033[?1049h\\033[?1002h\\033[?25l'; echo set\r");
    await tui.waitFor((text) => /^set$/m.test(text), 'the modes set');
    await deletePod('gone-late');
    const back = await tui.waitForText(`${container} ended: the pod was deleted`, 30_000);
    expect(tui.inAlternateScreen).toBe(true);
    expect(back).toMatch(/^NAME\s/m);
    expect(await tui.modes()).toMatchObject({ mouseTracking: 'none' });
    expect(tui.output).not.toMatch(/\n\s+at /);
    expect(auditLines().at(-1)).toMatchObject({ kind: 'debug', pod: 'gone-late', container, outcome: 'exited' });
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
    // The terminal after podscope: the modes the container set are off, the cursor shows.
    expect(await tui.modes()).toMatchObject({ alternateScreen: false, mouseTracking: 'none', cursorHidden: false });
  }, 90_000);
});

describe('podscope killed while a shell has the terminal', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
    it(`${signal}: every mode the remote program set is off, the tty is cooked again, exit ${code}`, async () => {
      // A shell runs podscope, then shows what the terminal was left in.
      const script = `"${process.execPath}" "${binPath}" debug web -n lab --kubeconfig "${demo.kubeconfigPath}"; echo "EXITED=$?"; stty -a; echo STTY-END; exec sleep 60`;
      const tui = new PtyScreen({ args: [], command: { file: '/bin/sh', args: ['-c', script] }, cols: 160, rows: 40, env: { XDG_STATE_HOME: state } });
      screens.push(tui);
      await tui.waitForText('Ctrl-P Ctrl-Q to detach', 60_000);
      await tui.waitFor((text) => text.includes('/ # '), 'the prompt');
      tui.write("printf '\\033[?1049h\\033[?1000h\\033[?1006h\\033[?2004h\\033[?25l\\033=\\033[?1h'; echo all-set\r");
      await tui.waitFor((text) => /^all-set$/m.test(text), 'the modes set');
      expect(await tui.modes()).toMatchObject({ alternateScreen: true, mouseTracking: 'vt200', bracketedPaste: true, applicationCursorKeys: true, applicationKeypad: true, cursorHidden: true });
      const podscope = tui.descendants().find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(binPath));
      expect(podscope).toBeDefined();
      process.kill(podscope!, signal);
      const after = await tui.waitFor((text) => /EXITED=\d+/.test(text) && /^STTY-END$/m.test(text), 'stty -a after podscope', 30_000);
      expect(/EXITED=(\d+)/.exec(after)?.[1]).toBe(String(code));
      expect(await tui.modes()).toEqual({ alternateScreen: false, mouseTracking: 'none', bracketedPaste: false, applicationCursorKeys: false, applicationKeypad: false, focusEvents: false, cursorHidden: false });
      // Cooked: line editing and echo on (raw mode would show -icanon -echo).
      expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(after).toMatch(/(^|\s)echo(\s|$)/m);
      expect(after).not.toMatch(/-icanon/);
      expect(tui.output).not.toMatch(/\n\s+at /);
    }, 90_000);
  }
});

describe('the explorer killed while a shell has the terminal', () => {
  it('SIGTERM: the shell\'s modes and the explorer\'s are off, the tty is cooked, exit 143', async () => {
    const script = `"${process.execPath}" "${binPath}" -n lab --kubeconfig "${demo.kubeconfigPath}"; echo "EXITED=$?"; stty -a; echo STTY-END; exec sleep 60`;
    const tui = new PtyScreen({ args: [], command: { file: '/bin/sh', args: ['-c', script] }, cols: 160, rows: 40, env: { XDG_STATE_HOME: state } });
    screens.push(tui);
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 30_000);
    tui.write('/web\r');
    await tui.waitFor((text) => /^lab\/web( |$)/m.test(text), 'web selected');
    tui.write('s');
    await tui.waitForText('attached to pod/web container web', 20_000);
    tui.write("printf '\\033[?1049h\\033[?1003h\\033[?2004h\\033[?25l\\033[?1h'; echo all-set\r");
    await tui.waitFor((text) => /^all-set$/m.test(text), 'the modes set');
    const podscope = tui.descendants().find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(binPath));
    process.kill(podscope!, 'SIGTERM');
    const after = await tui.waitFor((text) => /EXITED=\d+/.test(text) && /^STTY-END$/m.test(text), 'stty -a after podscope', 30_000);
    expect(/EXITED=(\d+)/.exec(after)?.[1]).toBe('143');
    expect(await tui.modes()).toEqual({ alternateScreen: false, mouseTracking: 'none', bracketedPaste: false, applicationCursorKeys: false, applicationKeypad: false, focusEvents: false, cursorHidden: false });
    expect(after).not.toMatch(/-icanon/);
    expect(after).not.toMatch(/-echo\b/);
    expect(tui.output).not.toMatch(/\n\s+at /);
  }, 90_000);
});

describe('podscope debug --copy-to --remove-copy with piped stdin', () => {
  function run(copy: string, input: string | undefined): { child: ReturnType<typeof spawn>; out: () => string; err: () => string; exit: Promise<number | null> } {
    const child = spawn(process.execPath, [binPath, 'debug', 'done-ok', '-n', 'states', '--copy-to', copy, '--remove-copy', '--kubeconfig', demo.kubeconfigPath], { env: { ...process.env, XDG_STATE_HOME: state } });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    if (input !== undefined) child.stdin!.write(input);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, out: () => out, err: () => err, exit };
  }

  beforeAll(async () => {
    await waitForPhase(coreApi, 'states', 'done-ok', 'Succeeded');
  }, 60_000);

  it('runs the piped input in the copy and deletes the copy', async () => {
    const session = run('done-ok-piped', 'echo $((6*7))\nexit 0\n');
    expect(await session.exit).toBe(0);
    expect(session.out()).toBe('42\n');
    expect(session.err()).toContain('Deleted pod done-ok-piped.');
    expect(await waitForGone(coreApi, 'states', 'done-ok-piped')).toBe(404);
  }, 60_000);

  it('SIGTERM while the piped session runs: the copy is deleted all the same, exit 143', async () => {
    const session = run('done-ok-term', 'echo started\n');
    await expect.poll(() => session.out(), { timeout: 30_000 }).toContain('started');
    session.child.kill('SIGTERM');
    expect(await session.exit).toBe(143);
    expect(session.err()).toContain('Deleted pod done-ok-term.');
    expect(session.err()).not.toMatch(/\n\s+at /);
    expect(await waitForGone(coreApi, 'states', 'done-ok-term')).toBe(404);
  }, 60_000);

  it('SIGINT while it waits for the copy to start: deleted too', async () => {
    const session = run('done-ok-int', undefined);
    await expect.poll(() => session.err(), { timeout: 30_000 }).toContain('Created pod done-ok-int');
    session.child.kill('SIGINT');
    expect(await session.exit).toBe(130);
    expect(session.err()).toContain('Deleted pod done-ok-int.');
    expect(await waitForGone(coreApi, 'states', 'done-ok-int')).toBe(404);
  }, 60_000);
});

describe('podscope debug --no-attach', () => {
  it('writes its audit line too', async () => {
    await createPod('no-attach', true);
    const cli = start(['debug', 'no-attach', '-n', 'lab', '--no-attach']);
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    const container = (await cli.text()).trim();
    expect(auditLines().at(-1)).toMatchObject({ kind: 'debug', pod: 'no-attach', container, image: 'busybox:1.36', outcome: 'launched', exitCode: null });
  }, 60_000);
});
