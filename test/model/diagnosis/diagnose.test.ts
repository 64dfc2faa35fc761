import { describe, expect, test } from 'vitest';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { readFixtureJson } from '../../helpers/fixtures.js';
import { diagnose, type DiagnosisCode } from '../../../src/model/diagnosis/diagnose.js';

/** The instant the recorded lists were taken (the last status change in them is 09:16:10). */
const now = new Date('2026-11-23T09:16:12Z');

function recorded(namespace: 'lab' | 'states'): { pods: V1Pod[]; events: CoreV1Event[] } {
  return {
    pods: readFixtureJson<{ items: V1Pod[] }>(`pods/${namespace}-list.json`).items,
    events: readFixtureJson<{ items: CoreV1Event[] }>(`events/${namespace}-events.json`).items,
  };
}

function podNamed(namespace: 'lab' | 'states', name: string): { pod: V1Pod; events: CoreV1Event[] } {
  const { pods, events } = recorded(namespace);
  const pod = pods.find((p) => p.metadata?.name === name);
  if (pod === undefined) throw new Error(`no recorded pod ${name}`);
  return { pod: structuredClone(pod), events };
}

describe('every recorded pod of a real 1.24 cluster gets the line its facts support', () => {
  const cases: Array<[ns: 'lab' | 'states', name: string, code: DiagnosisCode | undefined, text: string | undefined]> = [
    ['lab', 'badimage', 'imagePull', 'image registry.invalid/nope/does-not-exist:1.0 is not present on node vm and its imagePullPolicy is Never'],
    [
      'lab',
      'badpull',
      'imagePull',
      'image 127.0.0.1:5999/lab/does-not-exist:1.0 cannot be pulled: failed to do request: Head "http://127.0.0.1:5999/v2/lab/does-not-exist/manifests/1.0": dial tcp 127.0.0.1:5999: connect: connection refused; retrying with back-off, tried 7× in 4m43s, last 97s ago',
    ],
    ['lab', 'crashy', 'crashLoop', 'container crashy exited 1 after 2s, restarted 9×, last 2s ago'],
    ['lab', 'duo', 'restarted', 'restarted 1×, last 3m31s ago: container alpha exited 137 after 2m49s; running and ready now'],
    ['lab', 'initwait', 'initRunning', 'init container init-wait (2 of 2) still running after 3m9s'],
    ['lab', 'web', 'restarted', 'restarted 1×, last 3m30s ago: container web exited 137 after 2m50s; running and ready now'],
    ['states', 'done-err', 'exited', 'failed: container job exited 3 after 0s, 48s ago'],
    ['states', 'done-ok', undefined, undefined],
    ['states', 'flaky-once', 'restarted', 'restarted 1×, last 47s ago: container app exited 2 after 0s; running and ready now'],
    ['states', 'initfail', 'crashLoop', 'init container migrate exited 1 after 0s, restarted 3×, last 6s ago'],
    ['states', 'noshell', undefined, undefined],
    ['states', 'notready', 'probeFailing', 'readiness probe failing: exec [sh -c exit 1] with no output, 12× in 42s, last 4s ago'],
    ['states', 'oom', 'oomKilled', 'OOMKilled: container hog exceeded its 20Mi memory limit (exit 137), restarted 3×, last 5s ago'],
    ['states', 'slowstop', 'terminating', 'terminating for 3s: grace period 900s (14m left), container app still running'],
    ['states', 'unsched', 'unschedulable', 'unschedulable: 0/1 nodes match nodeSelector disktype=nvme-does-not-exist'],
  ];

  test.each(cases)('%s/%s', (ns, name, code, text) => {
    const { pod, events } = podNamed(ns, name);
    const diagnosis = diagnose({ pod, events, now });
    expect(diagnosis?.code).toBe(code);
    expect(diagnosis?.text).toBe(text);
  });

  test('the table covers every recorded pod', () => {
    const names = [...recorded('lab').pods, ...recorded('states').pods].map((p) => p.metadata?.name).sort();
    expect(cases.map((c) => c[1]).sort()).toEqual(names);
  });
});

