import type { Pod } from '../model/apiObjects.js';
import type { NameMatch } from '../model/nameMatch.js';
import { factsOf, type RowFacts, type SteadyWidths } from './podOrder.js';
import type { PodKey } from './state.js';

// The pod table's rows as PodListModel orders them (src/ui/podList.ts): a pod with its sort facts,
// the order between two lists of rows, and patching a sorted list in place of sorting it again.

/** A pod with what the list reads of it, looked up once rather than per use. */
export interface Row {
  pod: Pod;
  facts: RowFacts;
}

export function rowOf(pod: Pod): Row {
  return { pod, facts: factsOf(pod) };
}

/** A row being ordered. */
export interface Entry extends Row {
  /** How well the name matches a ranking filter, as one number (lower is better); 0 when nothing ranks. */
  rank: number;
}

export type EntryOrder = (a: Entry, b: Entry) => number;

/** A match as one number, ordered as compareMatches orders matches (tier first, then the higher score). */
export function rankOf(match: NameMatch): number {
  return match.tier * 2 ** 40 - match.score;
}

export function widen(widths: SteadyWidths, entries: readonly Row[]): SteadyWidths {
  let { namespace, name, ready, status, ip, node } = widths;
  // The columns spelled out: a loop over podOrder.STEADY_COLUMNS costs a keyed lookup per cell, 120,000 for 20,000 rows.
  for (const { facts } of entries) {
    const w = facts.widths;
    if (w.namespace > namespace) namespace = w.namespace;
    if (w.name > name) name = w.name;
    if (w.ready > ready) ready = w.ready;
    if (w.status > status) status = w.status;
    if (w.ip > ip) ip = w.ip;
    if (w.node > node) node = w.node;
  }
  return { namespace, name, ready, status, ip, node };
}

export function isSorted(entries: readonly Entry[], compare: EntryOrder): boolean {
  for (let i = 1; i < entries.length; i++) if (compare(entries[i - 1]!, entries[i]!) > 0) return false;
  return true;
}

/** The rows in display order as the view hands them out: the entries and, in step, their pods and keys. */
export interface Rows {
  entries: readonly Entry[];
  pods: readonly Pod[];
  keys: readonly PodKey[];
}

/**
 * The rows of `old` less those at `removed` (ascending), with `added` (sorted) placed in, kept rows
 * first on ties: each added row found by binary search, so a batch of k changes among n rows costs
 * k·log n comparisons and a copy of the three arrays from their previous selves (never reading the
 * 20,000 entry objects, scattered in memory, to take their pod and key again).
 */
export function patchRows(old: Rows, removed: readonly number[], added: readonly Entry[], compare: EntryOrder): Rows {
  const n = old.entries.length - removed.length + added.length;
  const entries = new Array<Entry>(n);
  const pods = new Array<Pod>(n);
  const keys = new Array<PodKey>(n);
  let at = 0;
  let from = 0;
  let r = 0;
  const copyUpTo = (end: number): void => {
    while (from < end) {
      const stop = r < removed.length && removed[r]! < end ? removed[r]! : end;
      for (; from < stop; from++, at++) {
        entries[at] = old.entries[from]!;
        pods[at] = old.pods[from]!;
        keys[at] = old.keys[from]!;
      }
      if (stop < end) {
        from++;
        r++;
      }
    }
  };
  for (const entry of added) {
    let lo = from;
    let hi = old.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(entry, old.entries[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    copyUpTo(lo);
    entries[at] = entry;
    pods[at] = entry.pod;
    keys[at++] = entry.facts.key;
  }
  copyUpTo(old.entries.length);
  return { entries, pods, keys };
}

/**
 * Where each of `gone` sits in `entries` (sorted by `compare`), ascending; a pod the filter had left
 * out has none. Found by binary search on the pod's own sort key and rank (its facts never change),
 * so leaving rows out of 20,000 costs log n each, not a set lookup per row. Undefined if one is not
 * where its key says (it cannot be, but then the caller takes the slow way).
 */
export function positionsOf(entries: readonly Entry[], gone: Iterable<Entry>, compare: EntryOrder): number[] | undefined {
  const at: number[] = [];
  for (const probe of gone) {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(entries[mid]!, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    while (lo < entries.length && entries[lo]!.pod !== probe.pod && compare(entries[lo]!, probe) === 0) lo++;
    if (entries[lo]?.pod !== probe.pod) return undefined;
    at.push(lo);
  }
  return at.sort((a, b) => a - b);
}

export function byKey(a: RowFacts, b: RowFacts): number {
  return a.key.namespace < b.key.namespace ? -1 : a.key.namespace > b.key.namespace ? 1 : a.key.name < b.key.name ? -1 : a.key.name > b.key.name ? 1 : 0;
}

/**
 * What changed from one snapshot to the next: the objects that left (replaced or deleted) and those
 * that came (replacements and new pods). Stores keep their snapshot in namespace/name order and
 * reuse the objects that did not change, so one walk over both finds the few that differ without
 * hashing 20,000 objects; in any other order an object merely out of step counts as gone and come
 * back, which is still right (it is removed, then put back in its place).
 */
export function snapshotDiff(before: readonly Pod[], after: readonly Pod[]): { gone: Set<Pod>; came: Pod[] } {
  const gone = new Set<Pod>();
  const came: Pod[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const a = before[i]!;
    const b = after[j]!;
    if (a === b) {
      i++;
      j++;
      continue;
    }
    const order = byKey(factsOf(a), factsOf(b));
    if (order <= 0) {
      gone.add(a);
      i++;
    }
    if (order >= 0) {
      came.push(b);
      j++;
    }
  }
  while (i < before.length) gone.add(before[i++]!);
  while (j < after.length) came.push(after[j++]!);
  return { gone, came };
}

/** Lookups of a row by key: a walk from the start remembered per key (a frame asks for one or two), a map once many are asked. */
export function rowFinder(keys: readonly PodKey[]): (key: PodKey) => number {
  const found = new Map<string, number>();
  let index: Map<string, number> | undefined;
  return (key) => {
    const id = `${key.namespace}/${key.name}`;
    if (index !== undefined) return index.get(id) ?? -1;
    let at = found.get(id);
    if (at === undefined) {
      if (found.size >= 8) {
        index = new Map(keys.map((k, i) => [`${k.namespace}/${k.name}`, i]));
        return index.get(id) ?? -1;
      }
      at = keys.findIndex((k) => k.name === key.name && k.namespace === key.namespace);
      found.set(id, at);
    }
    return at;
  };
}

export function rowsOf(entries: readonly Entry[]): Rows {
  return { entries, pods: entries.map((e) => e.pod), keys: entries.map((e) => e.facts.key) };
}
