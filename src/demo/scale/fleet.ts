import type { ObjectKey } from '../apiTypes.js';
import type { Random } from '../controlPlane/random.js';
import type { ObjectStore } from '../objectStore.js';
import { components, nameSuffix, namespaceNames, nodeName, podIP, templateHash } from './names.js';
import type { WorkloadObjects } from '../controlPlane/workloadObjects.js';
import { scalePod, type ScaleOwner, type ScalePodSpec, type ScalePodState } from './scalePod.js';

export interface ScaleFleetOptions {
  /** How many pods, in namespaces of their own besides the demo's. */
  pods: number;
  random: Random;
  /** The cluster clock's now: creation times lie in the weeks before it. */
  now: number;
  /** Where a GET of a pod's owner chain finds its ReplicaSet and Deployment, StatefulSet, Job and CronJob. */
  workloads?: WorkloadRegistry;
}

export type WorkloadRegistry = Pick<WorkloadObjects, 'register'>;

export interface ScaleFleet {
  namespaces: readonly string[];
  /** Every pod of the fleet, in name order within each namespace. */
  pods: readonly ObjectKey[];
  /** The pods a churn may update (not pending, completed, failed or terminating). */
  live: readonly ObjectKey[];
}

/** About this many pods a namespace: 20,000 pods are 80 teams' namespaces. */
const podsPerNamespace = 250;
/** Pods per node, as on a cluster of m5.2xlarge nodes. */
const podsPerNode = 80;

/** Cumulative proportions of each state: most pods run; the rest is what an on-call engineer looks for. */
const stateWeights: ReadonlyArray<[ScalePodState, number]> = [
  ['running', 0.925],
  ['notReady', 0.02],
  ['crashLoop', 0.015],
  ['oomRestarted', 0.01],
  ['imagePullBackOff', 0.005],
  ['pending', 0.005],
  ['containerCreating', 0.005],
  ['terminating', 0.005],
];

function drawState(random: Random): ScalePodState {
  let draw = random.next();
  for (const [state, weight] of stateWeights) {
    if (draw < weight) return state;
    draw -= weight;
  }
  return 'running';
}

interface Workload {
  namespace: string;
  app: string;
  owner: ScaleOwner;
  replicas: number;
  image: string;
  sidecar: boolean;
  createdAt: number;
  podName: (index: number) => string;
  templateLabels: Record<string, string>;
}

function workloadsFor(namespace: string, pods: number, random: Random, now: number): Workload[] {
  const team = namespace.replace(/-(prod|staging|dev)(-\d+)?$/, '');
  const workloads: Workload[] = [];
  let remaining = pods;
  const used = new Set<string>();
  for (let round = 0; remaining > 0; round++) {
    let component = random.pick(components);
    if (used.has(component)) component = `${component}-${round}` as typeof component;
    used.add(component);
    const app = `${team}-${component}`;
    const version = `${1 + random.int(4)}.${random.int(30)}.${random.int(10)}`;
    const image = `registry.example.com/${team}/${component}:${version}`;
    const createdAt = now - Math.round(random.between(2, 45) * 86_400_000);
    const kind = round === 1 ? 'StatefulSet' : round === 2 ? 'Job' : 'ReplicaSet';
    const replicas = Math.min(remaining, kind === 'StatefulSet' ? 3 : kind === 'Job' ? 2 + random.int(6) : 2 + random.int(40));
    remaining -= replicas;
    const sidecar = random.chance(0.3);
    if (kind === 'ReplicaSet') {
      const hash = templateHash(random);
      const suffixes = Array.from({ length: replicas }, () => nameSuffix(random));
      workloads.push({
        namespace, app, replicas, image, sidecar, createdAt,
        owner: { kind, apiVersion: 'apps/v1', name: `${app}-${hash}`, uid: random.uuid() },
        podName: (index) => `${app}-${hash}-${suffixes[index] ?? index}`,
        templateLabels: { app, 'pod-template-hash': hash },
      });
    } else if (kind === 'StatefulSet') {
      workloads.push({
        namespace, app, replicas, image, sidecar, createdAt,
        owner: { kind, apiVersion: 'apps/v1', name: app, uid: random.uuid() },
        podName: (index) => `${app}-${index}`,
        templateLabels: { app, 'controller-revision-hash': `${app}-${templateHash(random)}` },
      });
    } else {
      // A CronJob's runs: one Job per schedule slot, each with one pod.
      for (let run = 0; run < replicas; run++) {
        const slot = Math.floor((now - run * 3_600_000) / 60_000);
        const job = `${app}-${slot}`;
        workloads.push({
          namespace, app, replicas: 1, image, sidecar: false, createdAt: now - run * 3_600_000 - 60_000,
          owner: { kind: 'Job', apiVersion: 'batch/v1', name: job, uid: random.uuid() },
          podName: () => `${job}-${nameSuffix(random)}`,
          templateLabels: { app, 'job-name': job },
        });
      }
    }
  }
  return workloads;
}

