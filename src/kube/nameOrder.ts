// The order a store's snapshot is in: by namespace, then name, as the server lists them; kept by
// patching the last order when a few objects changed among many.

export type Keyed = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

/** The store's key of an object: namespace/name. */
export function objectKey(object: Keyed): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** `previous` (sorted) with the objects under `changed` keys replaced, added or removed as `objects` now holds them. */
export function patchSorted<T extends Keyed>(previous: readonly T[], changed: ReadonlySet<string>, objects: ReadonlyMap<string, T>): T[] {
  const next = previous.slice();
  for (const key of changed) {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    // The first index whose object sorts at or after the key.
    let low = 0;
    let high = next.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const meta = next[middle]!.metadata;
      if ((compare(meta?.namespace ?? '', namespace) || compare(meta?.name ?? '', name)) < 0) low = middle + 1;
      else high = middle;
    }
    const there = next[low]?.metadata;
    const present = there !== undefined && (there.namespace ?? '') === namespace && (there.name ?? '') === name && low < next.length;
    const object = objects.get(key);
    if (object === undefined) {
      if (present) next.splice(low, 1);
    } else if (present) next[low] = object;
    else next.splice(low, 0, object);
  }
  return next;
}

export function byNamespaceThenName(a: Keyed, b: Keyed): number {
  return compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || compare(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
