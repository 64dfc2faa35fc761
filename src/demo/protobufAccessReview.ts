import type { JsonObject } from './apiTypes.js';
import { message, readFields, strings, unwrapEnvelope } from './protobuf.js';

/** The JSON form of a protobuf-encoded SelfSubjectAccessReview (only its spec matters). */
export function decodeSelfSubjectAccessReview(body: Buffer): JsonObject {
  const raw = unwrapEnvelope(body);
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
