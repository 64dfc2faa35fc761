import type { JsonObject } from '../apiTypes.js';
import { contentType, integerParameter, readJsonObject, sendJson } from '../http.js';
import { arrayAt, isJsonObject, metadataName, numberAt, objectAt, stringAt } from '../jsonAccess.js';
import { AlreadyExistsError } from '../objectStore.js';
import { mergePatch, strategicMergePatch } from '../patch.js';
import { deletePodObject, effectiveGracePeriod } from '../podDeletion.js';
import { applyPodDefaults } from '../controlPlane/podDefaults.js';
import { resourceAccess, type Route, type RouteContext } from '../router.js';
import { alreadyExists, badRequest, conflict, invalid, notFound, unsupportedMediaType } from '../status.js';
import { checkNamespaceAcceptsContent } from './namespaceRoutes.js';
import { getObject, listOrWatch, listVerb, requireObject, sendObject } from './resourceHandlers.js';

const podPath = '/api/v1/namespaces/:namespace/pods/:name';

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

function validateNewPod(pod: JsonObject, name: string): void {
  const causes: Array<{ field: string; message: string; reason?: string }> = [];
  const containers = arrayAt(pod, 'spec', 'containers');
  if (containers.length === 0) causes.push({ field: 'spec.containers', message: 'Required value' });
  containers.forEach((container, index) => {
    if (stringAt(container, 'name') === undefined || stringAt(container, 'name') === '') causes.push({ field: `spec.containers[${index}].name`, message: 'Required value' });
    if (stringAt(container, 'image') === undefined || stringAt(container, 'image') === '') causes.push({ field: `spec.containers[${index}].image`, message: 'Required value' });
  });
  if (causes.length > 0) throw invalid('Pod', 'pods', name, causes);
}

