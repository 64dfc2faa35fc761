import type { JsonObject } from '../apiTypes.js';
import type { ClusterNode } from '../controlPlane/nodes.js';
import { nodeObject } from '../controlPlane/nodeObjects.js';
import { sendJson } from '../http.js';
import { resourceAccess, type Route, type RouteContext } from '../router.js';
import { notFound } from '../status.js';

function withoutTypeMeta(object: JsonObject): JsonObject {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

/**
 * GET on the nodes the kubelets run (none without a control plane): kubectl debug node/NAME reads its
 * node first, and a name no kubelet runs answers kube-apiserver's 404.
 */
export function nodeRoutes(nodes: readonly ClusterNode[], registered: Date): Route[] {
  const objects = (context: RouteContext): JsonObject[] => nodes.map((node) => nodeObject(node, registered, context.server.now()));
  return [
    {
      method: 'GET',
      path: '/api/v1/nodes',
      access: resourceAccess('list', 'nodes'),
      handle: (context) => sendJson(context.response, 200, { kind: 'NodeList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: objects(context).map(withoutTypeMeta) }),
    },
    {
      method: 'GET',
      path: '/api/v1/nodes/:name',
      access: resourceAccess('get', 'nodes'),
      handle: (context) => {
        const name = context.params['name'] ?? '';
        const node = objects(context).find((object) => (object['metadata'] as JsonObject | undefined)?.['name'] === name);
        if (node === undefined) throw notFound('nodes', name);
        sendJson(context.response, 200, node);
      },
    },
  ];
}
