import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { PtyScreen } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The selected pod, as the footer names it (`lab/web │ …`). */
const selected = (text: string): string | undefined => text.split('\n').find((line) => /^lab\/\S+ /.test(line))?.split(' ')[0];

describe('N: debug the selected pod\'s node from the explorer', () => {
  let demo: DemoCluster;

  const nodeDebuggers = (): string[] =>
    demo.store
      .list('pods', 'lab')
      .map((pod) => String((pod['metadata'] as JsonObject)['name']))
      .filter((name) => name.startsWith('node-debugger-'));

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 23, namespace: 'lab' });
  }, 90_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('the form in node mode, a shell seeing /host and the node\'s processes, and back with the pod deleted', async () => {
    const state = mkdtempSync(join(tmpdir(), 'podscope-state-'));
    const tui = new PtyScreen({ args: ['--kubeconfig', demo.kubeconfigPath, '-n', 'lab'], cols: 120, rows: 60, env: { XDG_STATE_HOME: state } });
    cleanups.push(() => tui.dispose(), () => rmSync(state, { recursive: true, force: true }));

    const first = await tui.waitFor((text) => selected(text) !== undefined && /\bnode-[abc]\b/.test(text), 'a pod on a node selected', 30_000);
    const podName = (selected(first) ?? '').split('/')[1] ?? '';
    const node = String(((demo.store.get({ resource: 'pods', namespace: 'lab', name: podName })?.['spec'] ?? {}) as JsonObject)['nodeName']);
    expect(node).toMatch(/^node-[abc]$/);

    // Listed with every other key.
    tui.write('?');
    await tui.waitFor((text) => text.replace(/\s+/g, ' ').includes("N Debug the pod's node"), 'N in the help', 30_000);
    tui.write('\u001b');

    tui.write('N');
    const form = await tui.waitForText(`Debug node ${node}`, 15_000);
    expect(form.replace(/\s+/g, ' ')).toContain(`host PID, network and IPC namespaces; the node's / at /host`);
    expect(form).toMatch(/Delete pod when done\s+yes/);
    expect(form).not.toMatch(/Target/);
    tui.write('\r');
    await tui.waitFor((text) => new RegExp(`attached to pod/node-debugger-${node}-[a-z0-9]{5} container debugger`).test(text), 'the hand-over banner', 60_000);
    await tui.waitFor((text) => text.includes('/ #'), 'a shell prompt', 30_000);
    const [pod] = nodeDebuggers();
    expect(pod).toMatch(new RegExp(`^node-debugger-${node}-`));

    await tui.askUntil('cat /host/etc/hostname\r', (text) => new RegExp(`^${node}$`, 'm').test(text), 'the node\'s hostname from /host', 30_000);
    await tui.askUntil('ps | grep -c kubelet; ps | head -3\r', (text) => /^ +1 root +\/sbin\/init$/m.test(text), 'the node\'s processes', 30_000);
    tui.write('exit\r');

    const back = await tui.waitFor((text) => text.includes(`debugger exited (exit code 0); node debugger pod ${pod} deleted`), 'the status line after the shell', 30_000);
    expect(tui.inAlternateScreen).toBe(true);
    expect(back).toContain('namespace: lab');
    expect(nodeDebuggers()).toEqual([]);

    const audit = readFileSync(join(state, 'podscope', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.at(-1)).toMatchObject({ kind: 'attach', namespace: 'lab', pod, container: 'debugger', node, image: 'busybox:1.36', profile: 'general', exitCode: 0, outcome: 'exited' });

    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 180_000);
});
