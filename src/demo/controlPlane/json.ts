import type { JsonObject } from '../apiTypes.js';

/** Narrow reads of plain JSON objects (pods and events as they travel on the wire). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectField(object: unknown, ...path: string[]): JsonObject | undefined {
  const value = valueAt(object, path);
  return isJsonObject(value) ? value : undefined;
}

export function stringField(object: unknown, ...path: string[]): string | undefined {
  const value = valueAt(object, path);
  return typeof value === 'string' ? value : undefined;
}

export function numberField(object: unknown, ...path: string[]): number | undefined {
  const value = valueAt(object, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The array at `path` keeping only its object elements; [] when absent. */
export function objectList(object: unknown, ...path: string[]): JsonObject[] {
  const value = valueAt(object, path);
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function stringList(object: unknown, ...path: string[]): string[] {
  const value = valueAt(object, path);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A string-valued map (labels, nodeSelector); non-string values dropped. */
export function stringMap(object: unknown, ...path: string[]): Record<string, string> {
  const value = objectField(object, ...path);
  const result: Record<string, string> = {};
  if (value === undefined) return result;
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') result[key] = item;
  return result;
}

/** The object at `key` of `parent`, created empty when missing. */
export function ensureObject(parent: JsonObject, key: string): JsonObject {
  const existing = parent[key];
  if (isJsonObject(existing)) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

/** A copy of `object` with `order` first (in that order) and every other key after, unchanged. */
export function withKeyOrder(object: JsonObject, order: readonly string[]): JsonObject {
  const result: JsonObject = {};
  for (const key of order) if (object[key] !== undefined) result[key] = object[key];
  for (const [key, value] of Object.entries(object)) if (!(key in result) && value !== undefined) result[key] = value;
  return result;
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
