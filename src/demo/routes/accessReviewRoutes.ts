import type { JsonObject } from '../apiTypes.js';
import { isAllowed } from '../authorization.js';
import { contentType, readBodyBytes, readJsonObject, sendJson } from '../http.js';
import { decodeSelfSubjectAccessReview } from '../protobufAccessReview.js';
import { isJsonObject, objectAt, stringAt } from '../jsonAccess.js';
import type { Route, RouteContext } from '../router.js';
import { badRequest } from '../status.js';
import { formatTimestamp } from '../timestamps.js';

/** managedFields' FieldsV1 for the fields set in `value`: `f:` per key, `.` for nested objects. */
function fieldSet(value: JsonObject, nested: boolean): JsonObject {
  const fields: JsonObject = nested ? { '.': {} } : {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    fields[`f:${key}`] = isJsonObject(child) && Object.keys(child).length > 0 ? fieldSet(child, true) : {};
  }
  return fields;
}

/** The field manager kube-apiserver records: `fieldManager`, else the user agent's program name. */
function fieldManager(context: RouteContext): string {
  const explicit = context.query.get('fieldManager');
  if (explicit !== null && explicit !== '') return explicit;
  const agent = context.request.headers['user-agent'] ?? '';
  return agent.split('/')[0]?.trim() ?? '';
}

const discoveryPaths = /^\/(api|apis|version|healthz|livez|readyz|openapi)(\/.*)?$/;

/** Non-resource paths: discovery is open to every authenticated user (system:discovery); the rest needs a '*' grant. */
function isAllowedPath(context: RouteContext, verb: string, path: string): boolean {
  if (verb === 'get' && discoveryPaths.test(path)) return true;
  return context.user.rules.some((rule) => rule.resources === '*' && rule.namespaces === undefined && (rule.verbs === '*' || rule.verbs.includes(verb)));
}

async function createSelfSubjectAccessReview(context: RouteContext): Promise<void> {
  const body =
    contentType(context.request) === 'application/vnd.kubernetes.protobuf'
      ? decodeSelfSubjectAccessReview(await readBodyBytes(context.request))
      : await readJsonObject(context.request);
  const spec = objectAt(body, 'spec');
  if (spec === undefined) throw badRequest('SelfSubjectAccessReview: spec is required');
  const resourceAttributes = objectAt(spec, 'resourceAttributes');
  const nonResourceAttributes = objectAt(spec, 'nonResourceAttributes');
  let allowed = false;
  if (resourceAttributes !== undefined) {
    allowed = isAllowed(context.user, {
      verb: stringAt(resourceAttributes, 'verb') ?? '',
      resource: stringAt(resourceAttributes, 'resource') ?? '',
      subresource: stringAt(resourceAttributes, 'subresource'),
      namespace: stringAt(resourceAttributes, 'namespace'),
      name: stringAt(resourceAttributes, 'name'),
      group: stringAt(resourceAttributes, 'group'),
    });
  } else if (nonResourceAttributes !== undefined) {
    allowed = isAllowedPath(context, stringAt(nonResourceAttributes, 'verb') ?? '', stringAt(nonResourceAttributes, 'path') ?? '');
  } else {
    throw badRequest('SelfSubjectAccessReview: exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  const metadata: JsonObject = { creationTimestamp: null };
  const manager = fieldManager(context);
  if (manager !== '') {
    metadata['managedFields'] = [
      {
        manager,
        operation: 'Update',
        apiVersion: 'authorization.k8s.io/v1',
        time: formatTimestamp(context.server.now()),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': fieldSet(spec, false) },
      },
    ];
  }
  sendJson(context.response, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata,
    spec,
    status: { allowed },
  });
}

export function accessReviewRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      access: { kind: 'authenticated' },
      handle: createSelfSubjectAccessReview,
    },
  ];
}
