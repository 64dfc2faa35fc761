import { sendJson } from '../http.js';
import type { WorkloadObjects } from '../controlPlane/workloadObjects.js';
import { WORKLOAD_RESOURCES } from '../controlPlane/workloadObjects.js';
import type { Route, RouteAccess } from '../router.js';
import { notFound, pathNotFound } from '../status.js';

function access(group: string): RouteAccess {
  return {
    kind: 'resource',
    attributes: (params) => ({ verb: 'get', resource: params['resource'] ?? '', group, namespace: params['namespace'], name: params['name'] }),
  };
}

/**
 * GET of one Deployment, ReplicaSet, DaemonSet, StatefulSet, Job or CronJob (the owner chain of a
 * pod), as kube-apiserver answers it: the object, or 404 `replicasets.apps "x" not found`.
 */
export function workloadRoutes(workloads: WorkloadObjects | undefined): Route[] {
  return ['apps', 'batch'].map((group) => ({
    method: 'GET' as const,
    path: `/apis/${group}/v1/namespaces/:namespace/:resource/:name`,
    access: access(group),
    handle: ({ params, response }) => {
      const resource = params['resource'] ?? '';
      if (WORKLOAD_RESOURCES[resource]?.apiVersion !== `${group}/v1`) throw pathNotFound();
      const object = workloads?.get(resource, params['namespace'] ?? '', params['name'] ?? '');
      if (object === undefined) throw notFound(`${resource}.${group}`, params['name'] ?? '');
      sendJson(response, 200, object);
    },
  }));
}
