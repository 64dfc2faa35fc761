import { isJsonObject } from '../jsonAccess.js';

/** Why an RFC 6902 JSON patch could not be applied (kube-apiserver answers 422 with this message). */
export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(list: unknown[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return list.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`invalid array index "${token}"`);
  const index = Number(token);
  if (index > list.length || (!forInsert && index === list.length)) throw new JsonPatchError(`array index ${index} out of bounds`);
  return index;
}

function childOf(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return value[arrayIndex(value, token, false)];
  if (isJsonObject(value) && Object.hasOwn(value, token)) return value[token];
  throw new JsonPatchError(`missing value at "${token}"`);
}

/** The container of the location `path` points at, and the last token. */
function parentOf(document: unknown, path: string): { parent: Container; token: string } {
  const tokens = parsePointer(path);
  const token = tokens.pop();
  if (token === undefined) throw new JsonPatchError('the whole document cannot be the target of this operation');
  let parent: unknown = document;
  for (const step of tokens) parent = childOf(parent, step);
  if (!Array.isArray(parent) && !isJsonObject(parent)) throw new JsonPatchError(`"${path}" does not point into an object or array`);
  return { parent, token };
}

function getValue(document: unknown, path: string): unknown {
  let current = document;
  for (const token of parsePointer(path)) current = childOf(current, token);
  return current;
}

function add(document: unknown, path: string, value: unknown): unknown {
  if (path === '') return value;
  const { parent, token } = parentOf(document, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, true), 0, value);
  else parent[token] = value;
  return document;
}

function remove(document: unknown, path: string): unknown {
  const { parent, token } = parentOf(document, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, token, false), 1);
  else if (Object.hasOwn(parent, token)) delete parent[token];
  else throw new JsonPatchError(`missing value at "${path}"`);
  return document;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isJsonObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

/** Applies an RFC 6902 JSON patch (add, remove, replace, move, copy, test) to a copy of `document`. */
export function applyJsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new JsonPatchError('a JSON patch must be an array of operations');
  let result = structuredClone(document);
  for (const operation of operations) {
    if (!isJsonObject(operation)) throw new JsonPatchError('a JSON patch operation must be an object');
    const op = operation['op'];
    const path = operation['path'];
    if (typeof path !== 'string') throw new JsonPatchError(`operation "${String(op)}" has no path`);
    const value = structuredClone(operation['value']);
    switch (op) {
      case 'add':
        result = add(result, path, value);
        break;
      case 'remove':
        result = remove(result, path);
        break;
      case 'replace':
        getValue(result, path);
        result = path === '' ? value : add(remove(result, path), path, value);
        break;
      case 'move':
      case 'copy': {
        const from = operation['from'];
        if (typeof from !== 'string') throw new JsonPatchError(`operation "${op}" has no from`);
        const moved = structuredClone(getValue(result, from));
        if (op === 'move') result = remove(result, from);
        result = add(result, path, moved);
        break;
      }
      case 'test':
        if (!deepEqual(getValue(result, path), value)) throw new JsonPatchError(`testing value ${path} failed`);
        break;
      default:
        throw new JsonPatchError(`unexpected kind of operation: ${String(op)}`);
    }
  }
  return result;
}
