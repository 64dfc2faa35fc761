import type { V1Pod } from '@kubernetes/client-node';
import { isEmptyFilter, matchesPodFilter, parsePodFilter } from '../model/podFilter.js';
import { podHealth, type PodHealth } from '../model/podColumns.js';
import { podFactsOf } from './objectFacts.js';
import { toMillis } from '../model/time.js';
import type { PodKey, SortKey, SortOrder } from './state.js';

export function podKeyOf(pod: V1Pod): PodKey {
  return { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceAndName(a: V1Pod, b: V1Pod): number {
  const ka = podKeyOf(a);
  const kb = podKeyOf(b);
  return compareText(ka.namespace, kb.namespace) || compareText(ka.name, kb.name);
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

interface SortEntry {
  pod: V1Pod;
  created: number;
  restarts: number;
  health: number;
  status: string;
}

function entryOf(pod: V1Pod): SortEntry {
  const columns = podFactsOf(pod);
  return {
    pod,
    created: toMillis(pod.metadata?.creationTimestamp) ?? 0,
    restarts: columns.restartCount,
    health: HEALTH_RANK[podHealth(pod)],
    status: columns.status,
  };
}

/** The primary order of each sort key, before reversing; ties fall back to namespace and name. */
const COMPARE: Readonly<Record<SortKey, (a: SortEntry, b: SortEntry) => number>> = {
  name: () => 0,
  // Youngest first, like k9s.
  age: (a, b) => b.created - a.created,
  restarts: (a, b) => b.restarts - a.restarts,
  status: (a, b) => a.health - b.health || compareText(a.status, b.status),
};

/**
 * Pods in display order. By name is kubectl's order (namespace, then name); age puts the youngest
 * first, restarts the most restarted, status the unhealthy ones. `reverse` flips the whole order.
 */
export function sortPods(pods: readonly V1Pod[], order: SortOrder = { key: 'name', reverse: false }): V1Pod[] {
  const compare = COMPARE[order.key];
  const sorted = pods
    .map(entryOf)
    .sort((a, b) => compare(a, b) || byNamespaceAndName(a.pod, b.pod))
    .map((e) => e.pod);
  return order.reverse ? sorted.reverse() : sorted;
}

/** The pods the `/` filter lets through (see model/podFilter for the syntax). */
export function filterPods(pods: readonly V1Pod[], text: string): readonly V1Pod[] {
  const filter = parsePodFilter(text);
  if (isEmptyFilter(filter)) return pods;
  return pods.filter((pod) => matchesPodFilter({ name: pod.metadata?.name ?? '', labels: pod.metadata?.labels }, filter));
}

const SORT_LABELS: Readonly<Record<SortKey, string>> = { name: 'name', age: 'age', restarts: 'restarts', status: 'status' };

export function sortLabel(order: SortOrder, unicode: boolean): string {
  const arrow = unicode ? (order.reverse ? '↑' : '↓') : order.reverse ? '^' : 'v';
  return `${SORT_LABELS[order.key]}${order.key === 'name' && !order.reverse ? '' : arrow}`;
}
