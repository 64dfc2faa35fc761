import { OBJECT_TYPES, type FieldType } from './objectTypes.js';

/**
 * Checks that raw JSON from the server has the shape of the kind asked for, the way Go's decoder
 * in client-go does it (a `spec: 5` or `containers: "x"` is a decoding error there), without
 * building a second copy of every object as client-node's ObjectSerializer does: the object is
 * kept as JSON.parse made it, timestamps stay strings. Unknown fields are let through (newer
 * servers add fields); a `null` field is removed, as Go leaves it at its zero value.
 *
 * The field types are client-node's generated models' (`getAttributeTypeMap()`), so the check
 * follows the same typings the rest of the code is written against; they are read from a table
 * generated from those models (objectTypes.ts), not from the models themselves, which would load
 * all of client-node at start-up.
 */

/** Returns a description of the first problem, or undefined when the value fits. */
type Check = (value: unknown, path: string) => string | undefined;

const compiled = new Map<string, Check>();

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 20 ? `${value.slice(0, 20)}…` : value}"`;
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const checkString: Check = (value, path) => (typeof value === 'string' ? undefined : `${path} is ${describe(value)}, not a string`);
const checkBoolean: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path} is ${describe(value)}, not true or false`);
const checkNumber: Check = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? undefined : `${path} is ${describe(value)}, not a number`);
const checkInteger: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) ? undefined : `${path} is ${describe(value)}, not an integer`);
const checkIntOrString: Check = (value, path) =>
  typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? undefined : `${path} is ${describe(value)}, not a number or a string`;
const checkAnything: Check = () => undefined;

function checkFor(type: string, format: string): Check {
  const key = `${type}|${format}`;
  const known = compiled.get(key);
  if (known) return known;
  // Recursive types: later lookups of this key find the thunk while the real check is built.
  let built: Check | undefined;
  compiled.set(key, (value, path) => (built ?? checkAnything)(value, path));
  built = build(type, format);
  compiled.set(key, built);
  return built;
}

function build(type: string, format: string): Check {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1]) return arrayCheck(checkFor(array[1], format));
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1]) return mapCheck(checkFor(map[1], format));
  switch (type) {
    case 'string':
    case 'Date':
    case 'V1MicroTime':
      return checkString;
    case 'boolean':
      return checkBoolean;
    case 'number':
      return format === 'int32' || format === 'int64' ? checkInteger : checkNumber;
    case 'IntOrString':
      return checkIntOrString;
    case 'any':
    case 'object':
      return checkAnything;
  }
  const fields = Object.hasOwn(OBJECT_TYPES, type) ? OBJECT_TYPES[type] : undefined;
  return fields ? objectCheck(fields) : checkAnything;
}

function arrayCheck(element: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} is ${describe(value)}, not a list`;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // A null entry is a zero value in Go; here it would be a hole every reader trips on.
      if (item === null) return `${path}[${i}] is null`;
      const problem = element(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function mapCheck(entry: Check): Check {
  return (value, path) => {
    if (!isPlainObject(value)) return `${path} is ${describe(value)}, not an object`;
    for (const key in value) {
      const item = value[key];
      if (item === null) {
        delete value[key];
        continue;
      }
      const problem = entry(item, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function objectCheck(types: readonly FieldType[]): Check {
  let fields: Map<string, Check> | undefined;
  return (value, path) => {
    if (!isPlainObject(value)) return `${path} is ${describe(value)}, not an object`;
    fields ??= new Map(types.map(([baseName, type, format]) => [baseName, checkFor(type, format)]));
    for (const key in value) {
      const check = fields.get(key);
      if (check === undefined) continue;
      const item = value[key];
      if (item === null) {
        delete value[key];
        continue;
      }
      const problem = check(item, path === '' ? key : `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** The kinds the stores hold: the JSON `kind`, the client-node model, and whether objects live in a namespace. */
export interface ObjectKind {
  kind: string;
  modelName: string;
  namespaced: boolean;
}

export const POD_KIND: ObjectKind = { kind: 'Pod', modelName: 'V1Pod', namespaced: true };
export const EVENT_KIND: ObjectKind = { kind: 'Event', modelName: 'CoreV1Event', namespaced: true };
export const NAMESPACE_KIND: ObjectKind = { kind: 'Namespace', modelName: 'V1Namespace', namespaced: false };

export type Decoded<T> = { ok: true; object: T } | { ok: false; problem: string };

/** Written by `kubectl apply`: a second copy of the whole object, which no screen shows. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Checks one object of a list or watch and trims what no screen uses (managedFields and the
 * last-applied annotation, often half of a pod's bytes), like a client-go TransformFunc at
 * ingest. The object is changed in place: it came straight from JSON.parse and nothing else holds it.
 */
export function decodeObject<T>(raw: unknown, kind: ObjectKind): Decoded<T> {
  const checked = checkObject<T>(raw, kind);
  if (checked.ok) trim(checked.object as Record<string, unknown>);
  return checked;
}

/** Checks one object as decodeObject does, and keeps all of it (a one-shot read shows what it got). */
export function checkObject<T>(raw: unknown, kind: ObjectKind): Decoded<T> {
  if (!isPlainObject(raw)) return { ok: false, problem: `the object is ${describe(raw)}` };
  if (raw.kind !== undefined && raw.kind !== kind.kind) return { ok: false, problem: `the object is ${describe(raw.kind)}, not a ${kind.kind}` };
  const metadata = raw.metadata;
  if (!isPlainObject(metadata)) return { ok: false, problem: `metadata is ${describe(metadata)}` };
  if (typeof metadata.name !== 'string' || metadata.name === '') return { ok: false, problem: `metadata.name is ${describe(metadata.name)}` };
  if (kind.namespaced && (typeof metadata.namespace !== 'string' || metadata.namespace === '')) {
    return { ok: false, problem: `metadata.namespace is ${describe(metadata.namespace)}` };
  }
  const problem = checkFor(kind.modelName, '')(raw, '');
  if (problem) return { ok: false, problem };
  return { ok: true, object: raw as T };
}

function trim(object: Record<string, unknown>): void {
  const metadata = object.metadata as Record<string, unknown>;
  const annotations = metadata.annotations;
  const hasLastApplied = isPlainObject(annotations) && LAST_APPLIED in annotations;
  if (metadata.managedFields === undefined && !hasLastApplied) return;
  // A rebuilt object rather than `delete`, which would leave V8 a slow dictionary-mode object.
  const { managedFields: _managedFields, ...kept } = metadata;
  if (hasLastApplied) {
    const { [LAST_APPLIED]: _lastApplied, ...otherAnnotations } = annotations;
    kept.annotations = otherAnnotations;
  }
  object.metadata = kept;
}

/** The resourceVersion of a BOOKMARK's object (a zero-valued shell around it), if it has one. */
export function bookmarkVersion(raw: unknown): string | undefined {
  if (!isPlainObject(raw) || !isPlainObject(raw.metadata)) return undefined;
  const version = raw.metadata.resourceVersion;
  return typeof version === 'string' && version !== '' ? version : undefined;
}
