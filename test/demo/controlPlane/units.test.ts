import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/demo/controlPlane/backoff.js';
import { formatGoDuration, formatGoDurationMs } from '../../../src/demo/controlPlane/goDuration.js';
import { defaultPullPolicy, imageIdFor, normalizeImage } from '../../../src/demo/controlPlane/images.js';
import { NodeIpam } from '../../../src/demo/controlPlane/ipam.js';
import { demoNodes } from '../../../src/demo/controlPlane/nodes.js';
import { seededRandom } from '../../../src/demo/controlPlane/random.js';
import { createRegistry } from '../../../src/demo/controlPlane/registry.js';
import { parseQuantity, qosClass } from '../../../src/demo/controlPlane/resources.js';
import { readFixtureText } from '../../helpers/fixtures.js';

describe('formatGoDuration', () => {
  it('prints durations the way Go does', () => {
    expect(formatGoDurationMs(10_000)).toBe('10s');
    expect(formatGoDurationMs(80_000)).toBe('1m20s');
    expect(formatGoDurationMs(160_000)).toBe('2m40s');
    expect(formatGoDurationMs(300_000)).toBe('5m0s');
    expect(formatGoDurationMs(3_723_500)).toBe('1h2m3.5s');
    expect(formatGoDuration(1_234_567_891)).toBe('1.234567891s');
    expect(formatGoDuration(512_300_000)).toBe('512.3ms');
    expect(formatGoDuration(0)).toBe('0s');
  });
});

describe('Backoff (kubelet container restarts)', () => {
  it('doubles from 10 s to a 5 min cap and starts over after a long quiet period', () => {
    let now = 0;
    const backoff = new Backoff(() => now);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      backoff.next('c', now);
      seen.push(backoff.get('c'));
      now += backoff.get('c');
    }
    expect(seen.map((ms) => ms / 1000)).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
    const finished = now + 11 * 60_000;
    expect(backoff.isInBackOffSince('c', finished)).toBe(false);
    backoff.next('c', finished);
    expect(backoff.get('c')).toBe(10_000);
  });

  it('is in back-off until the back-off since the finish time has passed', () => {
    let now = 1000;
    const backoff = new Backoff(() => now);
    backoff.next('c', now);
    now = 5000;
    expect(backoff.isInBackOffSince('c', 4000)).toBe(true);
    now = 14_000;
    expect(backoff.isInBackOffSince('c', 4000)).toBe(false);
  });
});

describe('images', () => {
  it('normalises references as containerd reports them', () => {
    expect(normalizeImage('busybox:latest')).toBe('docker.io/library/busybox:latest');
    expect(normalizeImage('busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeImage('bitnami/redis:7')).toBe('docker.io/bitnami/redis:7');
    expect(normalizeImage('registry.k8s.io/pause:3.7')).toBe('registry.k8s.io/pause:3.7');
    expect(normalizeImage('127.0.0.1:5999/lab/does-not-exist:1.0')).toBe('127.0.0.1:5999/lab/does-not-exist:1.0');
    expect(normalizeImage('localhost/app')).toBe('localhost/app:latest');
  });

  it('defaults the pull policy like the API server', () => {
    expect(defaultPullPolicy('busybox')).toBe('Always');
    expect(defaultPullPolicy('busybox:latest')).toBe('Always');
    expect(defaultPullPolicy('busybox:1.36')).toBe('IfNotPresent');
    expect(defaultPullPolicy('registry:5000/app')).toBe('Always');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
  });

  it('gives the recorded image IDs for the recorded images and repo digests for others', () => {
    expect(imageIdFor('docker.io/library/busybox:latest')).toBe('sha256:ce50f85f7bacf5d4352a5aa523f958a82759d23470942b237950feb0e1b8484a');
    expect(imageIdFor('docker.io/library/redis:7.2.4-alpine')).toMatch(/^docker\.io\/library\/redis@sha256:[0-9a-f]{64}$/);
  });

  it('fails a pull from a closed local port with the recorded containerd error', () => {
    const recorded = readFixtureText('kubectl/describe-lab-badpull.txt');
    const message = createRegistry().pullError('127.0.0.1:5999/lab/does-not-exist:1.0');
    expect(message).toBeDefined();
    expect(recorded).toContain(`Failed to pull image "127.0.0.1:5999/lab/does-not-exist:1.0": ${message ?? ''}`);
    expect(createRegistry().pullError('nginx:1.25')).toBeUndefined();
  });
});

describe('resources', () => {
  it('parses quantities and computes the QoS class', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('20Mi')).toBe(20 * 1024 * 1024);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(qosClass({ containers: [{ name: 'a' }] })).toBe('BestEffort');
    expect(qosClass({ containers: [{ name: 'a', resources: { limits: { memory: '20Mi' }, requests: { memory: '20Mi' } } }] })).toBe('Burstable');
    expect(qosClass({ containers: [{ name: 'a', resources: { limits: { memory: '1Gi', cpu: '1' } } }] })).toBe('Guaranteed');
  });
});

describe('NodeIpam', () => {
  it('hands out the next free address after the last one, so a freed address is not reused at once', () => {
    const node = demoNodes[0];
    if (node === undefined) throw new Error('no node');
    const ipam = new NodeIpam(node);
    const first = ipam.allocate();
    const second = ipam.allocate();
    expect(first).toBe(`${node.podSubnet}.2`);
    expect(second).toBe(`${node.podSubnet}.3`);
    ipam.release(first ?? '');
    expect(ipam.allocate()).toBe(`${node.podSubnet}.4`);
  });
});

describe('seededRandom', () => {
  it('repeats for the same seed, and forks independently of the parent position', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a.next(), a.int(100), a.hex(8)]).toEqual([b.next(), b.int(100), b.hex(8)]);
    const forkedEarly = seededRandom(42).fork('x').uuid();
    const parent = seededRandom(42);
    parent.next();
    expect(parent.fork('x').uuid()).toBe(forkedEarly);
    expect(seededRandom(43).fork('x').uuid()).not.toBe(forkedEarly);
    expect(forkedEarly).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
