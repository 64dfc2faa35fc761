import type { Container, Pod } from './apiObjects.js';
import { isRestartableInitContainer } from './containers.js';
import { quantityValue } from './describe/goFormat.js';
import { clean, p, type Printable } from './printable.js';

/** What one container uses now: CPU in millicores, memory (the working set) in bytes. */
export interface ContainerUsage {
  name: string;
  cpuMillis: number;
  memoryBytes: number;
}

/** One pod's usage as a metrics source reported it. */
export interface PodUsage {
  namespace: string;
  name: string;
  containers: readonly ContainerUsage[];
  /** When the sample was taken (ms), if the source said. */
  sampledMs?: number;
}

export type UsageSourceKind = 'metrics.k8s.io' | 'summary';

/** What the usage poller knows for a pod scope. */
export type UsageState =
  | { kind: 'loading' }
  | {
      kind: 'live';
      source: UsageSourceKind;
      /** By `namespace/name`. */
      pods: ReadonlyMap<string, PodUsage>;
      /** When an answer with these values arrived (ms); answers that read the same later keep this state. */
      atMs: number;
      /** A limit the source worked under (`summary of 20 of 54 nodes`), shown with the usage. */
      note?: string;
      /** The last poll failed; the values are from `atMs`. */
      stale?: string;
    }
  | { kind: 'unavailable'; reason: string };

export function usageKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function usageOfPod(state: UsageState, pod: Pod): PodUsage | undefined {
  if (state.kind !== 'live') return undefined;
  return state.pods.get(usageKey(pod.metadata?.namespace ?? '', pod.metadata?.name ?? ''));
}

/** A pod's (or container's) requests and limits; undefined where not set. */
export interface ResourceBounds {
  cpuRequestMillis?: number;
  cpuLimitMillis?: number;
  memoryRequestBytes?: number;
  memoryLimitBytes?: number;
}

function resourceValue(list: Readonly<Record<string, string | number>> | undefined, name: string, scale: number): number | undefined {
  const value = quantityValue(list?.[name]);
  return value === undefined || !Number.isFinite(value) ? undefined : value * scale;
}

export function containerBounds(container: Container | undefined): ResourceBounds {
  const resources = container?.resources as { requests?: Record<string, string | number>; limits?: Record<string, string | number> } | undefined;
  const bounds: ResourceBounds = {};
  const cpuRequest = resourceValue(resources?.requests, 'cpu', 1000);
  const cpuLimit = resourceValue(resources?.limits, 'cpu', 1000);
  const memoryRequest = resourceValue(resources?.requests, 'memory', 1);
  const memoryLimit = resourceValue(resources?.limits, 'memory', 1);
  if (cpuRequest !== undefined) bounds.cpuRequestMillis = cpuRequest;
  if (cpuLimit !== undefined) bounds.cpuLimitMillis = cpuLimit;
  if (memoryRequest !== undefined) bounds.memoryRequestBytes = memoryRequest;
  if (memoryLimit !== undefined) bounds.memoryLimitBytes = memoryLimit;
  return bounds;
}

/** The containers that run for the pod's lifetime: app containers and sidecars. */
function runningSpecs(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []).filter((c) => isRestartableInitContainer(c)), ...(pod.spec?.containers ?? [])];
}

/**
 * The pod's bounds as `kubectl describe node` sums them: requests add up over the containers that
 * set one; a limit only exists when every container sets one (one unlimited container makes the
 * pod unlimited).
 */
export function podBounds(pod: Pod): ResourceBounds {
  const all = runningSpecs(pod).map(containerBounds);
  const bounds: ResourceBounds = {};
  const sum = (pick: (b: ResourceBounds) => number | undefined, every: boolean): number | undefined => {
    const values = all.map(pick);
    if (values.length === 0 || values.every((v) => v === undefined)) return undefined;
    if (every && values.some((v) => v === undefined)) return undefined;
    return values.reduce<number>((total, v) => total + (v ?? 0), 0);
  };
  const cpuRequest = sum((b) => b.cpuRequestMillis, false);
  const cpuLimit = sum((b) => b.cpuLimitMillis, true);
  const memoryRequest = sum((b) => b.memoryRequestBytes, false);
  const memoryLimit = sum((b) => b.memoryLimitBytes, true);
  if (cpuRequest !== undefined) bounds.cpuRequestMillis = cpuRequest;
  if (cpuLimit !== undefined) bounds.cpuLimitMillis = cpuLimit;
  if (memoryRequest !== undefined) bounds.memoryRequestBytes = memoryRequest;
  if (memoryLimit !== undefined) bounds.memoryLimitBytes = memoryLimit;
  return bounds;
}

