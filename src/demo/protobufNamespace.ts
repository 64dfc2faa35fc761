import type { JsonObject } from './apiTypes.js';
import { message, readFields, repeatedStrings, strings, stringMap, unwrapEnvelope } from './protobuf.js';

/** The JSON form of a protobuf-encoded Namespace, as `kubectl create namespace` sends it (metadata and finalizers). */
export function decodeNamespace(body: Buffer): JsonObject {
  const fields = readFields(unwrapEnvelope(body));
  const metadataBytes = message(fields, 1);
  const metadata: JsonObject = {};
  if (metadataBytes !== undefined) {
    const metadataFields = readFields(metadataBytes);
    Object.assign(metadata, strings(metadataBytes, { 1: 'name', 2: 'generateName' }));
    const labels = stringMap(metadataFields, 11);
    const annotations = stringMap(metadataFields, 12);
    if (Object.keys(labels).length > 0) metadata['labels'] = labels;
    if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  }
  const specBytes = message(fields, 2);
  const finalizers = specBytes === undefined ? [] : repeatedStrings(readFields(specBytes), 1);
  return { kind: 'Namespace', apiVersion: 'v1', metadata, spec: finalizers.length > 0 ? { finalizers } : {} };
}