/** The workload and the object that controls it (a ReplicaSet's Deployment, a Job's CronJob), as GET answers them. */
function registerWorkload(registry: WorkloadRegistry, workload: Workload, random: Random): void {
  const { namespace, owner, templateLabels: labels } = workload;
  const template = { metadata: { labels: { ...labels } } };
  const controllerKind = owner.kind === 'ReplicaSet' ? 'Deployment' : owner.kind === 'Job' ? 'CronJob' : undefined;
  const controller = controllerKind === undefined ? undefined : { kind: controllerKind, apiVersion: owner.apiVersion, name: workload.app, uid: random.uuid() };
  if (controller !== undefined) {
    const { 'pod-template-hash': _hash, 'job-name': _job, ...selector } = labels;
    registry.register({ owner: controller, namespace, labels: { app: workload.app }, spec: { selector: { matchLabels: selector } }, createdAt: workload.createdAt });
  }
  const spec = owner.kind === 'Job' ? { template } : { replicas: workload.replicas, selector: { matchLabels: { ...labels } }, template };
  registry.register({ owner, namespace, controller, labels: { ...labels }, spec, createdAt: workload.createdAt });
}

/**
 * Seeds `pods` pods across namespaces of their own, as a large production cluster holds them:
 * Deployments, StatefulSets and CronJob runs with believable names, spread over ~podsPerNode pods a
 * node, mostly Running, some crash-looping, not ready, OOM-killed, pending, stuck terminating.
 * They are not run by the simulated kubelets (their nodes have none); the churn changes them.
 */
export function seedScaleFleet(store: ObjectStore, options: ScaleFleetOptions): ScaleFleet {
  const { random, now } = options;
  // Its own stream: the owners' uids do not shift the names and states a seed gives.
  const controllerIds = random.fork('controllers');
  const total = Math.max(0, Math.floor(options.pods));
  const namespaces = namespaceNames(Math.ceil(total / podsPerNamespace));
  const nodeCount = Math.max(1, Math.ceil(total / podsPerNode));
  const pods: ObjectKey[] = [];
  const live: ObjectKey[] = [];
  let seeded = 0;
  for (const [index, namespace] of namespaces.entries()) {
    const inNamespace = Math.min(podsPerNamespace, total - index * podsPerNamespace);
    if (store.get({ resource: 'namespaces', name: namespace }) === undefined) {
      store.create(
        'namespaces',
        { metadata: { name: namespace, labels: { 'kubernetes.io/metadata.name': namespace } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
        { createdAt: new Date(now - 60 * 86_400_000), seed: true },
      );
    }
    const specs: ScalePodSpec[] = [];
    for (const workload of workloadsFor(namespace, inNamespace, random, now)) {
      if (options.workloads !== undefined) registerWorkload(options.workloads, workload, controllerIds);
      for (let replica = 0; replica < workload.replicas; replica++) {
        const isJob = workload.owner.kind === 'Job';
        const state: ScalePodState = isJob ? (random.chance(0.15) ? 'failed' : 'completed') : drawState(random);
        const nodeIndex = random.int(nodeCount);
        const scheduled = state !== 'pending';
        specs.push({
          namespace,
          name: workload.podName(replica),
          app: workload.app,
          owner: workload.owner,
          labels: { ...workload.templateLabels, 'app.kubernetes.io/part-of': namespace.split('-')[0] ?? namespace },
          image: workload.image,
          sidecar: workload.sidecar,
          state,
          node: scheduled ? nodeName(nodeIndex) : undefined,
          podIP: scheduled && state !== 'containerCreating' && state !== 'imagePullBackOff' ? podIP(nodeIndex, seeded + replica) : undefined,
          createdAt: workload.createdAt + random.int(3_600_000),
          restarts: state === 'crashLoop' ? 5 + random.int(400) : state === 'oomRestarted' ? 1 + random.int(12) : random.chance(0.05) ? 1 + random.int(3) : 0,
        });
      }
    }
    specs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const spec of specs) {
      store.create('pods', scalePod(spec, random), { createdAt: new Date(spec.createdAt), seed: true });
      const key: ObjectKey = { resource: 'pods', namespace, name: spec.name };
      pods.push(key);
      if (spec.state === 'running' || spec.state === 'notReady' || spec.state === 'oomRestarted' || spec.state === 'crashLoop') live.push(key);
    }
    seeded += specs.length;
  }
  return { namespaces, pods, live };
}