export interface UsageTotals {
  cpuMillis: number;
  memoryBytes: number;
}

export function podTotals(usage: PodUsage): UsageTotals {
  let cpuMillis = 0;
  let memoryBytes = 0;
  for (const c of usage.containers) {
    cpuMillis += c.cpuMillis;
    memoryBytes += c.memoryBytes;
  }
  return { cpuMillis, memoryBytes };
}

/** `120m`, as kubectl top prints CPU. */
export function formatCpu(millis: number): Printable {
  return p`${Math.round(millis)}m`;
}

/** `85Mi`, as kubectl top prints memory (whole mebibytes; below one, Ki). */
export function formatMemory(bytes: number): Printable {
  const mib = bytes / 2 ** 20;
  if (mib < 1 && bytes > 0) return p`${Math.max(1, Math.round(bytes / 1024))}Ki`;
  return p`${Math.round(mib)}Mi`;
}

/** `60%`, or `-` where there is nothing to compare with. */
export function formatPercent(used: number, of: number | undefined): Printable {
  if (of === undefined || of <= 0) return p`-`;
  return p`${Math.round((used / of) * 100)}%`;
}

/** `120m 60%/30%` (used, % of request, % of limit, k9s-like); just `120m` when neither is set. */
function usageCell(used: Printable, value: number, request: number | undefined, limit: number | undefined): Printable {
  if (request === undefined && limit === undefined) return used;
  return p`${used} ${formatPercent(value, request)}/${formatPercent(value, limit)}`;
}

export function cpuCell(millis: number, bounds: ResourceBounds): Printable {
  return usageCell(formatCpu(millis), millis, bounds.cpuRequestMillis, bounds.cpuLimitMillis);
}

export function memoryCell(bytes: number, bounds: ResourceBounds): Printable {
  return usageCell(formatMemory(bytes), bytes, bounds.memoryRequestBytes, bounds.memoryLimitBytes);
}

/** The table's CPU and MEM cells of a pod, and the numbers behind them for sorting. */
export interface UsageCells {
  cpu: Printable;
  memory: Printable;
  cpuMillis: number | undefined;
  memoryBytes: number | undefined;
}

const NO_USAGE: UsageCells = { cpu: p`-`, memory: p`-`, cpuMillis: undefined, memoryBytes: undefined };

/** The cells for a pod: `-` when the source has no sample of it (not running, just started). */
export function podUsageCells(pod: Pod, usage: PodUsage | undefined): UsageCells {
  if (usage === undefined || usage.containers.length === 0) return NO_USAGE;
  const totals = podTotals(usage);
  const bounds = podBounds(pod);
  return {
    cpu: cpuCell(totals.cpuMillis, bounds),
    memory: memoryCell(totals.memoryBytes, bounds),
    cpuMillis: totals.cpuMillis,
    memoryBytes: totals.memoryBytes,
  };
}

/** What the usage source says about itself in one line: `metrics.k8s.io`, `usage: not available (…)`. */
export function usageStatusText(state: UsageState): Printable {
  switch (state.kind) {
    case 'loading':
      return p`usage: loading`;
    case 'unavailable':
      return p`usage: not available (${cleanReason(state.reason)})`;
    case 'live': {
      const note = state.note === undefined ? p`` : p`, ${cleanReason(state.note)}`;
      const stale = state.stale === undefined ? p`` : p`, last poll failed: ${cleanReason(state.stale)}`;
      return p`usage from ${state.source === 'summary' ? p`the kubelets' stats/summary` : p`metrics.k8s.io`}${note}${stale}`;
    }
  }
}

// The reasons are podscope's own words with status codes, but may carry a server's message.
function cleanReason(text: string): Printable {
  return clean(text);
}
