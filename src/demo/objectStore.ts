import { randomUUID } from 'node:crypto';
import type { JsonObject, ObjectKey, ObjectStoreApi, ResourceName, StoreChange } from './apiTypes.js';
import { canonicalObjectOrder } from './objectOrder.js';
import { formatTimestamp } from './timestamps.js';

/** A change together with the store revision it produced (the object carries it as metadata.resourceVersion). */
export interface RevisionedChange extends StoreChange {
  revision: number;
  /** The object as it was before a MODIFIED or DELETED change (watch filters need both sides). */
  previous?: JsonObject;
}

/** The requested revision fell out of the bounded change history (the API server answers 410 Expired). */
export interface ExpiredHistory {
  expired: true;
  /** Oldest revision a watch can still start from. */
  oldestRevision: number;
}

export class AlreadyExistsError extends Error {
  constructor(readonly key: ObjectKey) {
    super(`${key.resource} "${key.name}" already exists`);
    this.name = 'AlreadyExistsError';
  }
}

export class InvalidObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidObjectError';
  }
}

export interface ObjectStoreOptions {
  now: () => Date;
  /** How many changes watches can replay (etcd's compaction window). */
  historyLimit?: number;
  /** Revision of the empty store; real clusters are never at 0. */
  initialRevision?: number;
}

const kinds: Record<ResourceName, string> = { namespaces: 'Namespace', pods: 'Pod', events: 'Event' };
const clusterScoped: ReadonlySet<ResourceName> = new Set(['namespaces']);
const generateNameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

export function isClusterScoped(resource: ResourceName): boolean {
  return clusterScoped.has(resource);
}

export function kindOf(resource: ResourceName): string {
  return kinds[resource];
}

function storageKey(resource: ResourceName, namespace: string | undefined, name: string): string {
  return isClusterScoped(resource) ? name : `${namespace ?? ''}/${name}`;
}

function metadataOf(object: JsonObject): JsonObject {
  const metadata = object['metadata'];
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) return metadata as JsonObject;
  const created: JsonObject = {};
  object['metadata'] = created;
  return created;
}

