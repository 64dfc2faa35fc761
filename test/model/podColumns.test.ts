import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podColumns, podHealth, podStatus, type PodHealth } from '../../src/model/podColumns.js';
import { fixturePod, podTable } from './podFixtures.js';

/** Seconds in a HumanDuration string such as `49s` or `6m21s` (the only shapes the tables hold). */
function humanSeconds(text: string): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') throw new Error(`unexpected age ${text}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** The instant the server printed the table: the first row's age, mid-second. */
function tableInstant(table: ReturnType<typeof podTable>): Date {
  const first = table.rows[0];
  if (!first) throw new Error('empty table');
  const created = Date.parse(String(first.object.metadata?.creationTimestamp));
  return new Date(created + humanSeconds(String(first.cells[4])) * 1000 + 500);
}

describe('podColumns against the server-side Table (the oracle)', () => {
  for (const file of ['table/lab-pods-table.json', 'table/states-pods-table.json']) {
    const table = podTable(file);
    const now = tableInstant(table);
    it(`${file}: holds enough rows to be worth checking`, () => {
      expect(table.rows.length).toBeGreaterThan(5);
    });
    for (const row of table.rows) {
      it(`${file}: ${String(row.cells[0])}`, () => {
        const c = podColumns(row.object, now);
        expect([c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node, c.nominatedNode, c.readinessGates]).toEqual(row.cells);
        expect(c.namespace).toBe(row.object.metadata?.namespace);
      });
    }
  }
});

const NOW = new Date('2026-11-23T09:20:00Z');

function status(pod: V1Pod, name: string): V1ContainerStatus {
  const found = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === name);
  if (!found) throw new Error(`no status ${name}`);
  return found;
}

