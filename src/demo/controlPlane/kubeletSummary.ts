import type { JsonObject } from '../apiTypes.js';
import type { ClusterNode } from './nodes.js';
import { rfc3339 } from './time.js';
import type { UsageSample } from './usageProfile.js';

export interface ContainerUsageView {
  name: string;
  startedMs: number;
  sample: UsageSample;
}

export interface PodUsageView {
  name: string;
  namespace: string;
  uid: string;
  startedMs: number;
  /** The running containers only: cAdvisor has nothing of the others. */
  containers: readonly ContainerUsageView[];
}

function cpuStats(time: string, sample: Pick<UsageSample, 'usageNanoCores' | 'usageCoreNanoSeconds'>): JsonObject {
  return { time, usageNanoCores: sample.usageNanoCores, usageCoreNanoSeconds: sample.usageCoreNanoSeconds };
}

function memoryStats(time: string, sample: Pick<UsageSample, 'workingSetBytes' | 'usageBytes' | 'rssBytes'>, availableBytes?: number): JsonObject {
  const stats: JsonObject = { time };
  if (availableBytes !== undefined) stats['availableBytes'] = Math.max(0, availableBytes);
  return { ...stats, usageBytes: sample.usageBytes, workingSetBytes: sample.workingSetBytes, rssBytes: sample.rssBytes, pageFaults: 0, majorPageFaults: 0 };
}

function sum(samples: readonly UsageSample[]): UsageSample {
  const total: UsageSample = { usageNanoCores: 0, usageCoreNanoSeconds: 0, workingSetBytes: 0, usageBytes: 0, rssBytes: 0 };
  for (const s of samples) {
    total.usageNanoCores += s.usageNanoCores;
    total.usageCoreNanoSeconds += s.usageCoreNanoSeconds;
    total.workingSetBytes += s.workingSetBytes;
    total.usageBytes += s.usageBytes;
    total.rssBytes += s.rssBytes;
  }
  return total;
}

/** The node's own overhead (kubelet, runtime, system daemons) on top of its pods. */
const SYSTEM_OVERHEAD: UsageSample = { usageNanoCores: 180_000_000, usageCoreNanoSeconds: 0, workingSetBytes: 900 * 2 ** 20, usageBytes: 1300 * 2 ** 20, rssBytes: 700 * 2 ** 20 };

/**
 * The kubelet's `/stats/summary` (stats/v1alpha1 Summary) for `node`, in the shape a 1.24 kubelet
 * answers: node totals and one entry per pod with its running containers' CPU and memory. Fields
 * a client of usage does not read (network, filesystems, volumes) are left out, as the kubelet
 * leaves out what its stats provider lacks.
 */
export function kubeletSummary(node: ClusterNode, pods: readonly PodUsageView[], nowMs: number, bootMs: number): JsonObject {
  const time = rfc3339(nowMs);
  const all = pods.flatMap((pod) => pod.containers.map((c) => c.sample));
  const nodeTotal = sum([...all, { ...SYSTEM_OVERHEAD, usageCoreNanoSeconds: SYSTEM_OVERHEAD.usageNanoCores * ((nowMs - bootMs) / 1000) }]);
  return {
    node: {
      nodeName: node.name,
      startTime: rfc3339(bootMs),
      cpu: cpuStats(time, nodeTotal),
      memory: memoryStats(time, nodeTotal, node.allocatable.memoryBytes - nodeTotal.workingSetBytes),
    },
    pods: pods.map((pod) => {
      const total = sum(pod.containers.map((c) => c.sample));
      return {
        podRef: { name: pod.name, namespace: pod.namespace, uid: pod.uid },
        startTime: rfc3339(pod.startedMs),
        containers: pod.containers.map((c) => ({
          name: c.name,
          startTime: rfc3339(c.startedMs),
          cpu: cpuStats(time, c.sample),
          memory: memoryStats(time, c.sample),
        })),
        cpu: cpuStats(time, total),
        memory: memoryStats(time, total),
      };
    }),
  };
}
