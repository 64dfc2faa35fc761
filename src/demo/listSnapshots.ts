import type { JsonObject, ResourceName } from './apiTypes.js';

interface Snapshot {
  key: string;
  objects: readonly JsonObject[];
  expiresAt: number;
}

/** How many paginated lists can be under way at once before the oldest snapshot goes. */
const maxSnapshots = 8;
/** How long a continue token finds its snapshot (a client reads all pages in seconds). */
const snapshotLifetimeMs = 120_000;

/**
 * The lists that paginated clients are still reading, at the revision of their first page: arrays
 * of the stored objects (shared with the store, which replaces objects rather than changing them),
 * so a continue token costs a binary search instead of rebuilding the list from the history.
 * Bounded in count and age; memory is the pod versions that changed since, until the snapshot goes.
 */
export class ListSnapshots {
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  keep(resource: ResourceName, namespace: string | undefined, revision: number, objects: readonly JsonObject[]): void {
    const key = snapshotKey(resource, namespace, revision);
    this.expire();
    if (this.snapshots.some((snapshot) => snapshot.key === key)) return;
    this.snapshots.push({ key, objects, expiresAt: this.now() + snapshotLifetimeMs });
    while (this.snapshots.length > maxSnapshots) this.snapshots.shift();
  }

  find(resource: ResourceName, namespace: string | undefined, revision: number): readonly JsonObject[] | undefined {
    this.expire();
    const key = snapshotKey(resource, namespace, revision);
    return this.snapshots.find((snapshot) => snapshot.key === key)?.objects;
  }

  private expire(): void {
    const now = this.now();
    for (let i = this.snapshots.length - 1; i >= 0; i--) {
      if ((this.snapshots[i]?.expiresAt ?? 0) <= now) this.snapshots.splice(i, 1);
    }
  }
}

function snapshotKey(resource: ResourceName, namespace: string | undefined, revision: number): string {
  return `${resource}\u0000${namespace ?? ''}\u0000${revision}`;
}