describe('the log a line quotes', () => {
  test('a crash line asks for the log of the run that ended, and quotes its last lines once given', () => {
    const { pod, events } = podNamed('lab', 'crashy');
    const first = diagnose({ pod, events, now });
    // The container is terminated, not yet restarted: the run that ended is the current one.
    expect(first?.logWanted).toEqual({ container: 'crashy', previous: false });
    const lines = ['starting crashy', 'line 2', 'line 3: about to fail', 'exiting with 1', ''];
    const second = diagnose({ pod, events, now, logTail: { container: 'crashy', previous: false, lines } });
    expect(second?.text).toBe('container crashy exited 1 after 2s, restarted 9×, last 2s ago, last lines of its log: line 2 | line 3: about to fail | exiting with 1');
    expect(second?.logWanted).toBeUndefined();
  });

  test('in CrashLoopBackOff the run that ended is the previous instance', () => {
    const { pod, events } = podNamed('lab', 'crashy');
    const status = pod.status?.containerStatuses?.[0];
    if (status === undefined) throw new Error('no status');
    status.lastState = { terminated: status.state?.terminated };
    status.state = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=crashy' } };
    const diagnosis = diagnose({ pod, events, now, logTail: { container: 'crashy', previous: true, lines: ['exiting with 1'] } });
    expect(diagnosis?.text).toBe('CrashLoopBackOff: container crashy exited 1 after 2s, restarted 9×, last 2s ago, last lines of the previous log: exiting with 1');
  });

  test('log text is cleaned: escape sequences in it never reach the line', () => {
    const { pod, events } = podNamed('lab', 'crashy');
    const diagnosis = diagnose({ pod, events, now, logTail: { container: 'crashy', previous: false, lines: ['\x1b]0;owned\x07evil\x1b[2J'] } });
    expect(diagnosis?.text).not.toContain('\x1b');
    expect(diagnosis?.text).toContain('evil');
  });
});

describe('facts the recordings do not hold, on recorded pods changed the way a cluster changes them', () => {
  test('ASCII: x instead of ×', () => {
    const { pod, events } = podNamed('states', 'oom');
    expect(diagnose({ pod, events, now, ascii: true })?.text).toBe('OOMKilled: container hog exceeded its 20Mi memory limit (exit 137), restarted 3x, last 5s ago');
  });

  test('an OOM kill without a memory limit says so instead of naming a limit', () => {
    const { pod, events } = podNamed('states', 'oom');
    delete pod.spec?.containers[0]?.resources;
    expect(diagnose({ pod, events, now })?.text).toBe('OOMKilled: container hog ran out of memory with no memory limit set (exit 137), restarted 3×, last 5s ago');
  });

  test('terminating past the grace period, held by finalizers', () => {
    const { pod, events } = podNamed('states', 'slowstop');
    pod.metadata = { ...pod.metadata, finalizers: ['example.com/backup'] };
    const later = new Date('2026-11-23T09:32:09Z');
    expect(diagnose({ pod, events, now: later })?.text).toBe('terminating for 16m: grace period 900s, 60s past it, container app still running, finalizers example.com/backup');
  });

  test('unschedulable for more than one reason: the scheduler words, the selector named', () => {
    const { pod, events } = podNamed('states', 'unsched');
    const condition = pod.status?.conditions?.[0];
    if (condition === undefined) throw new Error('no condition');
    condition.message = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role: control-plane}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(diagnose({ pod, events: [], now })?.text).toBe(
      "unschedulable: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role: control-plane}, 2 node(s) didn't match Pod's node affinity/selector (nodeSelector disktype=nvme-does-not-exist)",
    );
  });

  test('a restart more than an hour ago is not news: a running, ready pod has no line', () => {
    const { pod, events } = podNamed('lab', 'web');
    expect(diagnose({ pod, events, now: new Date('2026-11-23T10:16:12Z') })).toBeUndefined();
  });

  test('events of another pod of the same name (another uid) are not this pod’s', () => {
    const { pod, events } = podNamed('states', 'notready');
    const renamed = { ...pod, metadata: { ...pod.metadata, uid: 'another-uid' } };
    expect(diagnose({ pod: renamed, events, now })?.code).toBe('notReady');
    expect(diagnose({ pod: renamed, events, now })?.text).toBe('not ready: container app running for 47s, its readiness probe has not passed yet and no failure is in the events');
  });

  test('a missing Secret: the kubelet’s own message', () => {
    const { pod, events } = podNamed('lab', 'badimage');
    const status = pod.status?.containerStatuses?.[0];
    if (status === undefined) throw new Error('no status');
    status.state = { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db-password" not found' } };
    expect(diagnose({ pod, events, now })?.text).toBe('CreateContainerConfigError: container bad cannot start: secret "db-password" not found');
  });

  test('evicted: the reason and message of the pod itself', () => {
    const { pod, events } = podNamed('states', 'done-err');
    pod.status = { ...pod.status, reason: 'Evicted', message: 'The node was low on resource: memory.' };
    expect(diagnose({ pod, events, now })?.text).toBe('Evicted: The node was low on resource: memory.');
  });
});
