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
    expect(run.stdout).toMatch(/^crashy /);
    expect(run.stdout).toContain('Conditions');
    expect(run.stdout).toMatch(/last state terminated Error exit 1/);
    expect(run.stdout).toContain('├─');
  });

  it("adds the pod's and each running container's usage (metrics.k8s.io on the demo cluster)", async () => {
    const run = await podscope(['tree', 'web', '-n', 'lab']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/├─ usage CPU \d+m MEM \d+Mi \(usage from metrics\.k8s\.io\)\n/);
    expect(run.stdout).toMatch(/\s{2}├─ usage CPU \d+m MEM \d+Mi\n/);
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

  const shopPod = (prefix: string): string => {
    const pod = cluster.store.list('pods', 'shop').find((p) => (p as V1Pod).metadata?.name?.startsWith(prefix)) as V1Pod | undefined;
    if (pod?.metadata?.name === undefined) throw new Error(`no shop pod ${prefix}`);
    return pod.metadata.name;
  };

  it('the owner chain read from the cluster, and every spec detail: limits, probe, port, mount', async () => {
    const name = shopPod('frontend-');
    const replicaSet = name.slice(0, name.lastIndexOf('-'));
    const run = await podscope(['tree', name, '-n', 'shop']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`├─ owner ReplicaSet ${replicaSet} → Deployment frontend\n`);
    expect(run.stdout).toContain('resources requests cpu=100m,memory=64Mi limits memory=128Mi');
    expect(run.stdout).toContain('readiness http-get http://:8080/healthz period=10s timeout=1s #failure=3');
    expect(run.stdout).toContain('port http 8080/TCP');
    expect(run.stdout).toMatch(/mount \/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-\w+ \(ro\)/);
    expect(run.stdout).toContain('node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
  });

  it("a Job's CronJob, and an env var from a Secret only as its source", async () => {
    const report = await podscope(['tree', shopPod('nightly-report-'), '-n', 'shop']);
    expect(report.stdout).toMatch(/owner Job nightly-report-\d+ → CronJob nightly-report\n/);
    const checkout = await podscope(['tree', shopPod('checkout-'), '-n', 'shop']);
    expect(checkout.stdout).toContain('DATABASE_PASSWORD from secret orders-db key password');
  });

  it('a user who may not read ReplicaSets sees what is known', async () => {
    const run = await podscope(['tree', shopPod('frontend-'), '-n', 'shop', '--context', cluster.readonlyContextName]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/owner ReplicaSet frontend-\w+ \(its owner: not readable, forbidden\)\n/);
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
