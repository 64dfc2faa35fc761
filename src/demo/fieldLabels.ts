import type { ResourceName } from './apiTypes.js';
import { stringAt } from './jsonAccess.js';
import type { FieldRequirement } from './selectors.js';
import { badRequest } from './status.js';

type FieldExtractor = (object: unknown) => string;

function field(...path: string[]): FieldExtractor {
  return (object) => stringAt(object, ...path) ?? '';
}

// The field labels kube-apiserver 1.24 supports per resource (pkg/registry/core/*/strategy.go).
const supportedFields: Record<ResourceName, Record<string, FieldExtractor>> = {
  pods: {
    'metadata.name': field('metadata', 'name'),
    'metadata.namespace': field('metadata', 'namespace'),
    'spec.nodeName': field('spec', 'nodeName'),
    'spec.restartPolicy': field('spec', 'restartPolicy'),
    'spec.schedulerName': field('spec', 'schedulerName'),
    'spec.serviceAccountName': field('spec', 'serviceAccountName'),
    'status.phase': field('status', 'phase'),
    'status.podIP': field('status', 'podIP'),
    'status.nominatedNodeName': field('status', 'nominatedNodeName'),
  },
  namespaces: {
    'metadata.name': field('metadata', 'name'),
    'status.phase': field('status', 'phase'),
  },
  events: {
    'metadata.name': field('metadata', 'name'),
    'metadata.namespace': field('metadata', 'namespace'),
    'involvedObject.kind': field('involvedObject', 'kind'),
    'involvedObject.namespace': field('involvedObject', 'namespace'),
    'involvedObject.name': field('involvedObject', 'name'),
    'involvedObject.uid': field('involvedObject', 'uid'),
    'involvedObject.apiVersion': field('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': field('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': field('involvedObject', 'fieldPath'),
    reason: field('reason'),
    reportingComponent: field('reportingComponent'),
    source: field('source', 'component'),
    type: field('type'),
  },
};

/** Rejects field labels the resource does not support, with kube-apiserver's 400 message. */
export function checkFieldLabels(resource: ResourceName, requirements: readonly FieldRequirement[]): void {
  for (const requirement of requirements) {
    if (!(requirement.field in supportedFields[resource])) throw badRequest(`field label not supported: ${requirement.field}`);
  }
}

/** The selectable fields of an object, for `matchesFields`. */
export function fieldsOf(resource: ResourceName, object: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, extract] of Object.entries(supportedFields[resource])) fields[name] = extract(object);
  return fields;
}