async function createPod(context: RouteContext): Promise<void> {
  const { params, query, server } = context;
  const namespace = params['namespace'] ?? '';
  const body = await readJsonObject(context.request);
  if (body === undefined) throw badRequest('the body of the request was empty');
  if (body['kind'] !== undefined && body['kind'] !== 'Pod') throw badRequest(`the API version in the data (${String(body['apiVersion'])}) does not match the expected API version (v1)`);
  const metadata: JsonObject = { ...(objectAt(body, 'metadata') ?? {}) };
  const bodyNamespace = stringAt(metadata, 'namespace');
  if (bodyNamespace !== undefined && bodyNamespace !== '' && bodyNamespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  checkNamespaceAcceptsContent(context, namespace);
  const name = stringAt(metadata, 'name') ?? '';
  if (name === '' && (stringAt(metadata, 'generateName') ?? '') === '') {
    throw invalid('Pod', 'pods', '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  }
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) delete metadata[field];
  metadata['namespace'] = namespace;
  const pod = applyPodDefaults({ ...body, kind: 'Pod', apiVersion: 'v1', metadata });
  validateNewPod(pod, name);
  if (isDryRun(query)) {
    sendObject(context, 'pods', pod, 201);
    return;
  }
  try {
    sendObject(context, 'pods', server.store.create('pods', pod), 201);
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw alreadyExists('pods', error.key.name);
    throw error;
  }
}

function checkPreconditions(pod: JsonObject, options: JsonObject | undefined): void {
  const preconditions = objectAt(options, 'preconditions');
  if (preconditions === undefined) return;
  const uid = stringAt(preconditions, 'uid');
  const actualUid = stringAt(pod, 'metadata', 'uid') ?? '';
  if (uid !== undefined && uid !== actualUid) {
    throw conflict('pods', metadataName(pod), `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${actualUid}`);
  }
  const resourceVersion = stringAt(preconditions, 'resourceVersion');
  const actualVersion = stringAt(pod, 'metadata', 'resourceVersion') ?? '';
  if (resourceVersion !== undefined && resourceVersion !== actualVersion) {
    throw conflict(
      'pods',
      metadataName(pod),
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${actualVersion}`,
    );
  }
}

/** DELETE of a pod: preconditions, then the registry's graceful deletion (see podDeletion.ts). */
async function deletePod(context: RouteContext): Promise<void> {
  const { params, query, server, response } = context;
  const key = { resource: 'pods', namespace: params['namespace'], name: params['name'] ?? '' } as const;
  const options = await readJsonObject(context.request);
  const pod = requireObject(context, 'pods');
  checkPreconditions(pod, options);
  const grace = effectiveGracePeriod(pod, integerParameter(query, 'gracePeriodSeconds') ?? numberAt(options, 'gracePeriodSeconds'));
  if (isDryRun(query)) {
    sendJson(response, 200, pod);
    return;
  }
  const answer = deletePodObject(server.store, key, grace, server.now());
  if (answer === undefined) throw notFound('pods', key.name);
  sendJson(response, 200, answer);
}

const servedPatchTypes = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

// Fields of a pod's spec a patch may change (pod spec is otherwise immutable).
function mutableSpecView(spec: unknown): unknown {
  if (!isJsonObject(spec)) return spec;
  const { activeDeadlineSeconds: _deadline, tolerations: _tolerations, terminationGracePeriodSeconds: _grace, ...rest } = spec;
  const withoutImages = (list: unknown): unknown =>
    Array.isArray(list) ? list.map((container) => (isJsonObject(container) ? { ...container, image: undefined } : container)) : list;
  return { ...rest, containers: withoutImages(rest['containers']), initContainers: withoutImages(rest['initContainers']) };
}

async function patchPod(context: RouteContext): Promise<void> {
  const { params, query, server } = context;
  const type = contentType(context.request);
  if (!servedPatchTypes.includes(type)) throw unsupportedMediaType(servedPatchTypes);
  const patch = await readJsonObject(context.request);
  if (patch === undefined) throw badRequest('the body of the request was empty');
  const current = requireObject(context, 'pods');
  const expectedVersion = stringAt(patch, 'metadata', 'resourceVersion');
  if (expectedVersion !== undefined && expectedVersion !== stringAt(current, 'metadata', 'resourceVersion')) {
    throw conflict('pods', params['name'] ?? '', 'the object has been modified; please apply your changes to the latest version and try again');
  }
  const merged = (type === 'application/merge-patch+json' ? mergePatch(current, patch) : strategicMergePatch(current, patch)) as JsonObject;
  const name = params['name'] ?? '';
  if (stringAt(merged, 'metadata', 'name') !== name || stringAt(merged, 'metadata', 'namespace') !== params['namespace']) {
    throw badRequest('the name of the object does not match the name on the URL');
  }
  if (JSON.stringify(mutableSpecView(merged['spec'])) !== JSON.stringify(mutableSpecView(current['spec']))) {
    throw invalid('Pod', 'pods', name, [
      {
        field: 'spec',
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      },
    ]);
  }
  if (isDryRun(query)) {
    sendObject(context, 'pods', merged);
    return;
  }
  const updated = server.store.update({ resource: 'pods', namespace: params['namespace'], name }, (object) => {
    // Status belongs to the status subresource; a patch of the pod itself leaves it alone.
    const before = objectAt(object, 'metadata');
    object['metadata'] = {
      ...(objectAt(merged, 'metadata') ?? {}),
      deletionTimestamp: before?.['deletionTimestamp'],
      deletionGracePeriodSeconds: before?.['deletionGracePeriodSeconds'],
    };
    object['spec'] = merged['spec'];
  });
  if (updated === undefined) throw notFound('pods', name);
  sendObject(context, 'pods', updated);
}

export function podRoutes(): Route[] {
  return [
    { method: 'GET', path: '/api/v1/pods', access: resourceAccess(listVerb, 'pods'), handle: listOrWatch('pods') },
    { method: 'GET', path: '/api/v1/namespaces/:namespace/pods', access: resourceAccess(listVerb, 'pods'), handle: listOrWatch('pods') },
    { method: 'POST', path: '/api/v1/namespaces/:namespace/pods', access: resourceAccess('create', 'pods'), handle: createPod },
    { method: 'GET', path: podPath, access: resourceAccess('get', 'pods'), handle: getObject('pods') },
    { method: 'DELETE', path: podPath, access: resourceAccess('delete', 'pods'), handle: deletePod },
    { method: 'PATCH', path: podPath, access: resourceAccess('patch', 'pods'), handle: patchPod },
    { method: 'GET', path: `${podPath}/status`, access: resourceAccess('get', 'pods', 'status'), handle: getObject('pods') },
  ];
}