/** lab/web (1/1 Running, 1 restart at 09:12:42) with a sidecar `proxy` in front of it. */
function webWithSidecar(sidecar: Partial<V1ContainerStatus>): V1Pod {
  const pod = fixturePod('pods/lab-web.json');
  pod.spec!.initContainers = [{ name: 'proxy', image: 'busybox:latest', restartPolicy: 'Always' }];
  pod.status!.initContainerStatuses = [
    {
      name: 'proxy',
      image: 'docker.io/library/busybox:latest',
      imageID: '',
      ready: true,
      started: true,
      restartCount: 2,
      state: { running: { startedAt: '2026-11-23T09:15:00Z' as unknown as Date } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-23T09:14:59Z' as unknown as Date } },
      ...sidecar,
    },
  ];
  return pod;
}

describe('podColumns for states the recordings lack', () => {
  it('counts a started, ready sidecar in READY and its restarts (and latest restart) in RESTARTS', () => {
    const c = podColumns(webWithSidecar({}), NOW);
    expect([c.ready, c.status, c.restarts]).toEqual(['2/2', 'Running', '3 (5m1s ago)']);
    expect([c.readyContainers, c.totalContainers, c.restartCount]).toEqual([2, 2, 3]);
  });

  it('counts a started but unready sidecar in the total only', () => {
    const c = podColumns(webWithSidecar({ ready: false }), NOW);
    expect([c.ready, c.status]).toEqual(['1/2', 'Running']);
    expect(podHealth(webWithSidecar({ ready: false }))).toBe('warning');
  });

  it('shows Init:0/1 while the sidecar has not started, with only init restarts', () => {
    const pod = webWithSidecar({ started: false, ready: false, lastState: {} });
    pod.status!.conditions = pod.status!.conditions!.map((c) => (c.type === 'Initialized' ? { ...c, status: 'False' } : c));
    const c = podColumns(pod, NOW);
    expect([c.ready, c.status, c.restarts]).toEqual(['0/2', 'Init:0/1', '2']);
    expect(podHealth(pod)).toBe('progressing');
  });

  it('shows the regular init container position behind a started sidecar', () => {
    const pod = fixturePod('pods/lab-initwait.json');
    pod.spec!.initContainers!.unshift({ name: 'proxy', image: 'busybox:latest', restartPolicy: 'Always' });
    pod.status!.initContainerStatuses!.unshift({
      name: 'proxy', image: 'busybox', imageID: '', ready: true, started: true, restartCount: 0,
      state: { running: { startedAt: '2026-11-23T09:13:00Z' as unknown as Date } },
    });
    const c = podColumns(pod, NOW);
    expect([c.ready, c.status, c.restarts]).toEqual(['1/2', 'Init:2/3', '1']);
  });

  it('marks a pod the scheduler found no node for, though STATUS says Pending', () => {
    const pod = fixturePod('pods/states-unsched.json');
    expect(podColumns(pod, NOW).status).toBe('Pending');
    expect(podHealth(pod)).toBe('warning');
    pod.status!.conditions = [];
    expect(podHealth(pod)).toBe('progressing');
  });

  it('shows SchedulingGated for a gated pod', () => {
    const pod = fixturePod('pods/states-unsched.json');
    pod.status!.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }];
    expect(podColumns(pod, NOW).status).toBe('SchedulingGated');
    expect(podHealth(pod)).toBe('progressing');
  });

  it('shows the nominated node and readiness gates N/M', () => {
    const pod = fixturePod('pods/states-unsched.json');
    pod.status!.nominatedNodeName = 'vm2';
    pod.spec!.readinessGates = [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }, { conditionType: 'example.com/absent' }];
    pod.status!.conditions!.push(
      { type: 'example.com/lb', status: 'True' },
      { type: 'example.com/dns', status: 'False' },
    );
    const c = podColumns(pod, NOW);
    expect([c.ip, c.node, c.nominatedNode, c.readinessGates]).toEqual(['<none>', '<none>', 'vm2', '1/3']);
  });

  it('shows Init:CrashLoopBackOff for an init container in back-off', () => {
    const pod = fixturePod('pods/states-initfail.json');
    status(pod, 'migrate').state = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } };
    const c = podColumns(pod, NOW);
    expect(c.status).toBe('Init:CrashLoopBackOff');
    expect(c.restarts).toBe('3 (4m23s ago)');
    expect(podHealth(pod)).toBe('failed');
  });

  it('shows Init:ExitCode:N and Init:Signal:N when the runtime gave no reason', () => {
    const pod = fixturePod('pods/states-initfail.json');
    const migrate = status(pod, 'migrate');
    migrate.state = { terminated: { exitCode: 4 } };
    expect(podStatus(pod)).toBe('Init:ExitCode:4');
    migrate.state = { terminated: { exitCode: 137, signal: 9 } };
    expect(podStatus(pod)).toBe('Init:Signal:9');
    expect(podHealth(pod)).toBe('failed');
  });

  it('shows ExitCode:N and Signal:N for app containers without a reason', () => {
    const pod = fixturePod('pods/states-done-err.json');
    const job = status(pod, 'job');
    job.state = { terminated: { exitCode: 3 } };
    expect(podStatus(pod)).toBe('ExitCode:3');
    job.state = { terminated: { exitCode: 0, signal: 15 } };
    expect(podStatus(pod)).toBe('Signal:15');
    expect(podHealth(pod)).toBe('failed');
  });

  it('shows ImagePullBackOff and ContainerCreating from the waiting reason', () => {
    const pod = fixturePod('pods/lab-web.json');
    const web = status(pod, 'web');
    web.ready = false;
    web.state = { waiting: { reason: 'ImagePullBackOff' } };
    expect(podStatus(pod)).toBe('ImagePullBackOff');
    expect(podHealth(pod)).toBe('failed');
    web.state = { waiting: { reason: 'ContainerCreating' } };
    expect(podStatus(pod)).toBe('ContainerCreating');
    expect(podHealth(pod)).toBe('progressing');
  });

  it('takes the first container reason when several containers disagree', () => {
    const pod = fixturePod('pods/lab-duo.json');
    status(pod, 'alpha').state = { waiting: { reason: 'CrashLoopBackOff' } };
    status(pod, 'beta').state = { terminated: { exitCode: 1, reason: 'Error' } };
    expect(podStatus(pod)).toBe('CrashLoopBackOff');
  });

  it('shows NotReady / Running when one container completed and another still runs', () => {
    const pod = fixturePod('pods/lab-duo.json');
    const alpha = status(pod, 'alpha');
    alpha.ready = false;
    alpha.state = { terminated: { exitCode: 0, reason: 'Completed' } };
    pod.status!.conditions = pod.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    expect(podColumns(pod, NOW).ready).toBe('1/2');
    expect(podStatus(pod)).toBe('NotReady');
    expect(podHealth(pod)).toBe('warning');
    pod.status!.conditions = pod.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'True' } : c));
    expect(podStatus(pod)).toBe('Running');
  });

  it('shows Terminating when deleted, unless the pod already finished', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.metadata!.deletionTimestamp = '2026-11-23T09:19:00Z' as unknown as Date;
    expect(podStatus(pod)).toBe('Terminating');
    expect(podHealth(pod)).toBe('terminating');
    const done = fixturePod('pods/states-done-ok.json');
    done.metadata!.deletionTimestamp = new Date('2026-11-23T09:19:00Z');
    expect(podStatus(done)).toBe('Completed');
  });

  it('shows Unknown for a deleted pod on a lost node', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.metadata!.deletionTimestamp = new Date('2026-11-23T09:19:00Z');
    pod.status!.reason = 'NodeLost';
    expect(podStatus(pod)).toBe('Unknown');
    expect(podHealth(pod)).toBe('warning');
  });

  it('prints the restart count without "ago" when no restart has a finish time', () => {
    const pod = fixturePod('pods/lab-web.json');
    status(pod, 'web').lastState = {};
    expect(podColumns(pod, NOW).restarts).toBe('1');
  });

  it('accepts Date objects from the typed client as well as strings', () => {
    const pod = fixturePod('pods/lab-crashy.json');
    pod.metadata!.creationTimestamp = new Date(String(pod.metadata!.creationTimestamp));
    const last = status(pod, 'crashy').lastState!.terminated!;
    last.finishedAt = new Date(String(last.finishedAt));
    const c = podColumns(pod, new Date('2026-11-23T09:16:11.500Z'));
    expect([c.age, c.restarts]).toEqual(['6m21s', '9 (93s ago)']);
  });

  it('copes with an almost empty pod', () => {
    const c = podColumns({ metadata: { name: 'x' } } as V1Pod, NOW);
    expect(c).toMatchObject({ name: 'x', ready: '0/0', status: '', restarts: '0', age: '<unknown>', ip: '<none>' });
  });
});

describe('podHealth on the recorded pods', () => {
  const expected: Record<string, PodHealth> = {
    badimage: 'failed',
    badpull: 'failed',
    crashy: 'failed',
    duo: 'healthy',
    initwait: 'progressing',
    web: 'healthy',
    'done-err': 'failed',
    'done-ok': 'completed',
    'flaky-once': 'healthy',
    initfail: 'failed',
    noshell: 'healthy',
    notready: 'warning',
    oom: 'failed',
    slowstop: 'terminating',
    unsched: 'warning',
  };
  for (const file of ['table/lab-pods-table.json', 'table/states-pods-table.json']) {
    for (const row of podTable(file).rows) {
      const name = String(row.cells[0]);
      it(`${name} is ${expected[name]}`, () => {
        expect(podHealth(row.object)).toBe(expected[name]);
      });
    }
  }
});
