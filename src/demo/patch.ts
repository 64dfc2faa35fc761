import type { JsonObject } from './apiTypes.js';
import { isJsonObject } from './jsonAccess.js';

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

// The patchMergeKey of the pod lists a strategic merge patch merges element-wise (k8s.io/api core/v1 tags).
const mergeKeys: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  env: 'name',
  ports: 'containerPort',
  conditions: 'type',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
  ephemeralContainerStatuses: 'name',
  ownerReferences: 'uid',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  podIPs: 'ip',
  readinessGates: 'conditionType',
  topologySpreadConstraints: 'topologyKey',
};

function mergeList(target: unknown, patch: unknown[], key: string): unknown[] {
  const result = Array.isArray(target) ? structuredClone(target) : [];
  for (const element of patch) {
    if (!isJsonObject(element)) continue;
    const directive = element['$patch'];
    const index = result.findIndex((existing) => isJsonObject(existing) && existing[key] === element[key]);
    if (directive === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = strategicMergePatch(result[index], element);
    else result.push(strategicMergePatch(undefined, element));
  }
  return result;
}

/**
 * Kubernetes strategic merge patch for pods: like a merge patch, except that the lists with a
 * patchMergeKey (containers, ephemeralContainers, env, …) merge element by element and an
 * element with `$patch: delete` is removed. Other lists are replaced.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/') || key === '$retainKeys') continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const mergeKey = mergeKeys[key];
    result[key] = Array.isArray(value) && mergeKey !== undefined ? mergeList(result[key], value, mergeKey) : strategicMergePatch(result[key], value);
  }
  return result;
}
