import type { Pod } from '../model/apiObjects.js';
import { matchNames, NameIndex, type NameMatch } from '../model/nameMatch.js';
import { isRanking, matchesPodFilter, narrows, parsePodFilter, type PodFilter } from '../model/podFilter.js';
import { comparePods, type SteadyWidths } from './podOrder.js';
import type { PodKey, SortOrder } from './state.js';
import { podTotals, type UsageState } from '../model/usage.js';
import type { UsageLookup } from './podOrder.js';
import { isSorted, patchRows, positionsOf, rankOf, rowFinder, rowOf, rowsOf, snapshotDiff, widen, type Entry, type EntryOrder, type Row, type Rows } from './podRows.js';

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

/** Names the kept whole-list index may lack or hold beyond the list's before it is built again. */
const STALE_NAMES = 256;

interface Computed {
  snapshot: readonly Pod[];
  scope: string;
  order: SortOrder;
  text: string;
  filter: PodFilter;
  usage: UsageState;
  /** For a ranking filter: how each matching name (lower case) matches. */
  matches: Map<string, NameMatch> | undefined;
  /** For a ranking filter: names (lower case) known not to match, so a pod updated again is not matched again. */
  misses: Set<string>;
  /** The rows in display order. */
  entries: readonly Entry[];
  view: PodListView;
}

function makeView(
  entries: readonly Entry[],
  total: number,
  filter: PodFilter,
  widths: SteadyWidths,
  epoch: number,
  usage: UsageState,
  pods: readonly Pod[] = entries.map((e) => e.pod),
  keys: readonly PodKey[] = entries.map((e) => e.facts.key),
): PodListView {
  return { pods, keys, total, filter, ranked: isRanking(filter), widths, epoch, usage, indexOf: rowFinder(keys) };
}

/**
 * Sorts and filters a store's pods for the table, once per change of its inputs and incrementally
 * where that pays: a batch of watch events only sorts the objects it replaced and inserts them into
 * the previous order, and typing on in a fuzzy filter only searches the previous matches. Per-object
 * work (sort keys, cell widths) is cached per object (see podOrder.factsOf).
 */
export class PodListModel {
  private last: Computed | undefined;
  private epoch = 0;
  /**
   * The index of the names the last whole-list search went through: watch batches change few
   * names, so the first keystroke of the next filter searches it instead of building one for
   * 20,000 names again (see matchAll).
   */
  private wholeIndex: NameIndex | undefined;

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

  /** The same query over a new snapshot: inserts the replaced and added objects; undefined when a full pass is cheaper. */
  private update(last: Computed, snapshot: readonly Pod[]): Computed | undefined {
    const { gone, came } = snapshotDiff(last.snapshot, snapshot);
    if (came.length + gone.size > snapshot.length * FULL_RECOMPUTE_SHARE) return undefined;
    const compare = this.comparator(last.order, last.usage);
    // The rows that left, as they were entered (the same filter, so the same rank): found by their place in the order.
    const left = gone.size === 0 ? [] : this.matching([...gone].map(rowOf), last.filter, last.matches);
    const removed = positionsOf(last.entries, left, compare);
    const kept = removed !== undefined ? { entries: last.entries, pods: last.view.pods, keys: last.view.keys } : rowsOf(last.entries.filter((e) => !gone.has(e.pod)));
    const added = this.matching(came.map(rowOf), last.filter, last.matches, last.misses);
    added.sort(compare);
    const widths = widen(last.view.widths, added);
    if (added.length === 0 && left.length === 0) {
      // Only pods the filter leaves out changed: the same rows, the same view unless the count moved.
      const same = last.view.total === snapshot.length && last.view.usage === last.usage;
      return { ...last, snapshot, view: same ? last.view : { ...last.view, total: snapshot.length, usage: last.usage } };
    }
    const { entries, pods, keys } = patchRows(kept, removed ?? [], added, compare);
    return { ...last, snapshot, entries, view: makeView(entries, snapshot.length, last.filter, widths, last.view.epoch, last.usage, pods, keys) };
  }

