import type { JsonObject } from './apiTypes.js';
import { badRequest } from './status.js';

// kubectl sends SelfSubjectAccessReviews (`kubectl auth can-i`) as protobuf while accepting JSON
// back; this decodes just that request: the `k8s\0` envelope (runtime.Unknown) and the review's spec.

interface Field {
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

function readFields(buffer: Buffer): Field[] {
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

function message(fields: Field[], number: number): Buffer | undefined {
  return fields.find((field) => field.number === number && field.bytes !== undefined)?.bytes;
}

function strings(bytes: Buffer, names: Record<number, string>): JsonObject {
  const result: JsonObject = {};
  for (const field of readFields(bytes)) {
    const name = names[field.number];
    if (name !== undefined && field.bytes !== undefined) result[name] = field.bytes.toString('utf8');
  }
  return result;
}

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The JSON form of a protobuf-encoded SelfSubjectAccessReview (only its spec matters). */
export function decodeSelfSubjectAccessReview(body: Buffer): JsonObject {
  if (body.length < magic.length || !body.subarray(0, magic.length).equals(magic)) throw badRequest('invalid protobuf: missing k8s envelope');
  const envelope = readFields(body.subarray(magic.length));
  const raw = message(envelope, 2);
  if (raw === undefined) throw badRequest('invalid protobuf: empty object');
  const specBytes = message(readFields(raw), 2);
  const spec: JsonObject = {};
  if (specBytes !== undefined) {
    const specFields = readFields(specBytes);
    const resource = message(specFields, 1);
    const nonResource = message(specFields, 2);
    if (resource !== undefined) {
      spec['resourceAttributes'] = strings(resource, { 1: 'namespace', 2: 'verb', 3: 'group', 4: 'version', 5: 'resource', 6: 'subresource', 7: 'name' });
    }
    if (nonResource !== undefined) spec['nonResourceAttributes'] = strings(nonResource, { 1: 'path', 2: 'verb' });
  }
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec };
}
