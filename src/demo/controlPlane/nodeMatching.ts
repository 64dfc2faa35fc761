import type { JsonObject } from '../apiTypes.js';
import { objectField, objectList, stringField, stringList, stringMap } from './json.js';
import type { ClusterNode } from './nodes.js';

/** Whether a pod's nodeSelector and required node affinity allow `node` (the scheduler's NodeAffinity filter). */
export function nodeMatches(spec: JsonObject, node: ClusterNode): boolean {
  for (const [key, value] of Object.entries(stringMap(spec, 'nodeSelector'))) if (node.labels[key] !== value) return false;
  const required = objectField(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  if (required === undefined) return true;
  const terms = objectList(required, 'nodeSelectorTerms');
  // Terms are ORed, the requirements inside one term ANDed.
  return terms.some(
    (term) =>
      objectList(term, 'matchExpressions').every((requirement) => requirementMatches(requirement, (key) => node.labels[key])) &&
      objectList(term, 'matchFields').every((requirement) => requirementMatches(requirement, (key) => (key === 'metadata.name' ? node.name : undefined))),
  );
}

function requirementMatches(requirement: JsonObject, valueOf: (key: string) => string | undefined): boolean {
  const value = valueOf(stringField(requirement, 'key') ?? '');
  const values = stringList(requirement, 'values');
  switch (stringField(requirement, 'operator')) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}