function stringField(object: JsonObject, field: string): string | undefined {
  const value = object[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedCopies(objects: ReadonlyMap<string, JsonObject>, resource: ResourceName, namespace: string | undefined): JsonObject[] {
  const prefix = namespace === undefined || isClusterScoped(resource) ? undefined : `${namespace}/`;
  return [...objects.entries()]
    .filter(([key]) => prefix === undefined || key.startsWith(prefix))
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([, object]) => structuredClone(object));
}

/** The first index in sorted `keys` whose key is >= `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] ?? '') < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function randomSuffix(length: number): string {
  let suffix = '';
  for (let i = 0; i < length; i++) {
    suffix += generateNameAlphabet[Math.floor(Math.random() * generateNameAlphabet.length)];
  }
  return suffix;
}

/**
 * In-memory storage behaving like etcd behind kube-apiserver: one global revision that every write
 * bumps, objects copied on the way in and out, and a bounded history of changes that watches replay.
 */
export class ObjectStore implements ObjectStoreApi {
  private readonly now: () => Date;
  private readonly historyLimit: number;
  private revision: number;
  private readonly objects = new Map<ResourceName, Map<string, JsonObject>>();
  /** Each bucket's keys in order, rebuilt after an object is added or removed (not when one changes). */
  private readonly sortedKeys = new Map<ResourceName, string[]>();
  private readonly history: RevisionedChange[] = [];
  /** Every change with a revision above this one is still in `history`. */
  private compactedRevision: number;
  private readonly listeners = new Set<(change: RevisionedChange) => void>();
  private readonly pending: RevisionedChange[] = [];
  private delivering = false;

  constructor(options: ObjectStoreOptions) {
    this.now = options.now;
    this.historyLimit = Math.max(1, options.historyLimit ?? 1000);
    this.revision = options.initialRevision ?? 1;
    this.compactedRevision = this.revision;
    for (const resource of Object.keys(kinds) as ResourceName[]) this.objects.set(resource, new Map());
  }

  resourceVersion(): string {
    return String(this.revision);
  }

  get(key: ObjectKey): JsonObject | undefined {
    const stored = this.bucket(key.resource).get(storageKey(key.resource, key.namespace, key.name));
    return stored === undefined ? undefined : structuredClone(stored);
  }

  /** Objects sorted by namespace then name, the order etcd's key space gives kube-apiserver lists. */
  list(resource: ResourceName, namespace?: string): JsonObject[] {
    return this.view(resource, namespace).map((object) => structuredClone(object));
  }

  /**
   * Like `list`, without copies: the stored objects themselves, which the store never changes in
   * place (a write stores a new object). For readers that only filter and serialise (list pages,
   * watches), where copying 20,000 pods per request would be most of the work.
   */
  view(resource: ResourceName, namespace?: string): readonly JsonObject[] {
    const bucket = this.bucket(resource);
    const keys = this.keysInOrder(resource);
    let start = 0;
    let end = keys.length;
    if (namespace !== undefined && !isClusterScoped(resource)) {
      start = lowerBound(keys, `${namespace}/`);
      // '0' is the character after '/': the first key past this namespace's range.
      end = lowerBound(keys, `${namespace}0`);
    }
    const objects: JsonObject[] = [];
    for (let i = start; i < end; i++) {
      const object = bucket.get(keys[i] ?? '');
      if (object !== undefined) objects.push(object);
    }
    return objects;
  }

  /** How many objects of `resource` the store holds. */
  count(resource: ResourceName): number {
    return this.bucket(resource).size;
  }

  /**
   * `createdAt` and `seed` are for objects loaded as if they had existed before the cluster started
   * (the scale fleet): created that long ago, and stored without an ADDED change (no history entry,
   * no listener called), as kube-apiserver starts on a full etcd. Only before anyone watches.
   */
  create(resource: ResourceName, input: JsonObject, options: { createdAt?: Date; seed?: boolean } = {}): JsonObject {
    // A seeded object is handed over by its maker (20,000 of them: no copy).
    const object = options.seed === true ? input : structuredClone(input);
    const metadata = metadataOf(object);
    let name = stringField(metadata, 'name');
    const generateName = stringField(metadata, 'generateName');
    if (name === undefined && generateName !== undefined) {
      do {
        name = generateName + randomSuffix(5);
      } while (this.bucket(resource).has(storageKey(resource, stringField(metadata, 'namespace'), name)));
    }
    if (name === undefined) throw new InvalidObjectError('name or generateName is required');
    const namespace = stringField(metadata, 'namespace');
    if (!isClusterScoped(resource) && namespace === undefined) throw new InvalidObjectError('namespace is required');
    if (isClusterScoped(resource)) delete metadata['namespace'];
    const key = storageKey(resource, namespace, name);
    if (this.bucket(resource).has(key)) throw new AlreadyExistsError({ resource, namespace, name });

    object['kind'] = kindOf(resource);
    object['apiVersion'] = 'v1';
    metadata['name'] = name;
    metadata['uid'] = randomUUID();
    metadata['creationTimestamp'] = formatTimestamp(options.createdAt ?? this.now());
    if (options.seed !== true) {
      // A seeded object may be one that was already being deleted (stuck on a finalizer).
      delete metadata['deletionTimestamp'];
      delete metadata['deletionGracePeriodSeconds'];
    }
    const stored = this.commit(resource, key, object);
    if (options.seed === true) {
      // Nothing before this revision can be replayed: watches start from here.
      this.compactedRevision = this.revision;
      return stored;
    }
    this.emit('ADDED', resource, stored);
    return structuredClone(stored);
  }

  /**
   * Like kube-apiserver, an update that changes nothing is not written: no new revision, no event.
   * The object's identity (name, namespace, uid, creationTimestamp) cannot be changed by `mutate`.
   */
  update(key: ObjectKey, mutate: (object: JsonObject) => void): JsonObject | undefined {
    const storedKey = storageKey(key.resource, key.namespace, key.name);
    const current = this.bucket(key.resource).get(storedKey);
    if (current === undefined) return undefined;
    const next = structuredClone(current);
    mutate(next);
    const currentMetadata = metadataOf(current);
    const nextMetadata = metadataOf(next);
    for (const field of ['name', 'namespace', 'uid', 'creationTimestamp', 'resourceVersion'] as const) {
      if (currentMetadata[field] === undefined) delete nextMetadata[field];
      else nextMetadata[field] = currentMetadata[field];
    }
    next['kind'] = current['kind'];
    next['apiVersion'] = current['apiVersion'];
    const ordered = canonicalObjectOrder(next);
    if (JSON.stringify(ordered) === JSON.stringify(current)) return structuredClone(current);
    const stored = this.commit(key.resource, storedKey, ordered);
    this.emit('MODIFIED', key.resource, stored, current);
    return structuredClone(stored);
  }

  remove(key: ObjectKey): JsonObject | undefined {
    const storedKey = storageKey(key.resource, key.namespace, key.name);
    const bucket = this.bucket(key.resource);
    const current = bucket.get(storedKey);
    if (current === undefined) return undefined;
    bucket.delete(storedKey);
    this.sortedKeys.delete(key.resource);
    // The DELETED event carries the revision of the deletion, as etcd-backed watches do.
    this.revision += 1;
    const removed = structuredClone(current);
    metadataOf(removed)['resourceVersion'] = String(this.revision);
    this.emit('DELETED', key.resource, removed, current);
    return structuredClone(removed);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    // A copy of the object only: a StoreChange has no `previous`, and copying it too doubled the cost.
    return this.addListener((change) => listener({ type: change.type, resource: change.resource, object: structuredClone(change.object) }));
  }

  /**
   * Like `onChange`, with each change's revision, and without a copy: the listener must not modify
   * the change or its objects (every subscriber is handed the same ones).
   */
  subscribe(listener: (change: RevisionedChange) => void): () => void {
    return this.addListener(listener);
  }

  private addListener(listener: (change: RevisionedChange) => void): () => void {
    const wrapped = (change: RevisionedChange): void => listener(change);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  /** Whether changes after `revision` were already dropped from the history (etcd compacted past it). */
  isCompacted(revision: number): boolean {
    return revision < this.compactedRevision;
  }

  /**
   * The changes after `revision`, oldest first, or `expired` when some of them were already
   * dropped from the bounded history. A revision in the future yields nothing yet.
   */
  changesSince(revision: number): RevisionedChange[] | ExpiredHistory {
    if (revision < this.compactedRevision) return { expired: true, oldestRevision: this.compactedRevision + 1 };
    return this.history.filter((change) => change.revision > revision).map((change) => structuredClone(change));
  }

  /**
   * The list as it was at `revision` (etcd's consistent read at a past revision), rebuilt by undoing
   * the later changes; `expired` when the history no longer reaches back that far.
   */
  listAt(resource: ResourceName, namespace: string | undefined, revision: number): JsonObject[] | ExpiredHistory {
    if (revision >= this.revision) return this.list(resource, namespace);
    if (revision < this.compactedRevision) return { expired: true, oldestRevision: this.compactedRevision + 1 };
    const snapshot = new Map(this.bucket(resource));
    for (let i = this.history.length - 1; i >= 0; i--) {
      const change = this.history[i];
      if (change === undefined || change.revision <= revision) break;
      if (change.resource !== resource) continue;
      const metadata = metadataOf(change.object);
      const key = storageKey(resource, stringField(metadata, 'namespace'), stringField(metadata, 'name') ?? '');
      if (change.type === 'ADDED') snapshot.delete(key);
      else if (change.previous !== undefined) snapshot.set(key, change.previous);
    }
    return sortedCopies(snapshot, resource, namespace);
  }

  private bucket(resource: ResourceName): Map<string, JsonObject> {
    const bucket = this.objects.get(resource);
    if (bucket === undefined) throw new InvalidObjectError(`unknown resource ${String(resource)}`);
    return bucket;
  }

  private keysInOrder(resource: ResourceName): string[] {
    let keys = this.sortedKeys.get(resource);
    if (keys === undefined) {
      keys = [...this.bucket(resource).keys()].sort(compareKeys);
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }

  private commit(resource: ResourceName, key: string, object: JsonObject): JsonObject {
    this.revision += 1;
    metadataOf(object)['resourceVersion'] = String(this.revision);
    const stored = canonicalObjectOrder(object);
    const bucket = this.bucket(resource);
    if (!bucket.has(key)) this.sortedKeys.delete(resource);
    bucket.set(key, stored);
    return stored;
  }

  /**
   * Stored objects are never changed in place, so the history and the change handed to `subscribe`
   * listeners share them; `onChange` listeners (the control plane) get copies of their own.
   */
  private emit(type: StoreChange['type'], resource: ResourceName, object: JsonObject, previous?: JsonObject): void {
    const change: RevisionedChange = { type, resource, object, revision: this.revision };
    if (previous !== undefined) change.previous = previous;
    this.history.push(change);
    while (this.history.length > this.historyLimit) {
      const dropped = this.history.shift();
      if (dropped !== undefined) this.compactedRevision = dropped.revision;
    }
    this.pending.push(change);
    this.deliver();
  }

  /**
   * Listeners may write to the store from inside a callback; queueing keeps every listener seeing
   * changes in revision order instead of a nested change overtaking the one being delivered.
   */
  private deliver(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let change = this.pending.shift(); change !== undefined; change = this.pending.shift()) {
        for (const listener of [...this.listeners]) {
          try {
            listener(change);
          } catch (error) {
            console.error('demo object store: a change listener failed', error);
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}
