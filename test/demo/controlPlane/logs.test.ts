import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/demo/controlPlane/index.js';
import { containerStatus, createHarness, stateOf, type Harness } from './harness.js';

let harness: Harness;
afterEach(() => harness.stop());

describe('container logs', () => {
  it('keep the current and the previous instance after a restart, with streams and times', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'crashy');
    harness.advanceUntil(() => Number(containerStatus(harness.pod('lab', 'crashy'), 'crashy')?.['restartCount']) === 1, 10_000, 50);
    const logs = harness.plane.logs;
    const previous = logs.read('lab', 'crashy', 'crashy', { previous: true });
    expect(previous?.map((entry) => [entry.stream, entry.text])).toEqual([
      ['stdout', 'starting crashy'],
      ['stdout', 'line 2'],
      ['stderr', 'line 3: about to fail'],
      ['stdout', 'exiting with 1'],
    ]);
    const first = previous?.[0];
    const last = previous?.[3];
    expect((last?.time ?? 0) - (first?.time ?? 0)).toBe(2000);
    expect(logs.read('lab', 'crashy', 'crashy')?.map((entry) => entry.text)).toEqual(['starting crashy', 'line 2', 'line 3: about to fail']);
    expect(logs.info('lab', 'crashy', 'crashy')).toEqual({ restartCount: 1, running: true, hasPrevious: true });
    expect(logs.read('lab', 'crashy', 'nope')).toBeUndefined();
  });

  it('stream new lines to subscribers until the instance ends', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'crashy');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'crashy'), 'crashy')) === 'running', 5_000, 50);
    const received: LogEntry[] = [];
    let ended = false;
    harness.plane.logs.subscribe('lab', 'crashy', 'crashy', (entry) => received.push(entry), () => {
      ended = true;
    });
    harness.clock.advance(2_500);
    expect(received.map((entry) => entry.text)).toEqual(['exiting with 1']);
    expect(ended).toBe(true);
    let endedAtOnce = false;
    harness.plane.logs.subscribe('lab', 'crashy', 'crashy', () => {}, () => {
      endedAtOnce = true;
    });
    expect(endedAtOnce).toBe(true);
  });

  it('write what the recorded web pod wrote, once a second', () => {
    harness = createHarness();
    harness.createManifestPod('lab', 'web');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'web'), 'web')) === 'running', 5_000);
    harness.clock.advance(10_000);
    const lines = harness.plane.logs.read('lab', 'web', 'web') ?? [];
    expect(lines.length).toBeGreaterThanOrEqual(10);
    lines.forEach((entry, index) => {
      const time = new Date(entry.time).toISOString().slice(11, 19);
      expect(entry.text).toBe(`${time} web tick ${index + 1}`);
    });
  });

  it('follow the logRate option as a firehose, keeping a bounded number of lines per instance', () => {
    harness = createHarness({ logRate: 1000, maxLogLines: 500 });
    harness.createManifestPod('lab', 'web');
    harness.advanceUntil(() => stateOf(containerStatus(harness.pod('lab', 'web'), 'web')) === 'running', 5_000);
    let count = 0;
    harness.plane.logs.subscribe('lab', 'web', 'web', () => {
      count += 1;
    });
    harness.clock.advance(2_000);
    expect(count).toBeGreaterThanOrEqual(1_990);
    expect(harness.plane.logs.read('lab', 'web', 'web')).toHaveLength(500);
  });

  it('with logRatePods only the pods named write at logRate; the others keep their own pace', () => {
    harness = createHarness({ logRate: 1000, logRatePods: ['lab/web'] });
    harness.createManifestPod('lab', 'web');
    harness.createManifestPod('lab', 'duo');
    const running = (pod: string, container: string): boolean => stateOf(containerStatus(harness.pod('lab', pod), container)) === 'running';
    harness.advanceUntil(() => running('web', 'web') && running('duo', 'alpha'), 5_000);
    const counts = { web: 0, alpha: 0 };
    harness.plane.logs.subscribe('lab', 'web', 'web', () => (counts.web += 1));
    harness.plane.logs.subscribe('lab', 'duo', 'alpha', () => (counts.alpha += 1));
    harness.clock.advance(2_000);
    expect(counts.web).toBeGreaterThanOrEqual(1_990);
    // alpha prints a line every 2 s.
    expect(counts.alpha).toBeLessThanOrEqual(2);
  });

  it('include colours and one hostile escape sequence in the shop frontend access logs', () => {
    harness = createHarness({ scenario: true });
    harness.clock.advance(120_000);
    const frontends = harness.store.list('pods', 'shop').map((pod) => String((pod['metadata'] as { name: string }).name)).filter((name) => name.startsWith('frontend-'));
    const lines = frontends.flatMap((name) => harness.plane.logs.read('shop', name, 'frontend') ?? []);
    expect(lines.some((entry) => entry.text.includes('\u001b]0;'))).toBe(true);
    expect(lines.some((entry) => / "GET \/\S* HTTP\/1\.1" \d{3} \d+ /.test(entry.text))).toBe(true);
    const catalog = harness.store.list('pods', 'shop').map((pod) => String((pod['metadata'] as { name: string }).name)).find((name) => name.startsWith('catalog-'));
    expect(harness.plane.logs.read('shop', catalog ?? '', 'catalog')?.some((entry) => entry.text.includes('\u001b[32m'))).toBe(true);
  });
});
