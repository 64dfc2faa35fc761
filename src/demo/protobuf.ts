import type { JsonObject } from './apiTypes.js';
import { badRequest } from './status.js';

// kubectl sends some requests of built-in types as protobuf while accepting JSON back (`kubectl auth
// can-i`, `kubectl create namespace`); these read just enough of the wire format for them.

export interface Field {
  number: number;
  bytes?: Buffer;
  varint?: number;
}

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (let position = offset; position < buffer.length; position++) {
    const byte = buffer[position] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, position + 1];
    if (shift > 63) break;
  }
  throw badRequest('invalid protobuf: truncated varint');
}

export function readFields(buffer: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    offset = afterTag;
    if (wireType === 0) {
      const [value, next] = readVarint(buffer, offset);
      fields.push({ number, varint: value });
      offset = next;
    } else if (wireType === 2) {
      const [size, start] = readVarint(buffer, offset);
      if (start + size > buffer.length) throw badRequest('invalid protobuf: truncated field');
      fields.push({ number, bytes: buffer.subarray(start, start + size) });
      offset = start + size;
    } else if (wireType === 1 || wireType === 5) {
      offset += wireType === 1 ? 8 : 4;
    } else {
      throw badRequest(`invalid protobuf: unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

export function message(fields: Field[], number: number): Buffer | undefined {
  return fields.find((field) => field.number === number && field.bytes !== undefined)?.bytes;
}

export function strings(bytes: Buffer, names: Record<number, string>): JsonObject {
  const result: JsonObject = {};
  for (const field of readFields(bytes)) {
    const name = names[field.number];
    if (name !== undefined && field.bytes !== undefined) result[name] = field.bytes.toString('utf8');
  }
  return result;
}

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The object inside the `k8s\0` envelope (runtime.Unknown's raw bytes). */
export function unwrapEnvelope(body: Buffer): Buffer {
  if (body.length < magic.length || !body.subarray(0, magic.length).equals(magic)) throw badRequest('invalid protobuf: missing k8s envelope');
  const raw = message(readFields(body.subarray(magic.length)), 2);
  if (raw === undefined) throw badRequest('invalid protobuf: empty object');
  return raw;
}

/** Every string of a repeated string field. */
export function repeatedStrings(fields: Field[], number: number): string[] {
  return fields.filter((field) => field.number === number && field.bytes !== undefined).map((field) => field.bytes?.toString('utf8') ?? '');
}

/** A map<string, string> field (entries with key 1, value 2). */
export function stringMap(fields: Field[], number: number): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of fields.filter((field) => field.number === number && field.bytes !== undefined)) {
    const pair = strings(entry.bytes ?? Buffer.alloc(0), { 1: 'key', 2: 'value' });
    if (typeof pair['key'] === 'string') map[pair['key']] = typeof pair['value'] === 'string' ? pair['value'] : '';
  }
  return map;
}

