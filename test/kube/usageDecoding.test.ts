import { describe, expect, it } from 'vitest';
import { podUsageFromMetrics, podUsageFromSummary } from '../../src/kube/metrics/usageDecoding.js';

const MiB = 2 ** 20;

describe('decoding the wire shapes', () => {
  it('a PodMetricsList as metrics-server writes it (nanocores, Ki)', () => {
    const pods = podUsageFromMetrics({
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [
        { metadata: { name: 'web', namespace: 'lab' }, timestamp: '2026-11-23T09:16:00Z', window: '15s', containers: [{ name: 'web', usage: { cpu: '2126602n', memory: '12688Ki' } }] },
        { metadata: { name: 'bad' }, containers: [] },
        { metadata: { name: 'odd', namespace: 'lab' }, containers: [{ name: 'x', usage: { cpu: 'lots', memory: '1Mi' } }] },
      ],
    });
    expect(pods).toEqual([
      { namespace: 'lab', name: 'web', sampledMs: Date.parse('2026-11-23T09:16:00Z'), containers: [{ name: 'web', cpuMillis: 2.126602, memoryBytes: 12688 * 1024 }] },
      { namespace: 'lab', name: 'odd', containers: [] },
    ]);
  });

  it("a kubelet's stats/summary: usageNanoCores and workingSetBytes per container", () => {
    const pods = podUsageFromSummary({
      node: { nodeName: 'vm' },
      pods: [
        {
          podRef: { name: 'web', namespace: 'lab', uid: 'u' },
          containers: [{ name: 'web', cpu: { time: '2026-11-23T09:16:00Z', usageNanoCores: 3_000_000, usageCoreNanoSeconds: 1 }, memory: { workingSetBytes: 5 * MiB, usageBytes: 6 * MiB } }],
        },
        { podRef: { name: 'starting', namespace: 'lab' }, containers: [{ name: 'c', cpu: {}, memory: {} }] },
      ],
    });
    expect(pods).toEqual([
      { namespace: 'lab', name: 'web', sampledMs: Date.parse('2026-11-23T09:16:00Z'), containers: [{ name: 'web', cpuMillis: 3, memoryBytes: 5 * MiB }] },
      { namespace: 'lab', name: 'starting', containers: [] },
    ]);
  });
});
