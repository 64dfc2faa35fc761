import type { JsonObject } from './apiTypes.js';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The nested object at `path`, or undefined when any step is missing or not an object. */
export function objectAt(object: unknown, ...path: string[]): JsonObject | undefined {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return isJsonObject(current) ? current : undefined;
}

/** The string at `path`, or undefined when absent or not a string. */
export function stringAt(object: unknown, ...path: string[]): string | undefined {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'string' ? current : undefined;
}

export function numberAt(object: unknown, ...path: string[]): number | undefined {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'number' && Number.isFinite(current) ? current : undefined;
}

export function arrayAt(object: unknown, ...path: string[]): unknown[] {
  let current: unknown = object;
  for (const key of path) {
    if (!isJsonObject(current)) return [];
    current = current[key];
  }
  return Array.isArray(current) ? current : [];
}

export function metadataName(object: unknown): string {
  return stringAt(object, 'metadata', 'name') ?? '';
}

export function metadataNamespace(object: unknown): string {
  return stringAt(object, 'metadata', 'namespace') ?? '';
}

/** metadata.labels with non-string values dropped. */
export function labelsOf(object: unknown): Record<string, string> {
  const labels = objectAt(object, 'metadata', 'labels');
  const result: Record<string, string> = {};
  if (labels === undefined) return result;
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string') result[key] = value;
  return result;
}