  /**
   * The pods of `rows` the filter lets through, as entries. A ranking filter looks names up in
   * `matches`: with no `misses`, a name it lacks does not match (the search was complete);
   * otherwise names in neither are matched together, and remembered in one or the other.
   */
  private matching(rows: readonly Row[], filter: PodFilter, matches: Map<string, NameMatch> | undefined, misses?: Set<string>): Entry[] {
    if (matches !== undefined && filter.kind === 'fuzzy') {
      if (misses !== undefined) this.matchUnknown(rows, filter.terms, matches, misses);
      const out: Entry[] = [];
      for (const { pod, facts } of rows) {
        const match = matches.get(facts.lowerName);
        if (match !== undefined) out.push({ pod, facts, rank: rankOf(match) });
      }
      return out;
    }
    const out: Entry[] = [];
    for (const { pod, facts } of rows) if (matchesPodFilter(facts, filter)) out.push({ pod, facts, rank: 0 });
    return out;
  }

  private matchUnknown(rows: readonly Row[], terms: readonly string[], matches: Map<string, NameMatch>, misses: Set<string>): void {
    const unknown = new Set<string>();
    for (const { facts } of rows) if (!matches.has(facts.lowerName) && !misses.has(facts.lowerName)) unknown.add(facts.lowerName);
    if (unknown.size === 0) return;
    const found = matchNames(unknown, terms);
    for (const name of unknown) {
      const match = found.get(name);
      if (match === undefined) misses.add(name);
      else matches.set(name, match);
    }
  }

  private compute(snapshot: readonly Pod[], order: SortOrder, text: string, scope: string, last: Computed | undefined, usage: UsageState): Computed {
    const filter = last !== undefined && last.text === text ? last.filter : parsePodFilter(text);
    // Typing on in the same scope: only the previous matches can still match, and what changed since.
    let pool: readonly Row[] | undefined;
    if (last !== undefined && last.scope === scope && narrows(last.filter, filter)) {
      if (last.snapshot === snapshot) pool = last.entries;
      else {
        const { gone, came } = snapshotDiff(last.snapshot, snapshot);
        pool = [...(gone.size === 0 ? last.entries : last.entries.filter((e) => !gone.has(e.pod))), ...came.map(rowOf)];
      }
    }
    pool ??= snapshot.map(rowOf);
    let matches: Map<string, NameMatch> | undefined;
    if (isRanking(filter)) {
      // An array, not a set: a set of 20,000 names cost more than the search through the kept index.
      const names = new Array<string>(pool.length);
      for (let i = 0; i < pool.length; i++) names[i] = pool[i]!.facts.lowerName;
      matches = this.matchAll(names, filter.terms, pool.length === snapshot.length, pool.length * 2 >= snapshot.length);
    }
    const entries = this.matching(pool, filter, matches);
    const compare = this.comparator(order, usage);
    if (!isSorted(entries, compare)) entries.sort(compare);
    // A re-sort for new usage values keeps the column widths (only the order moved).
    const resorted = last !== undefined && last.snapshot === snapshot && last.scope === scope && last.text === text && last.order.key === order.key && last.order.reverse === order.reverse;
    if (!resorted) this.epoch += 1;
    const view = makeView(entries, snapshot.length, filter, resorted ? last.view.widths : widen(ZERO_WIDTHS, entries), this.epoch, usage);
    return { snapshot, scope, order: { ...order }, text, filter, usage, matches, misses: new Set(), entries, view };
  }

  /**
   * How each of `names` matches. A search of most of the list goes through the index kept from the
   * last whole-list one while it still holds about these names (pods come and go under churn): the
   * few it lacks are matched one by one, and names it holds beyond them are never looked up.
   */
  private matchAll(names: readonly string[], terms: readonly string[], whole: boolean, large: boolean): Map<string, NameMatch> {
    const kept = this.wholeIndex;
    // `names` may repeat a name (pods of the same name in two namespaces): the checks only err towards building anew.
    const missing = kept !== undefined && large && (!whole || kept.size <= names.length + STALE_NAMES) ? kept.missing(names, STALE_NAMES) : undefined;
    if (kept === undefined || missing === undefined) {
      const index = new NameIndex(names);
      if (whole) this.wholeIndex = index;
      return index.find(terms);
    }
    const matches = kept.find(terms);
    if (missing.length > 0) for (const [name, match] of matchNames(missing, terms)) matches.set(name, match);
    return matches;
  }

  /** The display order: best match first while a filter ranks (entries carry the rank), ties in the sort order. */
  private comparator(order: SortOrder, usage: UsageState): EntryOrder {
    const sorted = comparePods(order, byUsage(order) ? usageLookup(usage) : undefined);
    return (a, b) => a.rank - b.rank || sorted(a.facts, b.facts);
  }
}
