import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { JobController } from './jobController.js';
import { stringField } from './json.js';
import { applyPodDefaults } from './podDefaults.js';
import type { Random } from './random.js';
import type { Registry } from './registry.js';
import type { ReplicaSetController } from './replicaSetController.js';
import { kubeSystemDaemonSets, kubeSystemDeployments } from './scenario/kubeSystem.js';
import { labPods, labServerPods, statesPods } from './scenario/labPods.js';
import { missingShopImages, shopDeployments, shopJobs } from './scenario/shop.js';

export const scenarioNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'lab', 'shop', 'states'] as const;

export interface ScenarioDependencies {
  store: ObjectStoreApi;
  random: Random;
  registry: Registry;
  replicaSets: ReplicaSetController;
  jobs: JobController;
  now: number;
}

function namespaceObject(name: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/**
 * Seeds the demo cluster as `kubectl apply` and the controllers would: the namespaces, kube-system,
 * the shop app, and the recorded lab/states pods. Everything is created now, unscheduled; the
 * scheduler and kubelets bring it up over the next seconds.
 */
export function seedScenario(deps: ScenarioDependencies): void {
  const { store } = deps;
  for (const name of scenarioNamespaces) {
    if (store.get({ resource: 'namespaces', name }) === undefined) store.create('namespaces', namespaceObject(name));
  }
  for (const image of missingShopImages) deps.registry.markMissing(image);
  for (const workload of kubeSystemDaemonSets) deps.replicaSets.add(workload);
  for (const workload of kubeSystemDeployments) deps.replicaSets.add(workload);
  for (const workload of shopDeployments) deps.replicaSets.add(workload);
  for (const job of shopJobs(deps.now)) deps.jobs.add(job);
  const random = deps.random.fork('manifests');
  for (const pod of [...labPods, ...labServerPods, ...statesPods]) {
    const key = { resource: 'pods' as const, namespace: stringField(pod, 'metadata', 'namespace') ?? '', name: stringField(pod, 'metadata', 'name') ?? '' };
    if (store.get(key) !== undefined) continue;
    store.create('pods', applyPodDefaults(pod, { random: () => random.next() }));
  }
}
