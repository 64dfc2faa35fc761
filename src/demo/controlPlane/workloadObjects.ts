import type { JsonObject } from '../apiTypes.js';
import { formatTimestamp } from '../timestamps.js';
import type { OwnerReference } from './workloads.js';

/** The workload kinds the demo's controllers stand for, by API group/version and resource. */
export const WORKLOAD_RESOURCES: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  deployments: { apiVersion: 'apps/v1', kind: 'Deployment' },
  replicasets: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  daemonsets: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  statefulsets: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  jobs: { apiVersion: 'batch/v1', kind: 'Job' },
  cronjobs: { apiVersion: 'batch/v1', kind: 'CronJob' },
};

const RESOURCE_OF_KIND = new Map(Object.entries(WORKLOAD_RESOURCES).map(([resource, { kind }]) => [kind, resource]));

export interface WorkloadObject {
  owner: OwnerReference;
  namespace: string;
  /** The object's controller (a ReplicaSet's Deployment, a Job's CronJob). */
  controller?: OwnerReference;
  labels?: Record<string, string>;
  spec?: JsonObject;
  createdAt: number;
}

/**
 * The Deployments, ReplicaSets, DaemonSets, Jobs and CronJobs behind the demo's pods, as GET answers
 * them: metadata (with the owner chain) and the spec the controller works from. They are not in the
 * object store (nothing lists or watches them); the controllers register what they manage.
 */
export class WorkloadObjects {
  private readonly objects = new Map<string, JsonObject>();

  register(workload: WorkloadObject): void {
    const resource = RESOURCE_OF_KIND.get(workload.owner.kind);
    if (resource === undefined) return;
    const metadata: JsonObject = {
      name: workload.owner.name,
      namespace: workload.namespace,
      uid: workload.owner.uid,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: formatTimestamp(new Date(workload.createdAt)),
    };
    if (workload.labels !== undefined) metadata['labels'] = { ...workload.labels };
    if (workload.controller !== undefined) {
      metadata['ownerReferences'] = [{ ...workload.controller, controller: true, blockOwnerDeletion: true }];
    }
    const object: JsonObject = { kind: workload.owner.kind, apiVersion: workload.owner.apiVersion, metadata, spec: workload.spec ?? {}, status: {} };
    this.objects.set(`${resource}/${workload.namespace}/${workload.owner.name}`, object);
  }

  get(resource: string, namespace: string, name: string): JsonObject | undefined {
    const object = this.objects.get(`${resource}/${namespace}/${name}`);
    return object === undefined ? undefined : structuredClone(object);
  }
}
