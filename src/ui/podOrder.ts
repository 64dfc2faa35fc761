import type { Pod } from '../model/apiObjects.js';
import { isEmptyFilter, matchesPodFilter, parsePodFilter } from '../model/podFilter.js';
import { podHealth, type PodHealth } from '../model/podColumns.js';
import { podFactsOf } from './objectFacts.js';
import { toMillis } from '../model/time.js';
import type { PodKey, SortKey, SortOrder } from './state.js';
import { textWidth } from './text.js';

export function podKeyOf(pod: Pod): PodKey {
  return factsOf(pod).key;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pods that need attention first. */
const HEALTH_RANK: Readonly<Record<PodHealth, number>> = {
  failed: 0,
  warning: 1,
  progressing: 2,
  terminating: 3,
  healthy: 4,
  completed: 5,
};

/** The columns whose width does not change with the clock (AGE and RESTARTS' "(5m ago)" do). */
export type SteadyColumn = 'namespace' | 'name' | 'ready' | 'status' | 'ip' | 'node';
export const STEADY_COLUMNS: readonly SteadyColumn[] = ['namespace', 'name', 'ready', 'status', 'ip', 'node'];
export type SteadyWidths = Record<SteadyColumn, number>;

/** What the list needs of a pod, computed once per object (a MODIFIED event brings a new object): keys for sorting, filtering and column widths. */
export interface RowFacts {
  key: PodKey;
  /** `namespace/name`. */
  id: string;
  name: string;
  /** The name in lower case: what the fuzzy filter matches. */
  lowerName: string;
  labels: Readonly<Record<string, string>> | undefined;
  created: number;
  restarts: number;
  health: number;
  status: string;
  widths: SteadyWidths;
}

const facts = new WeakMap<Pod, RowFacts>();

export function factsOf(pod: Pod): RowFacts {
  let known = facts.get(pod);
  if (known === undefined) {
    const columns = podFactsOf(pod);
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    known = {
      key: { namespace, name },
      id: `${namespace}/${name}`,
      name,
      lowerName: name.toLowerCase(),
      labels: pod.metadata?.labels,
      created: toMillis(pod.metadata?.creationTimestamp) ?? 0,
      restarts: columns.restartCount,
      health: HEALTH_RANK[podHealth(pod)],
      status: columns.status,
      widths: {
        namespace: textWidth(columns.namespace),
        name: textWidth(columns.name),
        ready: textWidth(columns.ready),
        status: textWidth(columns.status),
        ip: textWidth(columns.ip),
        node: textWidth(columns.node),
      },
    };
    facts.set(pod, known);
  }
  return known;
}

function byNamespaceAndName(a: RowFacts, b: RowFacts): number {
  return compareText(a.key.namespace, b.key.namespace) || compareText(a.key.name, b.key.name);
}

/** A pod's usage by `namespace/name` (model/usage usageKey), for the CPU and MEM sorts. */
export type UsageLookup = (id: string) => { cpuMillis: number; memoryBytes: number } | undefined;

/** The primary order of each sort key, before reversing; ties fall back to namespace and name. */
function primaryCompare(key: SortKey, usage: UsageLookup | undefined): (a: RowFacts, b: RowFacts) => number {
  switch (key) {
    case 'name':
      return () => 0;
    case 'age':
      // Youngest first, like k9s.
      return (a, b) => b.created - a.created;
    case 'restarts':
      return (a, b) => b.restarts - a.restarts;
    case 'status':
      return (a, b) => a.health - b.health || compareText(a.status, b.status);
    case 'cpu':
    case 'memory': {
      // The busiest first; pods without a sample after every pod with one.
      const value = (f: RowFacts): number => {
        const used = usage?.(f.id);
        return used === undefined ? -1 : key === 'cpu' ? used.cpuMillis : used.memoryBytes;
      };
      return (a, b) => value(b) - value(a);
    }
  }
}

/** The display order of two pods under `order` (reverse flips it whole). */
export function comparePods(order: SortOrder, usage?: UsageLookup): (a: RowFacts, b: RowFacts) => number {
  const primary = primaryCompare(order.key, usage);
  const sign = order.reverse ? -1 : 1;
  return (a, b) => sign * (primary(a, b) || byNamespaceAndName(a, b));
}

/**
 * Pods in display order. By name is kubectl's order (namespace, then name); age puts the youngest
 * first, restarts the most restarted, status the unhealthy ones. `reverse` flips the whole order.
 */
export function sortPods(pods: readonly Pod[], order: SortOrder = { key: 'name', reverse: false }): Pod[] {
  const compare = comparePods(order);
  return [...pods].sort((a, b) => compare(factsOf(a), factsOf(b)));
}

/** The pods the `/` filter lets through, in their given order (see model/podFilter for the syntax). */
export function filterPods(pods: readonly Pod[], text: string): readonly Pod[] {
  const filter = parsePodFilter(text);
  if (isEmptyFilter(filter)) return pods;
  return pods.filter((pod) => matchesPodFilter(factsOf(pod), filter));
}

const SORT_LABELS: Readonly<Record<SortKey, string>> = { name: 'name', age: 'age', restarts: 'restarts', status: 'status', cpu: 'cpu', memory: 'mem' };

export function sortLabel(order: SortOrder, unicode: boolean): string {
  const arrow = unicode ? (order.reverse ? '↑' : '↓') : order.reverse ? '^' : 'v';
  return `${SORT_LABELS[order.key]}${order.key === 'name' && !order.reverse ? '' : arrow}`;
}
