import type { JsonObject } from '../apiTypes.js';
import type { ProcessPlan } from './containerRuntime.js';
import { objectField } from './json.js';
import type { Random } from './random.js';
import { parseQuantity } from './resources.js';

/** What cAdvisor would measure of one running container at an instant. */
export interface UsageSample {
  /** Mean CPU over the last few seconds, in nanocores (1e9 = one core). */
  usageNanoCores: number;
  /** Cumulative CPU time since the container started. */
  usageCoreNanoSeconds: number;
  workingSetBytes: number;
  /** Working set plus page cache. */
  usageBytes: number;
  rssBytes: number;
}

export type UsageProfile = (nowMs: number) => UsageSample;

const MiB = 2 ** 20;
/** Where a container without a memory limit would be OOM-killed in the simulation (the node's share). */
const UNLIMITED_OOM_BYTES = 256 * MiB;

function limitOf(spec: JsonObject, resource: 'cpu' | 'memory', kind: 'limits' | 'requests'): number | undefined {
  return parseQuantity(objectField(spec, 'resources', kind)?.[resource]);
}

/** How long the plan runs before it exits on its own, or undefined if it keeps running. */
function plannedRunMs(plan: ProcessPlan): number | undefined {
  if (plan.exit === undefined) return undefined;
  const script = (plan.script ?? []).reduce((sum, step) => sum + step.afterMs, 0);
  return script + plan.exit.afterMs;
}

/**
 * Believable moving usage for a container started at `startedMs`: a base level drawn per instance,
 * CPU wandering around it on two slow waves (never above the CPU limit: the CFS quota throttles),
 * memory warming up over the first half minute then breathing a few percent, kept under its limit;
 * a process that is OOM-killed instead climbs steadily from a few MiB to its limit at the moment of
 * the kill.
 */
export function usageProfile(spec: JsonObject, plan: ProcessPlan, random: Random, startedMs: number): UsageProfile {
  const cpuLimit = limitOf(spec, 'cpu', 'limits');
  const cpuRequest = limitOf(spec, 'cpu', 'requests');
  const memoryLimit = limitOf(spec, 'memory', 'limits');
  const memoryRequest = limitOf(spec, 'memory', 'requests');
  const busy = plan.steady !== undefined || plan.serves !== undefined;
  // Around its request when it has one (what it was sized for), else a small share of a core.
  const cpuBase = cpuRequest !== undefined ? cpuRequest * random.between(0.3, 0.9) : busy ? random.between(0.004, 0.06) : random.between(0.0005, 0.003);
  const memoryTarget = memoryRequest ?? memoryLimit;
  let memoryBase = memoryTarget !== undefined ? memoryTarget * random.between(0.35, 0.75) : random.between(busy ? 12 : 0.4, busy ? 90 : 3) * MiB;
  if (memoryLimit !== undefined) memoryBase = Math.min(memoryBase, memoryLimit * 0.8);
  const phase = random.between(0, 2 * Math.PI);
  const slowPeriod = random.between(40_000, 90_000);
  const fastPeriod = random.between(9_000, 17_000);
  const oomAtMs = plan.exit?.oomKilled === true ? plannedRunMs(plan) : undefined;
  const oomBytes = memoryLimit ?? UNLIMITED_OOM_BYTES;

  const cpuAt = (since: number): number => {
    const wave = 1 + 0.35 * Math.sin((2 * Math.PI * since) / slowPeriod + phase) + 0.15 * Math.sin((2 * Math.PI * since) / fastPeriod + 2 * phase);
    const cores = Math.max(0.0001, cpuBase * wave);
    return cpuLimit !== undefined ? Math.min(cores, cpuLimit * 0.98) : cores;
  };
  const memoryAt = (since: number): number => {
    if (oomAtMs !== undefined) {
      const start = 2 * MiB;
      return start + (oomBytes - start) * Math.min(1, since / Math.max(1, oomAtMs));
    }
    const warm = Math.min(1, 0.6 + since / 75_000);
    const breathe = 1 + 0.04 * Math.sin((2 * Math.PI * since) / slowPeriod + phase / 2);
    const bytes = memoryBase * warm * breathe;
    return memoryLimit !== undefined ? Math.min(bytes, memoryLimit * 0.9) : bytes;
  };

  return (nowMs) => {
    const since = Math.max(0, nowMs - startedMs);
    const cores = cpuAt(since);
    const workingSetBytes = Math.round(memoryAt(since));
    return {
      usageNanoCores: Math.round(cores * 1e9),
      // The mean of the waves is the base: good enough for a counter that only has to grow.
      usageCoreNanoSeconds: Math.round(cpuBase * since * 1e6),
      workingSetBytes,
      usageBytes: Math.round(workingSetBytes * 1.12),
      rssBytes: Math.round(workingSetBytes * 0.85),
    };
  };
}
