import type { JsonObject, ResourceName } from './apiTypes.js';
import { integerParameter } from './http.js';
import { metadataName, metadataNamespace } from './jsonAccess.js';
import type { ObjectFilter } from './objectFilter.js';
import { isClusterScoped, type ObjectStore } from './objectStore.js';
import { ListSnapshots } from './listSnapshots.js';
import { ApiError, badRequest } from './status.js';

export interface ListPage {
  items: JsonObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  rv: number;
  start: string;
}

// The continue token is kube-apiserver's: base64url (unpadded) JSON {"v":"meta.k8s.io/v1","rv":…,"start":…}
// where start is the storage key after the last returned item, relative to the listed prefix.
function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

function decodeContinue(value: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
  if (typeof parsed !== 'object' || parsed === null) throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  const record = parsed as Record<string, unknown>;
  if (record['v'] !== 'meta.k8s.io/v1') throw badRequest('continue key is not valid: server does not recognize this encoded version');
  const rv = record['rv'];
  const start = record['start'];
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv <= 0 || typeof start !== 'string') {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  return { rv, start };
}

function keyWithinList(resource: ResourceName, namespace: string | undefined, object: JsonObject): string {
  if (isClusterScoped(resource) || namespace !== undefined) return metadataName(object);
  return `${metadataNamespace(object)}/${metadataName(object)}`;
}

const continueTooOld =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const snapshotsByStore = new WeakMap<ObjectStore, ListSnapshots>();

function snapshotsOf(store: ObjectStore): ListSnapshots {
  let snapshots = snapshotsByStore.get(store);
  if (snapshots === undefined) {
    snapshots = new ListSnapshots();
    snapshotsByStore.set(store, snapshots);
  }
  return snapshots;
}

/** The index of the first object whose key within the list is >= `start` (objects are in key order). */
function startIndex(objects: readonly JsonObject[], start: string, keyOf: (object: JsonObject) => string): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const object = objects[middle];
    if (object !== undefined && keyOf(object) < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One page of a list with kube-apiserver's semantics: items in key order, `limit` + `continue`
 * reading a consistent snapshot at the first page's revision, `remainingItemCount` only when no
 * selector filters the list. Items are the store's own objects: serialise them, never modify them.
 *
 * The first page of a paginated list keeps its snapshot (the stored objects of that revision, no
 * copies) for the continue tokens that follow; a token whose snapshot is gone is served from the
 * change history. Either way a token expires (410) once the history no longer reaches back to it.
 */
export function listPage(store: ObjectStore, resource: ResourceName, namespace: string | undefined, filter: ObjectFilter, query: URLSearchParams): ListPage {
  const limit = integerParameter(query, 'limit');
  const paginated = limit !== undefined && limit > 0;
  const continueParameter = query.get('continue');
  const token = continueParameter !== null && continueParameter !== '' ? decodeContinue(continueParameter) : undefined;
  const keyOf = (object: JsonObject): string => keyWithinList(resource, namespace, object);
  const snapshots = snapshotsOf(store);

  let revision = Number(store.resourceVersion());
  let objects: readonly JsonObject[];
  let from = 0;
  if (token === undefined) {
    objects = store.view(resource, namespace);
    if (paginated && objects.length > limit) snapshots.keep(resource, namespace, revision, objects);
  } else {
    revision = token.rv;
    // As against etcd: a token is good until its revision is compacted, however it is served.
    if (store.isCompacted(token.rv)) throw new ApiError(410, 'Expired', continueTooOld);
    const kept = snapshots.find(resource, namespace, token.rv);
    if (kept !== undefined) {
      objects = kept;
    } else {
      const snapshot = store.listAt(resource, namespace, token.rv);
      if (!Array.isArray(snapshot)) throw new ApiError(410, 'Expired', continueTooOld);
      objects = snapshot;
    }
    from = startIndex(objects, token.start, keyOf);
  }

  const matching: JsonObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  for (let index = from; index < objects.length; index++) {
    const object = objects[index];
    if (object === undefined || !filter.matches(object)) continue;
    if (paginated && matching.length >= limit) {
      next = `${keyOf(matching[matching.length - 1] ?? object)}\u0000`;
      // Only an unfiltered list reports how many remain: all the objects after this one.
      remaining = objects.length - index;
      break;
    }
    matching.push(object);
  }
  const page: ListPage = { items: matching, resourceVersion: String(revision) };
  if (next !== undefined) {
    page.continue = encodeContinue({ rv: revision, start: next });
    if (filter.empty) page.remainingItemCount = remaining;
  }
  return page;
}
