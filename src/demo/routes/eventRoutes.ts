import { resourceAccess, type Route } from '../router.js';
import { getObject, listOrWatch, listVerb } from './resourceHandlers.js';

export function eventRoutes(): Route[] {
  return [
    { method: 'GET', path: '/api/v1/events', access: resourceAccess(listVerb, 'events'), handle: listOrWatch('events') },
    { method: 'GET', path: '/api/v1/namespaces/:namespace/events', access: resourceAccess(listVerb, 'events'), handle: listOrWatch('events') },
    { method: 'GET', path: '/api/v1/namespaces/:namespace/events/:name', access: resourceAccess('get', 'events'), handle: getObject('events') },
  ];
}
