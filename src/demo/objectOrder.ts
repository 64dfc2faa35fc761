import type { JsonObject } from './apiTypes.js';

// kube-apiserver serialises Go structs, so fields come out in declaration order; we reproduce the
// order of the fields that matter for readers diffing our output against a real server's.
const topLevelOrder = ['kind', 'apiVersion', 'metadata'];
const metadataOrder = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reorder(object: JsonObject, order: readonly string[]): JsonObject {
  const result: JsonObject = {};
  for (const key of order) {
    if (key in object && object[key] !== undefined) result[key] = object[key];
  }
  for (const [key, value] of Object.entries(object)) {
    if (!(key in result) && value !== undefined) result[key] = value;
  }
  return result;
}

/** A copy of `object` with kind, apiVersion, metadata first and metadata fields in Kubernetes order. */
export function canonicalObjectOrder(object: JsonObject): JsonObject {
  const result = reorder(object, topLevelOrder);
  const metadata = result['metadata'];
  if (isPlainObject(metadata)) result['metadata'] = reorder(metadata, metadataOrder);
  return result;
}
