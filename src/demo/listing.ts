import type { JsonObject, ResourceName } from './apiTypes.js';
import { integerParameter } from './http.js';
import { metadataName, metadataNamespace } from './jsonAccess.js';
import type { ObjectFilter } from './objectFilter.js';
import { isClusterScoped, type ObjectStore } from './objectStore.js';
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

/**
 * One page of a list with kube-apiserver's semantics: items in key order, `limit` + `continue`
 * reading a consistent snapshot at the first page's revision, `remainingItemCount` only when no
 * selector filters the list.
 */
export function listPage(store: ObjectStore, resource: ResourceName, namespace: string | undefined, filter: ObjectFilter, query: URLSearchParams): ListPage {
  const limit = integerParameter(query, 'limit');
  const continueParameter = query.get('continue');
  const token = continueParameter !== null && continueParameter !== '' ? decodeContinue(continueParameter) : undefined;

  let revision = Number(store.resourceVersion());
  let objects: JsonObject[];
  if (token === undefined) {
    objects = store.list(resource, namespace);
  } else {
    const snapshot = store.listAt(resource, namespace, token.rv);
    if (!Array.isArray(snapshot)) {
      throw new ApiError(410, 'Expired', continueTooOld);
    }
    revision = token.rv;
    objects = snapshot.filter((object) => keyWithinList(resource, namespace, object) >= token.start);
  }

  const matching: JsonObject[] = [];
  let next: string | undefined;
  let remaining = 0;
  for (const object of objects) {
    if (!filter.matches(object)) continue;
    if (limit !== undefined && limit > 0 && matching.length >= limit) {
      if (next === undefined) next = `${keyWithinList(resource, namespace, matching[matching.length - 1] ?? object)}\u0000`;
      remaining += 1;
      continue;
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
