/**
 * The contract between the demo cluster's API server half (HTTP, storage, watches) and its
 * simulated control plane half (scheduler, kubelet, controllers, which only read and write objects
 * through this interface, the way real components go through the API server).
 */

/** Plain JSON objects, exactly as they travel on the wire (timestamps are RFC 3339 strings). */
export type JsonObject = { [key: string]: unknown };

export type ResourceName = 'namespaces' | 'pods' | 'events';

export interface ObjectKey {
  resource: ResourceName;
  /** Omitted for cluster-scoped resources (namespaces). */
  namespace?: string;
  name: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: WatchEventType;
  resource: ResourceName;
  object: JsonObject;
}

export interface ObjectStoreApi {
  /** Current resourceVersion of the whole store (etcd revision), as a decimal string. */
  resourceVersion(): string;
  get(key: ObjectKey): JsonObject | undefined;
  list(resource: ResourceName, namespace?: string): JsonObject[];
  /** Like `list` without copies: read only, never modify (at 20,000 pods a copy per read is the cost). */
  view(resource: ResourceName, namespace?: string): readonly JsonObject[];
  /** Fills uid, resourceVersion, creationTimestamp (and generateName suffix); emits ADDED. */
  create(resource: ResourceName, object: JsonObject): JsonObject;
  /** Applies `mutate` to a deep copy, bumps resourceVersion, emits MODIFIED; undefined if absent. */
  update(key: ObjectKey, mutate: (object: JsonObject) => void): JsonObject | undefined;
  /** Removes the object at once (what the API server does after a grace period ends); emits DELETED. */
  remove(key: ObjectKey): JsonObject | undefined;
  /** Every change, in order, after it was stored. Returns an unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
}
