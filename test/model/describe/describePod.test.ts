import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { describePod } from '../../../src/model/describe/describePod.js';
import { tabwrite } from '../../../src/model/describe/tabwriter.js';
import { readFixtureJson, readFixtureText } from '../../helpers/fixtures.js';
import { fixturePod } from '../podFixtures.js';

const utc = (): number => 0;

function eventsOf(pod: V1Pod): CoreV1Event[] {
  const list = readFixtureJson<{ items: CoreV1Event[] }>(`events/${pod.metadata?.namespace ?? ''}-events.json`);
  return list.items.filter((event) => event.involvedObject.name === pod.metadata?.name && event.involvedObject.uid === pod.metadata?.uid);
}

/**
 * kubectl printed the recording at some instant shortly after the JSON was taken; ages depend on it.
 * Our text must equal kubectl's at one instant of the minutes after the pod's newest event.
 */
function closestDescription(pod: V1Pod, events: CoreV1Event[], expected: string[]): string[] {
  const times = events.map((event) => Date.parse(String(event.lastTimestamp ?? event.eventTime ?? ''))).filter((ms) => !Number.isNaN(ms));
  const from = Math.max(Date.parse(String(pod.status?.startTime ?? '')) || 0, ...times);
  let best: string[] = [];
  let bestScore = -1;
  for (let ms = from; ms < from + 20 * 60_000; ms += 100) {
    const lines = describePod(pod, { now: new Date(ms), utcOffsetMinutes: utc, events });
    const score = lines.filter((line, index) => line === expected[index]).length;
    if (score > bestScore) {
      best = lines;
      bestScore = score;
    }
    if (score === expected.length && lines.length === expected.length) return lines;
  }
  return best;
}

const recorded = [
  'lab-badimage',
  'lab-badpull',
  'lab-crashy',
  'lab-duo',
  'lab-initwait',
  'lab-web',
  'states-done-err',
  'states-done-ok',
  'states-flaky-once',
  'states-initfail',
  'states-noshell',
  'states-notready',
  'states-oom',
  'states-slowstop',
  'states-unsched',
];

describe('describePod against the recorded kubectl describe', () => {
  for (const name of recorded) {
    it(`prints ${name} exactly as kubectl 1.32 did`, () => {
      const pod = fixturePod(`pods/${name}.json`);
      const expected = readFixtureText(`kubectl/describe-${name}.txt`).replace(/\n$/, '').split('\n');
      const events = eventsOf(pod);
      if (name === 'states-notready') {
        // The failing probe repeated once more between the event list and kubectl's describe; the
        // kubelet then bumps the event's count and last timestamp, which is what kubectl saw.
        const unhealthy = events.find((event) => event.reason === 'Unhealthy');
        if (unhealthy !== undefined) Object.assign(unhealthy, { count: (unhealthy.count ?? 0) + 1, lastTimestamp: new Date(Date.parse(String(unhealthy.lastTimestamp)) + 5000).toISOString() });
      }
      expect(closestDescription(pod, events, expected)).toEqual(expected);
    });
  }

  it('the OOMKilled pod: its last state and its memory limit and request', () => {
    const pod = fixturePod('pods/states-oom.json');
    const text = describePod(pod, { now: new Date('2026-11-23T09:16:13Z'), utcOffsetMinutes: utc, events: [] }).join('\n');
    expect(text).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
    expect(text).toMatch(/Limits:\n\s+memory:\s+20Mi\n\s+Requests:\n\s+memory:\s+20Mi/);
    expect(text).toMatch(/\nEvents:\s+<none>$/);
  });

  it('shows where a secret value comes from, never the value, and escapes ESC like kubectl', () => {
    const pod = fixturePod('pods/lab-web.json');
    const container = pod.spec?.containers[0];
    if (container === undefined) throw new Error('no container');
    container.env = [
      { name: 'PLAIN', value: 'visible' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
      { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
    ];
    pod.metadata = { ...pod.metadata, labels: { app: 'web\u001b[31m' } };
    const lines = describePod(pod, { now: new Date(), utcOffsetMinutes: utc });
    const env = lines.slice(lines.findIndex((line) => line.includes('Environment:')), lines.findIndex((line) => line.includes('Mounts:')));
    expect(env).toEqual([
      '    Environment:',
      '      PLAIN:  visible',
      "      TOKEN:  <set to the key 'password' in secret 'db'>   Optional: false",
      "      MODE:   <set to the key 'mode' of config map 'cfg'>  Optional: true",
      '      POD:    web (v1:metadata.name)',
      '      MEM:    node allocatable (limits.memory)',
    ]);
    expect(lines).toContain('Labels:           app=web^[[31m');
    expect(lines.some((line) => line.includes('Events'))).toBe(false);
  });

  it('prints the controller, probes, ports and a local time zone', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.metadata = { ...pod.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c9', uid: 'u', controller: true }] };
    const container = pod.spec?.containers[0];
    if (container === undefined) throw new Error('no container');
    container.ports = [{ containerPort: 8080, protocol: 'TCP', name: 'http' }, { containerPort: 9090, protocol: 'TCP' }];
    container.livenessProbe = { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    container.startupProbe = { tcpSocket: { port: 8080 }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 2, successThreshold: 1, failureThreshold: 30 };
    const text = describePod(pod, { now: new Date(), utcOffsetMinutes: () => 60 }).join('\n');
    expect(text).toMatch(/\nControlled By:\s+ReplicaSet\/web-7c9\n/);
    expect(text).toMatch(/Ports:\s+8080\/TCP, 9090\/TCP\n\s+Host Ports:\s+0\/TCP, 0\/TCP/);
    expect(text).toMatch(/Liveness:\s+http-get http:\/\/:http\/healthz delay=0s timeout=1s period=10s #success=1 #failure=3/);
    expect(text).toMatch(/Startup:\s+tcp-socket :8080 delay=5s timeout=1s period=2s #success=1 #failure=30/);
    expect(text).toMatch(/\nStart Time:\s+Mon, 23 Nov 2026 10:09:50 \+0100\n/);
  });
});

describe('tabwrite (Go text/tabwriter, padding 2)', () => {
  it('aligns a column over the block of lines that have it; a line without tabs ends the block', () => {
    expect(tabwrite('a:\t1\nlonger:\t2\nplain\nx:\t3\n')).toEqual(['a:       1', 'longer:  2', 'plain', 'x:  3']);
  });
  it('aligns nested columns and never pads the last cell', () => {
    expect(tabwrite('a\tb\tc\naaa\tbbbb\tc\nz\ty\n')).toEqual(['a    b     c', 'aaa  bbbb  c', 'z    y']);
  });
});
