import { resourceAccess, type Route } from '../router.js';
import { getObject, listOrWatch, listVerb } from './resourceHandlers.js';

export function namespaceRoutes(): Route[] {
  return [
    { method: 'GET', path: '/api/v1/namespaces', access: resourceAccess(listVerb, 'namespaces'), handle: listOrWatch('namespaces') },
    {
      method: 'GET',
      path: '/api/v1/namespaces/:name',
      // kube-apiserver's request info treats /namespaces/{name} as being inside that namespace.
      access: { kind: 'resource', attributes: (params) => ({ verb: 'get', resource: 'namespaces', namespace: params['name'], name: params['name'] }) },
      handle: getObject('namespaces'),
    },
  ];
}
