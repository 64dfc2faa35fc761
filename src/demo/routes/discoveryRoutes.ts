import { apiGroupList, apiVersions, authorizationApiGroup, authorizationResourceList, coreResourceList, serverVersion, workloadApiGroup, workloadResourceList } from '../discovery.js';
import { sendJson, sendText } from '../http.js';
import type { Route, RouteContext } from '../router.js';

export function discoveryRoutes(): Route[] {
  const json = (body: () => unknown) => (context: RouteContext) => sendJson(context.response, 200, body());
  const health = (context: RouteContext): void => sendText(context.response, 200, 'ok');
  return [
    { method: 'GET', path: '/version', access: { kind: 'public' }, handle: json(() => serverVersion) },
    { method: 'GET', path: '/healthz', access: { kind: 'public' }, handle: health },
    { method: 'GET', path: '/livez', access: { kind: 'public' }, handle: health },
    { method: 'GET', path: '/readyz', access: { kind: 'public' }, handle: health },
    { method: 'GET', path: '/api', access: { kind: 'authenticated' }, handle: (context) => sendJson(context.response, 200, apiVersions(context.server.serverAddress())) },
    { method: 'GET', path: '/api/v1', access: { kind: 'authenticated' }, handle: json(coreResourceList) },
    { method: 'GET', path: '/apis', access: { kind: 'authenticated' }, handle: (context) => sendJson(context.response, 200, apiGroupList(context.server.apiGroups)) },
    { method: 'GET', path: '/apis/authorization.k8s.io', access: { kind: 'authenticated' }, handle: json(authorizationApiGroup) },
    { method: 'GET', path: '/apis/authorization.k8s.io/v1', access: { kind: 'authenticated' }, handle: json(authorizationResourceList) },
    ...(['apps', 'batch'] as const).flatMap((group): Route[] => [
      { method: 'GET', path: `/apis/${group}`, access: { kind: 'authenticated' }, handle: json(() => workloadApiGroup(group)) },
      { method: 'GET', path: `/apis/${group}/v1`, access: { kind: 'authenticated' }, handle: json(() => workloadResourceList(group)) },
    ]),
  ];
}
