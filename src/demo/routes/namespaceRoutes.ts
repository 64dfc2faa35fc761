import type { JsonObject } from '../apiTypes.js';
import { contentType, readBodyBytes, readJsonObject, sendJson } from '../http.js';
import { objectAt, stringAt } from '../jsonAccess.js';
import { AlreadyExistsError } from '../objectStore.js';
import { decodeNamespace } from '../protobufNamespace.js';
import { resourceAccess, type Route, type RouteContext, type RouteAccess } from '../router.js';
import { alreadyExists, ApiError, badRequest, invalid, notFound } from '../status.js';
import { formatTimestamp } from '../timestamps.js';
import { getObject, listOrWatch, listVerb, requireObject, sendObject } from './resourceHandlers.js';

/** A DNS-1123 label, what kube-apiserver requires of a namespace name. */
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_LABEL = 'kubernetes.io/metadata.name';

// kube-apiserver's request info treats /namespaces/{name} as being inside that namespace.
const namedNamespaceAccess = (verb: string): RouteAccess => ({
  kind: 'resource',
  attributes: (params) => ({ verb, resource: 'namespaces', namespace: params['name'], name: params['name'] }),
});

function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'Required value: name or generateName is required';
  if (name.length > 63) return `Invalid value: "${name}": must be no more than 63 characters`;
  if (!LABEL.test(name)) {
    return `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
  }
  return undefined;
}

/** `kubectl create ns`, `kubectl apply` of a Namespace: defaulted as the namespace registry does. */
async function createNamespace(context: RouteContext): Promise<void> {
  const body =
    contentType(context.request) === 'application/vnd.kubernetes.protobuf' ? decodeNamespace(await readBodyBytes(context.request)) : await readJsonObject(context.request);
  if (body === undefined) throw badRequest('the body of the request was empty');
  if (body['kind'] !== undefined && body['kind'] !== 'Namespace') throw badRequest(`the API version in the data (${String(body['apiVersion'])}) does not match the expected API version (v1)`);
  const metadata: JsonObject = { ...(objectAt(body, 'metadata') ?? {}) };
  const name = stringAt(metadata, 'name') ?? '';
  const problem = nameProblem(name);
  if (problem !== undefined) throw invalid('Namespace', 'namespaces', name, [{ field: 'metadata.name', message: problem, reason: name === '' ? 'FieldValueRequired' : 'FieldValueInvalid' }]);
  for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'namespace']) delete metadata[field];
  metadata['labels'] = { ...(objectAt(metadata, 'labels') ?? {}), [NAME_LABEL]: name };
  const namespace: JsonObject = { kind: 'Namespace', apiVersion: 'v1', metadata, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  if (isDryRun(context.query)) {
    sendObject(context, 'namespaces', namespace, 201);
    return;
  }
  try {
    sendObject(context, 'namespaces', context.server.store.create('namespaces', namespace), 201);
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw alreadyExists('namespaces', name);
    throw error;
  }
}

/**
 * A namespace is not removed at once: it turns Terminating, the namespace controller deletes what is
 * in it, and only then the object goes (see controlPlane/namespaceController.ts).
 */
async function deleteNamespace(context: RouteContext): Promise<void> {
  const name = context.params['name'] ?? '';
  // The body holds DeleteOptions (JSON or protobuf); a namespace is deleted the same way whatever they say.
  await readBodyBytes(context.request);
  const current = requireObject(context, 'namespaces');
  if (['default', 'kube-system', 'kube-public'].includes(name)) {
    throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
  if (isDryRun(context.query)) {
    sendJson(context.response, 200, current);
    return;
  }
  const updated = context.server.store.update({ resource: 'namespaces', name }, (object) => {
    const metadata = objectAt(object, 'metadata');
    if (metadata !== undefined && metadata['deletionTimestamp'] === undefined) metadata['deletionTimestamp'] = formatTimestamp(context.server.now());
    object['status'] = { ...(objectAt(object, 'status') ?? {}), phase: 'Terminating' };
  });
  if (updated === undefined) throw notFound('namespaces', name);
  sendJson(context.response, 200, updated);
}

/** Pods may not be created in a namespace that is going away (the NamespaceLifecycle admission plugin: 403). */
export function checkNamespaceAcceptsContent(context: RouteContext, namespace: string): void {
  const object = context.server.store.get({ resource: 'namespaces', name: namespace });
  if (object === undefined) throw notFound('namespaces', namespace);
  if (stringAt(object, 'status', 'phase') === 'Terminating') {
    throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, { name: namespace, kind: 'namespaces' });
  }
}

export function namespaceRoutes(): Route[] {
  return [
    { method: 'GET', path: '/api/v1/namespaces', access: resourceAccess(listVerb, 'namespaces'), handle: listOrWatch('namespaces') },
    { method: 'POST', path: '/api/v1/namespaces', access: resourceAccess('create', 'namespaces'), handle: createNamespace },
    { method: 'GET', path: '/api/v1/namespaces/:name', access: namedNamespaceAccess('get'), handle: getObject('namespaces') },
    { method: 'DELETE', path: '/api/v1/namespaces/:name', access: namedNamespaceAccess('delete'), handle: deleteNamespace },
  ];
}
