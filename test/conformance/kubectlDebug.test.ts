import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type IPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { eventually } from '../demo/helpers.js';
import { readFixtureText } from '../helpers/fixtures.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the kubectl debug/exec/attach conformance tests');

/** kubectl in a pseudo-terminal (it needs one for -t), with everything it printed so far. */
interface TerminalKubectl {
  output(): string;
  type(text: string): void;
  exited: Promise<number>;
  kill(): void;
}

function ephemeralState(pod: JsonObject, container: string): JsonObject {
  const statuses = ((pod['status'] as JsonObject | undefined)?.['ephemeralContainerStatuses'] ?? []) as JsonObject[];
  return (statuses.find((status) => status['name'] === container)?.['state'] ?? {}) as JsonObject;
}

describe.skipIf(kubectlBinary === undefined)('kubectl debug, attach and exec against the demo cluster', () => {
  let demo: DemoCluster;
  let scratch: string;
  let kubectl: Kubectl;
  const terminals: IPty[] = [];

  const inTerminal = (...args: string[]): TerminalKubectl => {
    const terminal = spawn(kubectlBinary ?? 'kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', join(scratch, 'cache'), ...args], {
      name: 'xterm',
      cols: 100,
      rows: 30,
      cwd: scratch,
      env: { PATH: process.env['PATH'] ?? '', HOME: scratch, KUBECONFIG: demo.kubeconfigPath, TERM: 'xterm' },
    });
    terminals.push(terminal);
    let output = '';
    terminal.onData((data) => {
      output += data;
    });
    const exited = new Promise<number>((resolve) => terminal.onExit(({ exitCode }) => resolve(exitCode)));
    return { output: () => output, type: (text) => terminal.write(text), exited, kill: () => terminal.kill('SIGKILL') };
  };

  const pod = async (namespace: string, name: string): Promise<JsonObject> => {
    const result = await kubectl.run('get', 'pod', name, '-n', namespace, '-o', 'json');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as JsonObject;
  };

  /** Types a command once the session shows kubectl's attach hint, and waits for its answer. */
  const expectShellAnswers = async (session: TerminalKubectl): Promise<void> => {
    await eventually(() => expect(session.output()).toContain("If you don't see a command prompt, try pressing enter."), 60_000);
    session.type('echo $((6*7))\r');
    await eventually(() => expect(session.output()).toMatch(/\r\n42\r\n/), 30_000);
  };

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'podscope-kubectl-debug-'));
    demo = await startDemoCluster({ seed: 11, namespace: 'lab' });
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
    await eventually(() => {
      for (const [namespace, name] of [['lab', 'web'], ['states', 'noshell']] as const) {
        const object = demo.store.get({ resource: 'pods', namespace, name });
        const statuses = ((object?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[];
        expect(statuses.every((status) => (status['state'] as JsonObject)['running'] !== undefined) && statuses.length > 0).toBe(true);
      }
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    for (const terminal of terminals) {
      try {
        terminal.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    await demo.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('kubectl exec runs a command and prints the runtime error for an image without a shell', async () => {
    const ok = await kubectl.run('exec', 'web', '-n', 'lab', '--', 'sh', '-c', 'echo ok');
    expect(ok).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    const noshell = await kubectl.run('exec', 'noshell', '-n', 'states', '--', 'sh', '-c', 'echo ok');
    expect(noshell.code).not.toBe(0);
    const recordedLine = readFixtureText('kubectl/exec-noshell.txt').split('\n').find((line) => line.startsWith('error:')) ?? '';
    const withoutExecId = (text: string): string => text.replace(/exec "[0-9a-f]{64}"/g, 'exec "ID"').trim();
    expect(withoutExecId(noshell.stderr)).toBe(withoutExecId(recordedLine));
  }, 60_000);

  it('kubectl debug -it gives a shell in a new debug container; exit leaves it Terminated', async () => {
    const session = inTerminal('debug', '-it', 'web', '--image=busybox:1.36', '--target=web', '--container=dbg-it', '-n', 'lab');
    await expectShellAnswers(session);
    session.type('exit\r');
    expect(await session.exited).toBe(0);
    await eventually(async () => expect(ephemeralState(await pod('lab', 'web'), 'dbg-it')['terminated']).toMatchObject({ exitCode: 0, reason: 'Completed' }), 30_000);
  }, 120_000);

  it('kubectl attach -it reaches a debug container that kept running after its first client went away', async () => {
    const first = inTerminal('debug', '-it', 'web', '--image=busybox:1.36', '--target=web', '--container=dbg-att', '-n', 'lab');
    await expectShellAnswers(first);
    first.kill();
    await first.exited;
    expect(ephemeralState(await pod('lab', 'web'), 'dbg-att')['running']).toBeDefined();

    const attach = inTerminal('attach', '-it', 'web', '-c', 'dbg-att', '-n', 'lab');
    await expectShellAnswers(attach);
    attach.type('exit 4\r');
    await attach.exited;
    await eventually(async () => expect(ephemeralState(await pod('lab', 'web'), 'dbg-att')['terminated']).toMatchObject({ exitCode: 4, reason: 'Error' }), 30_000);
  }, 120_000);
});
