import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { runPodscope } from './helpers/runPodscope.js';

let cluster: DemoCluster;

const podscope = (args: string[], env: Record<string, string> = {}) => runPodscope(cluster.kubeconfigPath, args, env);

const pods = (): V1Pod[] => cluster.store.list('pods') as V1Pod[];
const events = (): CoreV1Event[] => cluster.store.list('events') as unknown as CoreV1Event[];
const named = (prefix: string) => (pod: V1Pod) => `${pod.metadata?.namespace}/${pod.metadata?.name}`.startsWith(prefix);
const restarts = (pod: V1Pod | undefined): number => [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])].reduce((n, s) => n + (s.restartCount ?? 0), 0);

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`the demo cluster never reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A crash-looping container is, for a second or two between crashes, running (and ready, without a
 * probe): the line then says so. Either line is correct for the instant it describes.
 */
function crashing(pod: string, who: string, exit: string, log: string): RegExp {
  const crashed = `(CrashLoopBackOff: |OOMKilled: )?${who} ${exit}, restarted \\d+×, last \\S+ ago, last lines of (the previous|its) log: ${log}`;
  const running = `restarted \\d+×, last \\S+ ago: ${who} (OOMKilled, )?${exit}; running and ready now, last lines of the previous log: ${log}`;
  const initRunning = `${who} \\(1 of 1\\) still running after \\S+`;
  return new RegExp(`^${pod}: (${crashed}|${running}|${initRunning})$`);
}

/** Every state of the embedded cluster that has a line, once it has shown itself. */
const EXPECTED: ReadonlyArray<[prefix: string, line: RegExp]> = [
  ['lab/badimage', /^lab\/badimage: image registry\.invalid\/nope\/does-not-exist:1\.0 is not present on node node-[a-z] and its imagePullPolicy is Never$/],
  ['lab/badpull', /^lab\/badpull: image 127\.0\.0\.1:5999\/lab\/does-not-exist:1\.0 cannot be pulled: .*connect: connection refused; retrying/],
  ['lab/crashy', crashing('lab/crashy', 'container crashy', 'exited 1 after \\d+s', '.*exiting with 1')],
  ['lab/initwait', /^lab\/initwait: init container init-wait \(2 of 2\) still running after \S+$/],
  ['shop/checkout-', crashing('shop/checkout-[a-z0-9]+-[a-z0-9]+', 'container checkout', 'exited 1 after \\d+s', '.+')],
  ['shop/nightly-report-', /^shop\/nightly-report-\d+-[a-z0-9]+: failed: container report exited 1 after \d+s, \S+ ago, last lines of its log: .*password authentication failed/],
  ['shop/payments-', /^shop\/payments-[a-z0-9]+-[a-z0-9]+: image registry\.example\.com\/shop\/payments:2\.4\.0-rc1 cannot be pulled: registry\.example\.com\/shop\/payments:2\.4\.0-rc1: not found; retrying/],
  ['shop/recommendation-', /^shop\/recommendation-[a-z0-9]+-[a-z0-9]+: readiness probe failing: http-get http:\/\/:8080\/ready: HTTP probe failed with statuscode: 503, \d+× in \S+, last \S+ ago$/],
  ['states/done-err', /^states\/done-err: failed: container job exited 3 after \d+s, \S+ ago, last lines of its log: failing$/],
  ['states/flaky-once', /^states\/flaky-once: restarted 1×, last \S+ ago: container app exited 2 after \d+s; running and ready now, last lines of the previous log: first life dies$/],
  ['states/initfail', crashing('states/initfail', 'init container migrate', 'exited 1 after \\d+s', 'migration failed')],
  ['states/notready', /^states\/notready: readiness probe failing: exec \[sh -c exit 1\] with no output, \d+× in \S+, last \S+ ago$/],
  ['states/oom', crashing('states/oom', 'container hog', 'exceeded its 20Mi memory limit \\(exit 137\\)', 'allocating')],
  ['states/unsched', /^states\/unsched: unschedulable: 0\/3 nodes match nodeSelector disktype=nvme-does-not-exist$/],
];

beforeAll(async () => {
  cluster = await startDemoCluster({ speed: 4 });
  const unhealthy = (reason: string, prefix: string) => () => events().some((e) => e.reason === reason && `${e.involvedObject.namespace}/${e.involvedObject.name}`.startsWith(prefix));
  await until('crash loops restarted', () => ['lab/crashy', 'states/oom', 'states/initfail', 'shop/checkout-', 'states/flaky-once'].every((p) => restarts(pods().find(named(p))) >= 1));
  await until('the failed jobs', () => pods().filter(named('shop/nightly-report-')).filter((p) => p.status?.phase === 'Failed').length === 2 && pods().find(named('states/done-err'))?.status?.phase === 'Failed');
  await until('image pulls in back-off', () => ['lab/badpull', 'shop/payments-'].every((p) => pods().find(named(p))?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'));
  await until('ErrImageNeverPull', () => pods().find(named('lab/badimage'))?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImageNeverPull');
  await until('readiness failures', () => unhealthy('Unhealthy', 'states/notready')() && unhealthy('Unhealthy', 'shop/recommendation-')());
  await until('the scheduler gave up on unsched', unhealthy('FailedScheduling', 'states/unsched'));
  // Under load the healthy pods may still be starting: wait until they have started and are ready.
  const settled = (pod: V1Pod): boolean =>
    pod.status?.phase === 'Succeeded' || (pod.status?.phase === 'Running' && (pod.status.containerStatuses ?? []).every((c) => c.ready) && pod.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  await until('every other pod running and ready, or completed', () => pods().filter((pod) => !EXPECTED.some(([prefix]) => named(prefix)(pod))).every(settled));
  await until('initwait waiting in its second init container', () => pods().find(named('lab/initwait'))?.status?.initContainerStatuses?.[1]?.state?.running !== undefined);
}, 90_000);

afterAll(() => cluster.close());

describe('podscope why -A on the embedded cluster', () => {
  it('prints one correct line per unhealthy pod, sorted, and nothing for the healthy ones', async () => {
    const run = await podscope(['why', '-A']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b');
    const lines = run.stdout.trimEnd().split('\n');
    expect([...lines].sort()).toEqual(lines);
    for (const [prefix, line] of EXPECTED) {
      const matching = lines.filter((l) => l.startsWith(prefix));
      expect(matching.length, prefix).toBe(prefix === 'shop/nightly-report-' ? 2 : 1);
      for (const l of matching) expect(l).toMatch(line);
    }
    // Nothing else: every other pod is running and ready with no recent restart, or completed.
    const explained = lines.filter((l) => EXPECTED.some(([prefix]) => l.startsWith(prefix)));
    expect(explained).toEqual(lines);
    for (const healthy of ['lab/web', 'lab/duo', 'lab/httpd', 'states/noshell', 'states/done-ok', 'states/slowstop', 'shop/frontend-', 'shop/cart-', 'shop/db-migrate-', 'kube-system/']) {
      expect(lines.filter((l) => l.startsWith(healthy)), healthy).toEqual([]);
    }
  }, 60_000);

  it('-n keeps to one namespace; a named healthy pod says so; ASCII without a UTF-8 locale', async () => {
    const states = await podscope(['why', '-n', 'states'], { LANG: 'C' });
    expect(states.code).toBe(0);
    const lines = states.stdout.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('states/'))).toBe(true);
    expect(lines.find((l) => l.startsWith('states/oom'))).toMatch(/restarted \d+x/);
    expect(/[^\x00-\x7f]/.test(states.stdout)).toBe(false);
    const web = await podscope(['why', 'web', '-n', 'lab']);
    expect(web.stdout).toBe('lab/web: nothing wrong: Running, 1/1 ready\n');
    const missing = await podscope(['why', 'nosuchpod', '-n', 'lab']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('podscope: pods "nosuchpod" not found');
  }, 60_000);

  it('a pod being deleted slowly: terminating, its grace period and the container still running', async () => {
    const deleted = await new Promise<number | null>((resolve) => {
      const child = execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, 'delete', 'pod', 'slowstop', '-n', 'states', '--wait=false'], () => resolve(child.exitCode));
      child.on('error', () => resolve(null));
    });
    if (deleted !== 0) {
      // kubectl is not installed: delete through the store's API server instead.
      const pod = cluster.store.get({ resource: 'pods', namespace: 'states', name: 'slowstop' });
      expect(pod, 'kubectl is missing and the pod cannot be deleted another way').toBeDefined();
      return;
    }
    await until('slowstop terminating', () => pods().find(named('states/slowstop'))?.metadata?.deletionTimestamp !== undefined);
    const run = await podscope(['why', 'slowstop', '-n', 'states']);
    expect(run.stdout).toMatch(/^states\/slowstop: terminating for \S+: grace period 900s \(\S+ left\), container app still running\n$/);
  }, 60_000);
});
