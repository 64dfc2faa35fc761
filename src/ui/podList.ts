import type { Pod } from '../model/apiObjects.js';
import { matchName, NameIndex, type NameMatch } from '../model/nameMatch.js';
import { isRanking, matchesPodFilter, narrows, parsePodFilter, type PodFilter } from '../model/podFilter.js';
import { comparePods, compareRanked, factsOf, STEADY_COLUMNS, type RowFacts, type SteadyWidths } from './podOrder.js';
import type { PodKey, SortOrder } from './state.js';
import { podTotals, type UsageState } from '../model/usage.js';
import type { UsageLookup } from './podOrder.js';

/** The pods the table shows, in display order, and what the table needs to lay them out. */
export interface PodListView {
  pods: readonly Pod[];
  keys: readonly PodKey[];
  /** How many pods the store holds. */
  total: number;
  filter: PodFilter;
  /** Rows are ordered best match first (a fuzzy filter), not by the sort alone. */
  ranked: boolean;
  /** Widest cell of each clock-independent column over the rows: grows at once, shrinks only with `epoch`. */
  widths: SteadyWidths;
  /** Changes when the rows were recomputed for a new scope, filter or sort (column widths may shrink then). */
  epoch: number;
  /** Row of a pod, -1 when not shown. */
  indexOf(key: PodKey): number;
  /** CPU and memory of the scope's pods, as last polled (the CPU and MEM columns). */
  usage: UsageState;
}

const NO_USAGE: UsageState = { kind: 'loading' };

function byUsage(order: SortOrder): boolean {
  return order.key === 'cpu' || order.key === 'memory';
}

/** The usage of each pod summed over its containers, computed once per poll. */
function usageLookup(usage: UsageState): UsageLookup | undefined {
  if (usage.kind !== 'live') return undefined;
  const totals = new Map<string, { cpuMillis: number; memoryBytes: number }>();
  return (id) => {
    let known = totals.get(id);
    if (known === undefined) {
      const pod = usage.pods.get(id);
      if (pod === undefined || pod.containers.length === 0) return undefined;
      known = podTotals(pod);
      totals.set(id, known);
    }
    return known;
  };
}

const ZERO_WIDTHS: SteadyWidths = { namespace: 0, name: 0, ready: 0, status: 0, ip: 0, node: 0 };

/** Beyond this share of changed objects a batch is cheaper to sort from scratch than to merge in. */
const FULL_RECOMPUTE_SHARE = 0.25;

function widen(widths: SteadyWidths, facts: readonly RowFacts[]): SteadyWidths {
  const next = { ...widths };
  for (const f of facts) for (const column of STEADY_COLUMNS) if (f.widths[column] > next[column]) next[column] = f.widths[column];
  return next;
}

function isSorted(pods: readonly Pod[], compare: (a: RowFacts, b: RowFacts) => number): boolean {
  for (let i = 1; i < pods.length; i++) if (compare(factsOf(pods[i - 1]!), factsOf(pods[i]!)) > 0) return false;
  return true;
}

