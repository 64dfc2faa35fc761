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

function sortedCopies(objects: ReadonlyMap<string, JsonObject>, resource: ResourceName, namespace: string | undefined): JsonObject[] {
  const prefix = namespace === undefined || isClusterScoped(resource) ? undefined : `${namespace}/`;
  return [...objects.entries()]
    .filter(([key]) => prefix === undefined || key.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, object]) => structuredClone(object));
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
    return sortedCopies(this.bucket(resource), resource, namespace);
  }

  create(resource: ResourceName, input: JsonObject): JsonObject {
    const object = structuredClone(input);
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
    metadata['creationTimestamp'] = formatTimestamp(this.now());
    delete metadata['deletionTimestamp'];
    delete metadata['deletionGracePeriodSeconds'];
    const stored = this.commit(resource, key, object);
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
    // The DELETED event carries the revision of the deletion, as etcd-backed watches do.
    this.revision += 1;
    const removed = structuredClone(current);
    metadataOf(removed)['resourceVersion'] = String(this.revision);
    this.emit('DELETED', key.resource, removed, current);
    return structuredClone(removed);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.subscribe(listener);
  }

  /** Like `onChange`, with each change's revision. */
  subscribe(listener: (change: RevisionedChange) => void): () => void {
    const wrapped = (change: RevisionedChange): void => listener(change);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
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

  private commit(resource: ResourceName, key: string, object: JsonObject): JsonObject {
    this.revision += 1;
    metadataOf(object)['resourceVersion'] = String(this.revision);
    const stored = canonicalObjectOrder(object);
    this.bucket(resource).set(key, stored);
    return stored;
  }

  private emit(type: StoreChange['type'], resource: ResourceName, object: JsonObject, previous?: JsonObject): void {
    const change: RevisionedChange = { type, resource, object: structuredClone(object), revision: this.revision };
    if (previous !== undefined) change.previous = structuredClone(previous);
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
            listener(structuredClone(change));
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
