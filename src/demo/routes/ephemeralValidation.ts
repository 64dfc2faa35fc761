import type { JsonObject } from '../apiTypes.js';
import { arrayAt, isJsonObject, stringAt } from '../jsonAccess.js';

export interface ValidationCause {
  field: string;
  message: string;
  reason: string;
}

// Container fields an ephemeral container may not set, in the order of the Go struct that
// kube-apiserver 1.24 walks (validateFieldAllowList), so several causes come out in its order.
const forbiddenFields = ['ports', 'resources', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsLabelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Go's zero value test: absent, null, empty object/array/string, false and 0 are "not set". */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.values(value).some(isSet);
  return true;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isJsonObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function containerNames(pod: JsonObject, list: string): string[] {
  return arrayAt(pod, 'spec', list).map((container) => stringAt(container, 'name') ?? '');
}

function validateEach(ephemeral: readonly JsonObject[], pod: JsonObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const otherNames = new Set([...containerNames(pod, 'containers'), ...containerNames(pod, 'initContainers')]);
  const allNames = new Set(otherNames);
  ephemeral.forEach((container, index) => {
    const path = `spec.ephemeralContainers[${index}]`;
    const name = stringAt(container, 'name') ?? '';
    if (name === '') causes.push({ field: `${path}.name`, message: 'Required value', reason: 'FieldValueRequired' });
    else if (!dnsLabel.test(name) || name.length > 63) {
      causes.push({ field: `${path}.name`, message: `Invalid value: "${name}": ${dnsLabelMessage}`, reason: 'FieldValueInvalid' });
    }
    if ((stringAt(container, 'image') ?? '') === '') causes.push({ field: `${path}.image`, message: 'Required value', reason: 'FieldValueRequired' });
    if (name !== '') {
      if (allNames.has(name)) causes.push({ field: `${path}.name`, message: `Duplicate value: "${name}"`, reason: 'FieldValueDuplicate' });
      else allNames.add(name);
    }
    const target = stringAt(container, 'targetContainerName') ?? '';
    if (target !== '' && !otherNames.has(target)) {
      causes.push({ field: `${path}.targetContainerName`, message: `Not found: "${target}"`, reason: 'FieldValueNotFound' });
    }
    for (const field of forbiddenFields) {
      if (isSet(container[field])) {
        causes.push({ field: `${path}.${field}`, message: 'Forbidden: cannot be set for an Ephemeral Container', reason: 'FieldValueForbidden' });
      }
    }
  });
  return causes;
}

/** Existing ephemeral containers can be neither removed nor changed (they may already run). */
function validateKept(ephemeral: readonly JsonObject[], before: readonly JsonObject[]): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const byName = new Map(ephemeral.map((container) => [stringAt(container, 'name') ?? '', container]));
  for (const old of before) {
    const name = stringAt(old, 'name') ?? '';
    const replacement = byName.get(name);
    if (replacement === undefined) {
      causes.push({ field: 'spec.ephemeralContainers', message: `Forbidden: existing ephemeral containers "${name}" may not be removed\n`, reason: 'FieldValueForbidden' });
    } else if (!sameJson(old, replacement)) {
      causes.push({ field: 'spec.ephemeralContainers', message: `Forbidden: existing ephemeral containers "${name}" may not be changed\n`, reason: 'FieldValueForbidden' });
    }
  }
  return causes;
}

/**
 * kube-apiserver 1.24's ValidatePodEphemeralContainersUpdate: the new list (already defaulted) against
 * the stored pod. An empty result means the update is valid.
 */
export function validateEphemeralContainersUpdate(ephemeral: readonly JsonObject[], pod: JsonObject): ValidationCause[] {
  const before = arrayAt(pod, 'spec', 'ephemeralContainers').filter(isJsonObject);
  return [...validateEach(ephemeral, pod), ...validateKept(ephemeral, before)];
}
