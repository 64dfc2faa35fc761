import type { JsonObject } from './apiTypes.js';

/** metav1.StatusDetails as kube-apiserver fills it: name first, then kind. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
}

/** An API failure that the HTTP layer turns into a `Status` body with the same code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): JsonObject {
    return statusBody(this.code, this.reason, this.message, this.details);
  }
}

export function statusBody(code: number, reason: string, message: string, details?: StatusDetails): JsonObject {
  const body: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details !== undefined) body['details'] = orderedDetails(details);
  body['code'] = code;
  return body;
}

function orderedDetails(details: StatusDetails): JsonObject {
  const ordered: JsonObject = {};
  if (details.name !== undefined) ordered['name'] = details.name;
  if (details.group !== undefined) ordered['group'] = details.group;
  if (details.kind !== undefined) ordered['kind'] = details.kind;
  if (details.causes !== undefined) ordered['causes'] = details.causes;
  return ordered;
}

/** The body of a successful delete of something that is not returned as an object. */
export function successStatus(details?: StatusDetails): JsonObject {
  const body: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details !== undefined) body['details'] = orderedDetails(details);
  return body;
}

export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized', 'Unauthorized');

export function notFound(resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
}

/** What kube-apiserver answers for a path it does not serve at all. */
export const pathNotFound = (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${resource} "${name}" already exists`, { name, kind: resource });
}

export function conflict(resource: string, name: string, message: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${message}`, { name, kind: resource });
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const methodNotAllowed = (): ApiError =>
  new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export function notAcceptable(accepted: readonly string[]): ApiError {
  return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

/** 422 for an object that fails validation, e.g. `Pod "x" is invalid: spec.containers: Required value`. */
export function invalid(kind: string, resource: string, name: string, causes: Array<{ field: string; message: string; reason?: string }>): ApiError {
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(', ');
  const message = causes.length === 1 ? `${kind} "${name}" is invalid: ${summary}` : `${kind} "${name}" is invalid: [${summary}]`;
  return new ApiError(422, 'Invalid', message, {
    name,
    kind,
    causes: causes.map((cause) => ({ reason: cause.reason ?? 'FieldValueRequired', message: cause.message, field: cause.field })),
  });
}

/** The Status an ERROR watch event carries when the requested resourceVersion was compacted away. */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return internalError(error instanceof Error ? error.message : String(error));
}