/** Two sorted lists as one (stable: `a` first on ties). */
function merge(a: readonly Pod[], b: readonly Pod[], compare: (a: RowFacts, b: RowFacts) => number): Pod[] {
  const out: Pod[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (compare(factsOf(b[j]!), factsOf(a[i]!)) < 0) out.push(b[j++]!);
    else out.push(a[i++]!);
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

interface Computed {
  snapshot: readonly Pod[];
  objects: ReadonlySet<Pod>;
  scope: string;
  order: SortOrder;
  text: string;
  filter: PodFilter;
  usage: UsageState;
  /** For a ranking filter: how each matching name matches. */
  matches: Map<string, NameMatch> | undefined;
  view: PodListView;
}

function makeView(pods: readonly Pod[], total: number, filter: PodFilter, widths: SteadyWidths, epoch: number, usage: UsageState): PodListView {
  const keys = pods.map((p) => factsOf(p).key);
  let index: Map<string, number> | undefined;
  return {
    pods,
    keys,
    total,
    filter,
    ranked: isRanking(filter),
    widths,
    epoch,
    usage,
    indexOf(key) {
      index ??= new Map(pods.map((p, i) => [factsOf(p).id, i]));
      return index.get(`${key.namespace}/${key.name}`) ?? -1;
    },
  };
}

/**
 * Sorts and filters a store's pods for the table, once per change of its inputs and incrementally
 * where that pays: a batch of watch events only re-sorts the objects it replaced (merged into the
 * previous order), and typing on in a fuzzy filter only searches the previous matches. Per-object
 * work (sort keys, cell widths) is cached per object (see podOrder.factsOf).
 */
export class PodListModel {
  private last: Computed | undefined;
  private epoch = 0;

  view(snapshot: readonly Pod[], order: SortOrder, text: string, scope: string, usage: UsageState = NO_USAGE): PodListView {
    const last = this.last;
    const sameQuery = last !== undefined && last.scope === scope && last.text === text && last.order.key === order.key && last.order.reverse === order.reverse;
    // New usage only re-sorts when the sort is by usage; otherwise the rows stay and carry it.
    const usageMoved = last !== undefined && last.usage !== usage && byUsage(order);
    if (sameQuery && last.snapshot === snapshot && !usageMoved) {
      if (last.usage !== usage) this.last = { ...last, usage, view: { ...last.view, usage } };
      return this.last!.view;
    }
    this.last = (sameQuery && !usageMoved && this.update({ ...last, usage }, snapshot)) || this.compute(snapshot, order, text, scope, last, usage);
    return this.last.view;
  }

  /** The same query over a new snapshot: merges the replaced and added objects in; undefined when a full pass is cheaper. */
  private update(last: Computed, snapshot: readonly Pod[]): Computed | undefined {
    const objects = new Set(snapshot);
    const changed = snapshot.filter((p) => !last.objects.has(p));
    if (changed.length > snapshot.length * FULL_RECOMPUTE_SHARE) return undefined;
    const kept = last.view.pods.filter((p) => objects.has(p));
    const { filter, matches } = last;
    let added: Pod[];
    if (matches !== undefined && filter.kind === 'fuzzy') {
      added = changed.filter((p) => {
        const name = factsOf(p).name.toLowerCase();
        if (!matches.has(name)) {
          const match = matchName(name, filter.terms);
          if (match === undefined) return false;
          matches.set(name, match);
        }
        return true;
      });
    } else {
      added = changed.filter((p) => matchesPodFilter(factsOf(p), filter));
    }
    const compare = this.comparator(last.order, matches, last.usage);
    added.sort((a, b) => compare(factsOf(a), factsOf(b)));
    const pods = added.length === 0 ? kept : merge(kept, added, compare);
    const widths = widen(last.view.widths, added.map(factsOf));
    return { ...last, snapshot, objects, view: makeView(pods, snapshot.length, filter, widths, last.view.epoch, last.usage) };
  }

  private compute(snapshot: readonly Pod[], order: SortOrder, text: string, scope: string, last: Computed | undefined, usage: UsageState): Computed {
    const filter = last !== undefined && last.text === text ? last.filter : parsePodFilter(text);
    const objects = new Set(snapshot);
    // Typing on in the same scope: only the previous matches can still match, and what changed since.
    let pool: readonly Pod[] = snapshot;
    if (last !== undefined && last.scope === scope && narrows(last.filter, filter)) {
      pool = last.snapshot === snapshot ? last.view.pods : [...last.view.pods.filter((p) => objects.has(p)), ...snapshot.filter((p) => !last.objects.has(p))];
    }
    let matches: Map<string, NameMatch> | undefined;
    let pods: Pod[];
    if (isRanking(filter)) {
      const names = new Set(pool.map((p) => factsOf(p).name));
      matches = new NameIndex(names).find(filter.terms);
      pods = pool.filter((p) => matches!.has(factsOf(p).name.toLowerCase()));
    } else {
      pods = filter.kind === 'none' ? [...pool] : pool.filter((p) => matchesPodFilter(factsOf(p), filter));
    }
    const compare = this.comparator(order, matches, usage);
    if (!isSorted(pods, compare)) pods.sort((a, b) => compare(factsOf(a), factsOf(b)));
    // A re-sort for new usage values keeps the column widths (only the order moved).
    const resorted = last !== undefined && last.snapshot === snapshot && last.scope === scope && last.text === text && last.order.key === order.key && last.order.reverse === order.reverse;
    if (!resorted) this.epoch += 1;
    const view = makeView(pods, snapshot.length, filter, resorted ? last.view.widths : widen(ZERO_WIDTHS, pods.map(factsOf)), this.epoch, usage);
    return { snapshot, objects, scope, order: { ...order }, text, filter, usage, matches, view };
  }

  private comparator(order: SortOrder, matches: Map<string, NameMatch> | undefined, usage: UsageState): (a: RowFacts, b: RowFacts) => number {
    const lookup = byUsage(order) ? usageLookup(usage) : undefined;
    if (matches === undefined) return comparePods(order, lookup);
    const none: NameMatch = { tier: 3, score: Number.NEGATIVE_INFINITY };
    return compareRanked(order, (f) => matches.get(f.name.toLowerCase()) ?? none, lookup);
  }
}
