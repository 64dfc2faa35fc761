import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];

afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

describe('podscope debug node/NAME in a terminal', () => {
  let demo: DemoCluster;
  let state: string;

  const nodeDebuggers = (): string[] =>
    demo.store
      .list('pods', 'lab')
      .map((pod) => String((pod['metadata'] as Record<string, unknown>)['name']))
      .filter((name) => name.startsWith('node-debugger-'));

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 17, namespace: 'lab' });
    state = mkdtempSync(join(tmpdir(), 'podscope-debug-node-e2e-'));
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
    rmSync(state, { recursive: true, force: true });
  });

  it('a shell on the node: /host is its root, ps lists its processes; exit deletes the pod, and the audit log names the node', async () => {
    const cli = new PtyScreen({ args: ['debug', 'node/node-a', '--image', 'busybox', '--kubeconfig', demo.kubeconfigPath], cols: 100, rows: 70, env: { XDG_STATE_HOME: state } });
    screens.push(cli);
    await cli.waitForText('Creating debugging pod node-debugger-node-a-', 30_000);
    await cli.waitForText('attached to pod/node-debugger-node-a-', 60_000);
    await cli.waitFor((text) => text.includes('/ #'), 'a shell prompt');
    const [pod] = nodeDebuggers();
    expect(pod).toMatch(/^node-debugger-node-a-[a-z0-9]{5}$/);
    cli.write('cat /host/etc/hostname; ls /host\r');
    await cli.waitFor((text) => /^node-a$/m.test(text) && /\bboot\b.*\betc\b/.test(text), 'the node\'s root at /host');
    cli.write('ps\r');
    await cli.waitFor((text) => /^ +1 root +\/sbin\/init$/m.test(text) && text.includes('/usr/bin/kubelet') && text.includes('/usr/bin/containerd'), 'the node\'s processes');
    cli.write('exit\r');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    expect(await cli.text()).toContain(`Deleted pod ${pod}.`);
    expect(nodeDebuggers()).toEqual([]);
    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ kind: 'attach', namespace: 'lab', pod, container: 'debugger', node: 'node-a', outcome: 'exited', exitCode: 0 });
  }, 120_000);

  it('--keep leaves the pod and says how to delete it', async () => {
    const cli = new PtyScreen({ args: ['debug', 'node/node-b', '--image', 'busybox', '--keep', '--kubeconfig', demo.kubeconfigPath], cols: 160, rows: 30, env: { XDG_STATE_HOME: state } });
    screens.push(cli);
    await cli.waitFor((text) => text.includes('/ #'), 'a shell prompt', 60_000);
    cli.write('exit\r');
    expect((await cli.waitForExit(30_000)).exitCode).toBe(0);
    const [pod] = nodeDebuggers();
    expect(pod).toMatch(/^node-debugger-node-b-/);
    expect(await cli.text()).toContain(`Pod ${pod} is kept (delete it with: kubectl delete pod ${pod} -n lab)`);
  }, 120_000);

  it('a node that does not exist: one line, nothing created', async () => {
    const before = nodeDebuggers().length;
    const cli = new PtyScreen({ args: ['debug', 'node/node-z', '--image', 'busybox', '--kubeconfig', demo.kubeconfigPath], cols: 100, rows: 30, env: { XDG_STATE_HOME: state } });
    screens.push(cli);
    expect((await cli.waitForExit(30_000)).exitCode).toBe(1);
    expect((await cli.text()).trim()).toBe('podscope: nodes "node-z" not found');
    expect(nodeDebuggers().length).toBe(before);
  }, 60_000);
});
