import type { JsonObject } from '../apiTypes.js';
import { defaultContainer } from '../controlPlane/podDefaults.js';
import { contentType, readBody, readJsonObject } from '../http.js';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../jsonAccess.js';
import { mergePatch, strategicMergePatch } from '../patch.js';
import { resourceAccess, type Route, type RouteContext } from '../router.js';
import { ApiError, badRequest, conflict, invalid, notFound, unsupportedMediaType } from '../status.js';
import { validateEphemeralContainersUpdate } from './ephemeralValidation.js';
import { applyJsonPatch, JsonPatchError } from './jsonPatch.js';
import { requireObject, sendObject } from './resourceHandlers.js';

const ephemeralPath = '/api/v1/namespaces/:namespace/pods/:name/ephemeralcontainers';
const strategicMerge = 'application/strategic-merge-patch+json';
const jsonMerge = 'application/merge-patch+json';
const jsonPatch = 'application/json-patch+json';
const patchTypes = [jsonPatch, jsonMerge, strategicMerge];

function ephemeralList(pod: unknown): JsonObject[] {
  return arrayAt(pod, 'spec', 'ephemeralContainers').filter(isJsonObject);
}

function namesOf(list: readonly JsonObject[]): string[] {
  return list.map((container) => stringAt(container, 'name') ?? '');
}

/**
 * A strategic merge patch without `$setElementOrder` puts the elements it adds before the existing
 * ones (recorded: the new debugger is `ephemeralContainers[0]`); our generic patcher appends them.
 */
function strategicOrder(merged: JsonObject[], before: readonly JsonObject[], patch: JsonObject): JsonObject[] {
  if (objectAt(patch, 'spec')?.['$setElementOrder/ephemeralContainers'] !== undefined) return merged;
  const existing = new Set(namesOf(before));
  return [...merged.filter((container) => !existing.has(stringAt(container, 'name') ?? '')), ...merged.filter((container) => existing.has(stringAt(container, 'name') ?? ''))];
}

async function patchedList(context: RouteContext, pod: JsonObject): Promise<JsonObject[]> {
  const type = contentType(context.request);
  if (!patchTypes.includes(type)) throw unsupportedMediaType(patchTypes);
  if (type === jsonPatch) {
    const text = await readBody(context.request);
    let operations: unknown;
    try {
      operations = JSON.parse(text);
    } catch (error) {
      throw badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      return ephemeralList(applyJsonPatch(pod, operations));
    } catch (error) {
      if (error instanceof JsonPatchError) throw new ApiError(422, 'Invalid', error.message);
      throw error;
    }
  }
  const patch = await readJsonObject(context.request);
  if (patch === undefined) throw badRequest('the body of the request was empty');
  if (type === jsonMerge) return ephemeralList(mergePatch(pod, patch));
  return strategicOrder(ephemeralList(strategicMergePatch(pod, patch)), ephemeralList(pod), patch);
}

async function replacedList(context: RouteContext, pod: JsonObject): Promise<JsonObject[]> {
  const body = await readJsonObject(context.request);
  if (body === undefined) throw badRequest('the body of the request was empty');
  const name = context.params['name'] ?? '';
  if ((stringAt(body, 'metadata', 'name') ?? '') !== name) throw badRequest('the name of the object does not match the name on the URL');
  const version = stringAt(body, 'metadata', 'resourceVersion');
  if (version !== undefined && version !== '' && version !== stringAt(pod, 'metadata', 'resourceVersion')) {
    throw conflict('pods', name, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  return ephemeralList(body);
}

/** The spec with `ephemeralContainers` where kube-apiserver serialises it: right after `containers`. */
function withEphemeral(spec: JsonObject, ephemeral: JsonObject[]): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'ephemeralContainers') continue;
    result[key] = value;
    if (key === 'containers' && ephemeral.length > 0) result['ephemeralContainers'] = ephemeral;
  }
  if (ephemeral.length > 0 && result['ephemeralContainers'] === undefined) result['ephemeralContainers'] = ephemeral;
  return result;
}

/**
 * PATCH/PUT of pods/{name}/ephemeralcontainers: only `spec.ephemeralContainers` of the request counts
 * (like the subresource's update strategy); the new list is defaulted, validated and stored, and the
 * kubelet of the pod's node starts what was added.
 */
function updateEphemeral(read: (context: RouteContext, pod: JsonObject) => Promise<JsonObject[]>) {
  return async (context: RouteContext): Promise<void> => {
    const pod = requireObject(context, 'pods');
    const name = context.params['name'] ?? '';
    const requested = await read(context, pod);
    const ephemeral = requested.map((container) => defaultContainer(container));
    const causes = validateEphemeralContainersUpdate(ephemeral, pod);
    if (causes.length > 0) throw invalid('Pod', 'pods', name, causes);
    if (JSON.stringify(ephemeral) === JSON.stringify(ephemeralList(pod)) || context.query.getAll('dryRun').includes('All')) {
      sendObject(context, 'pods', { ...pod, spec: withEphemeral(objectAt(pod, 'spec') ?? {}, ephemeral) });
      return;
    }
    const expectedUid = stringAt(pod, 'metadata', 'uid');
    const updated = context.server.store.update({ resource: 'pods', namespace: context.params['namespace'], name }, (object) => {
      if (stringAt(object, 'metadata', 'uid') !== expectedUid) return;
      object['spec'] = withEphemeral(objectAt(object, 'spec') ?? {}, ephemeral);
    });
    if (updated === undefined) throw notFound('pods', name);
    sendObject(context, 'pods', updated);
  };
}

export function ephemeralRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: ephemeralPath,
      access: resourceAccess('get', 'pods', 'ephemeralcontainers'),
      handle: (context) => sendObject(context, 'pods', requireObject(context, 'pods')),
    },
    { method: 'PATCH', path: ephemeralPath, access: resourceAccess('patch', 'pods', 'ephemeralcontainers'), handle: updateEphemeral(patchedList) },
    { method: 'PUT', path: ephemeralPath, access: resourceAccess('update', 'pods', 'ephemeralcontainers'), handle: updateEphemeral(replacedList) },
  ];
}
