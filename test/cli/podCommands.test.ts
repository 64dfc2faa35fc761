import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

let cluster: DemoCluster;

function podscope(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args, '--kubeconfig', cluster.kubeconfigPath],
      { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...env }, timeout: 20_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

async function waitForPod(namespace: string, name: string, ready: (pod: V1Pod) => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const pod = cluster.store.get({ resource: 'pods', namespace, name }) as V1Pod | undefined;
    if (pod && ready(pod)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pod ${namespace}/${name} did not reach the expected state`);
}

beforeAll(async () => {
  cluster = await startDemoCluster({ speed: 4 });
  await waitForPod('lab', 'crashy', (pod) => (pod.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
  await waitForPod('lab', 'initwait', (pod) => pod.status?.initContainerStatuses?.[0]?.state?.terminated !== undefined);
});

afterAll(() => cluster.close());

describe('podscope tree', () => {
  it('prints the container-state tree as plain text when not a terminal', async () => {
    const run = await podscope(['tree', 'crashy', '-n', 'lab']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b');
    // The reason it is unhealthy first, then the tree.
    expect(run.stdout).toMatch(/^why: (CrashLoopBackOff: )?(container crashy exited 1|restarted \d+×)[^\n]*\ncrashy /);
    expect(run.stdout).toContain('Conditions');
    expect(run.stdout).toMatch(/last state terminated Error exit 1/);
    expect(run.stdout).toContain('├─');
  });

  it('shows init containers in order', async () => {
    const run = await podscope(['tree', 'initwait', '-n', 'lab']);
    const initOk = run.stdout.search(/init-ok init 1\/2/);
    expect(initOk).toBeGreaterThan(-1);
    expect(run.stdout.search(/init-wait init 2\/2/)).toBeGreaterThan(initOk);
  });

  it('uses ASCII tree lines when the locale is not UTF-8', async () => {
    const run = await podscope(['tree', 'crashy', '-n', 'lab'], { LANG: 'C' });
    expect(run.stdout).toContain('|-');
    expect(/[^\x00-\x7f]/.test(run.stdout)).toBe(false);
  });

  it('says so in one line when the pod does not exist', async () => {
    const run = await podscope(['tree', 'nosuchpod', '-n', 'lab']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('podscope: pods "nosuchpod" not found');
  });
});

describe('podscope events', () => {
  it("prints the pod's events oldest first with the container and repeat counts", async () => {
    const run = await podscope(['events', 'crashy', '-n', 'lab']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+COUNT\s+MESSAGE$/);
    expect(lines[1]).toMatch(/Scheduled\s+pod\/crashy\s+Successfully assigned lab\/crashy to node-/);
    expect(run.stdout).toMatch(/Started\s+pod\/crashy\/crashy\s+×\d+\s+Started container crashy/);
    expect(run.stdout).toMatch(/Warning\s+BackOff/);
    expect(run.stdout).not.toContain('\x1b');
  });
});
