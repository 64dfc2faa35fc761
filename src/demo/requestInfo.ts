import type { ResourceAttributes } from './authorization.js';
import { parseBoolean } from './http.js';

/**
 * The authorization attributes kube-apiserver derives from any resource URL (its RequestInfo), so a
 * request is authorized (403) before the server looks for a handler (404/405), as a real one does.
 * Undefined for non-resource paths.
 */
export function resourceAttributesOf(method: string, path: string, query: URLSearchParams): ResourceAttributes | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  let rest: string[];
  let group = '';
  if (segments[0] === 'api' && segments.length >= 3) {
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    namespace = rest[1];
  }
  const [resource = '', name, subresource] = rest;
  const isCollection = name === undefined;
  const verbs: Record<string, string> = {
    GET: isCollection ? (parseBoolean(query.get('watch')) ? 'watch' : 'list') : 'get',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: isCollection ? 'deletecollection' : 'delete',
  };
  return { verb: verbs[method] ?? method.toLowerCase(), resource, subresource, namespace, name, group };
}
