import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/apiObjects.js';
import { podTree, renderTreeLines } from '../../src/model/containerTree.js';
import { cpuCell, formatCpu, formatMemory, memoryCell, podBounds, podUsageCells, usageStatusText, type PodUsage, type UsageState } from '../../src/model/usage.js';
import { withUsage } from '../../src/model/usageTree.js';
import { fixturePod } from './podFixtures.js';

const MiB = 2 ** 20;
const NOW = new Date('2026-11-23T09:16:13Z');

function live(pods: PodUsage[], source: 'metrics.k8s.io' | 'summary' = 'metrics.k8s.io'): UsageState {
  return { kind: 'live', source, pods: new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p])), atMs: NOW.getTime() };
}

/** The recorded web pod with requests and limits, as a sized workload has them. */
function sizedWeb(): Pod {
  const pod = fixturePod('pods/lab-web.json');
  const container = pod.spec!.containers[0]!;
  container.resources = { requests: { cpu: '200m', memory: '64Mi' }, limits: { cpu: '400m', memory: '128Mi' } };
  return pod;
}

describe('usage cells', () => {
  it('formats like kubectl top: millicores and Mi', () => {
    expect(formatCpu(2.126602)).toBe('2m');
    expect(formatCpu(1250)).toBe('1250m');
    expect(formatMemory(12688 * 1024)).toBe('12Mi');
    expect(formatMemory(736 * 1024)).toBe('736Ki');
  });

  it('k9s-like: used, % of request / % of limit', () => {
    const pod = sizedWeb();
    const cells = podUsageCells(pod, { namespace: 'lab', name: 'web', containers: [{ name: 'web', cpuMillis: 120, memoryBytes: 96 * MiB }] });
    expect(cells.cpu).toBe('120m 60%/30%');
    expect(cells.memory).toBe('96Mi 150%/75%');
    expect(cells.cpuMillis).toBe(120);
  });

  it('the recorded OOM pod: memory request and limit 20Mi, no CPU bounds', () => {
    const oom = fixturePod('pods/states-oom.json');
    expect(podBounds(oom)).toEqual({ memoryRequestBytes: 20 * MiB, memoryLimitBytes: 20 * MiB });
    const cells = podUsageCells(oom, { namespace: 'states', name: 'oom', containers: [{ name: 'hog', cpuMillis: 3, memoryBytes: 19 * MiB }] });
    expect(cells.memory).toBe('19Mi 95%/95%');
    expect(cells.cpu).toBe('3m');
  });

  it('nothing set: the bare value; no sample: -', () => {
    const web = fixturePod('pods/lab-web.json');
    expect(podUsageCells(web, { namespace: 'lab', name: 'web', containers: [{ name: 'web', cpuMillis: 5, memoryBytes: 3 * MiB }] })).toMatchObject({ cpu: '5m', memory: '3Mi' });
    expect(podUsageCells(web, undefined)).toMatchObject({ cpu: '-', memory: '-', cpuMillis: undefined });
  });

  it('a pod limit exists only when every container has one; requests add up', () => {
    const duo = fixturePod('pods/lab-duo.json');
    duo.spec!.containers[0]!.resources = { requests: { cpu: '100m' }, limits: { cpu: '200m' } };
    duo.spec!.containers[1]!.resources = { requests: { cpu: '50m' } };
    expect(podBounds(duo)).toEqual({ cpuRequestMillis: 150 });
    expect(cpuCell(75, podBounds(duo))).toBe('75m 50%/-');
    expect(memoryCell(MiB, {})).toBe('1Mi');
  });

  it('says where usage comes from, or why there is none', () => {
    expect(usageStatusText({ kind: 'unavailable', reason: 'metrics.k8s.io: 404; summary: forbidden' })).toBe('usage: not available (metrics.k8s.io: 404; summary: forbidden)');
    expect(usageStatusText({ ...(live([], 'summary') as Extract<UsageState, { kind: 'live' }>), note: 'summary of 20 of 54 nodes' })).toBe(
      "usage from the kubelets' stats/summary, summary of 20 of 54 nodes",
    );
    expect(usageStatusText({ kind: 'unavailable', reason: 'x\x1b]52;c;AAAA\x07' })).not.toContain('\x1b');
  });
});

describe('usage in the tree', () => {
  it('a usage line under the pod and under each sampled container', () => {
    const pod = sizedWeb();
    const state = live([{ namespace: 'lab', name: 'web', containers: [{ name: 'web', cpuMillis: 120, memoryBytes: 96 * MiB }] }]);
    const lines = renderTreeLines(withUsage(podTree(pod, NOW), pod, state), { ascii: true, collapsed: new Set() });
    expect(lines.find((l) => l.id === 'pod/usage')?.text).toBe('usage CPU 120m 60%/30% MEM 96Mi 150%/75% (usage from metrics.k8s.io)');
    expect(lines.find((l) => l.id === 'container/web/usage')?.text).toBe('usage CPU 120m 60%/30% MEM 96Mi 150%/75%');
    const ids = lines.map((l) => l.id);
    expect(ids.indexOf('container/web/usage')).toBe(ids.indexOf('container/web/state') + 1);
  });

  it('not available: the pod says why, containers get nothing', () => {
    const pod = fixturePod('pods/lab-web.json');
    const lines = renderTreeLines(withUsage(podTree(pod, NOW), pod, { kind: 'unavailable', reason: 'metrics.k8s.io: 404; summary: forbidden' }), { ascii: true, collapsed: new Set() });
    expect(lines.find((l) => l.id === 'pod/usage')?.text).toBe('usage: not available (metrics.k8s.io: 404; summary: forbidden)');
    expect(lines.some((l) => l.id === 'container/web/usage')).toBe(false);
  });
});
