import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import type { Behaviours } from './behaviours.js';
import type { EventRecorder, ObjectReference } from './eventRecorder.js';
import { objectList, stringField } from './json.js';
import type { ClusterNode } from './nodes.js';
import type { Random } from './random.js';
import { TimerGroup } from './timers.js';
import { createOwnedPod, podTemplateHash, type OwnerReference, type PodTemplate } from './workloads.js';
import type { WorkloadObjects } from './workloadObjects.js';

/** A Deployment's current ReplicaSet: `replicas` pods anywhere. */
export interface ReplicaSetWorkload {
  kind: 'ReplicaSet';
  namespace: string;
  deployment: string;
  replicas: number;
  template: PodTemplate;
}

/** One pod on every node. */
export interface DaemonSetWorkload {
  kind: 'DaemonSet';
  namespace: string;
  name: string;
  template: PodTemplate;
}

export type ReplicatedWorkload = ReplicaSetWorkload | DaemonSetWorkload;

interface Managed {
  workload: ReplicatedWorkload;
  owner: OwnerReference;
  podPrefix: string;
  labels: Record<string, string>;
  /** DaemonSet: the node each slot is pinned to; ReplicaSet: one undefined per replica. */
  slots: (ClusterNode | undefined)[];
  reconcileScheduled: boolean;
}

function isActive(pod: JsonObject): boolean {
  const phase = stringField(pod, 'status', 'phase');
  return stringField(pod, 'metadata', 'deletionTimestamp') === undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

function ownerUid(pod: JsonObject): string | undefined {
  const owner = objectList(pod, 'metadata', 'ownerReferences').find((reference) => reference['controller'] === true);
  return owner === undefined ? undefined : stringField(owner, 'uid');
}

function pinnedNode(pod: JsonObject): string | undefined {
  const terms = objectList(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  const field = objectList(terms[0], 'matchFields')[0];
  const values = field?.['values'];
  return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : undefined;
}

/**
 * The ReplicaSet and DaemonSet controllers: keep the wanted number of active pods, replacing one as
 * soon as it is being deleted (terminating pods no longer count) or has failed.
 */
export class ReplicaSetController {
  private readonly managed = new Map<string, Managed>();
  private readonly timers: TimerGroup;

  constructor(
    private readonly store: ObjectStoreApi,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly behaviours: Behaviours,
    private readonly random: Random,
    private readonly nodes: readonly ClusterNode[],
    private readonly objects?: WorkloadObjects,
  ) {
    this.timers = new TimerGroup(clock);
  }

  /** Starts managing `workload` and creates its pods now. */
  add(workload: ReplicatedWorkload): void {
    const random = this.random.fork(`${workload.kind}/${workload.namespace}/${workload.kind === 'ReplicaSet' ? workload.deployment : workload.name}`);
    let managed: Managed;
    if (workload.kind === 'ReplicaSet') {
      const hash = podTemplateHash(workload.template);
      const name = `${workload.deployment}-${hash}`;
      managed = {
        workload,
        owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: random.uuid() },
        podPrefix: `${name}-`,
        labels: { ...workload.template.labels, 'pod-template-hash': hash },
        slots: Array.from({ length: workload.replicas }, () => undefined),
        reconcileScheduled: false,
      };
    } else {
      const hash = podTemplateHash(workload.template);
      managed = {
        workload,
        owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: workload.name, uid: random.uuid() },
        podPrefix: `${workload.name}-`,
        labels: { ...workload.template.labels, 'controller-revision-hash': hash.slice(0, 10), 'pod-template-generation': '1' },
        slots: [...this.nodes],
        reconcileScheduled: false,
      };
    }
    this.managed.set(managed.owner.uid, managed);
    this.register(managed, random);
    this.reconcile(managed);
  }

  /** The objects a GET of the pod's owner chain finds: the ReplicaSet and its Deployment, or the DaemonSet. */
  private register(managed: Managed, random: Random): void {
    const { workload, owner } = managed;
    const createdAt = this.clock.now();
    const spec = { selector: { matchLabels: { ...managed.labels } }, template: { metadata: { labels: { ...managed.labels } }, spec: workload.template.spec } };
    if (workload.kind === 'DaemonSet') {
      this.objects?.register({ owner, namespace: workload.namespace, labels: workload.template.labels, spec, createdAt });
      return;
    }
    const deployment: OwnerReference = { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.deployment, uid: random.fork('deployment').uuid() };
    const { 'pod-template-hash': _hash, ...selector } = managed.labels;
    this.objects?.register({
      owner: deployment,
      namespace: workload.namespace,
      labels: workload.template.labels,
      spec: { replicas: workload.replicas, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: workload.template.spec } },
      createdAt,
    });
    this.objects?.register({ owner, namespace: workload.namespace, controller: deployment, labels: managed.labels, spec: { replicas: workload.replicas, ...spec }, createdAt });
  }

  /** A pod changed or went away: its owner may need a replacement. */
  podChanged(pod: JsonObject): void {
    const uid = ownerUid(pod);
    const managed = uid === undefined ? undefined : this.managed.get(uid);
    if (managed === undefined || managed.reconcileScheduled) return;
    managed.reconcileScheduled = true;
    // The controller notices through its informer a moment later.
    this.timers.after(Math.round(this.random.between(30, 150)), () => {
      managed.reconcileScheduled = false;
      this.reconcile(managed);
    });
  }

  stop(): void {
    this.timers.close();
  }

  private reconcile(managed: Managed): void {
    const active = this.store.list('pods', managed.workload.namespace).filter((pod) => ownerUid(pod) === managed.owner.uid && isActive(pod));
    if (managed.workload.kind === 'ReplicaSet') {
      for (let missing = managed.slots.length - active.length; missing > 0; missing--) this.createPod(managed, undefined);
      return;
    }
    for (const node of managed.slots) {
      if (node !== undefined && !active.some((pod) => pinnedNode(pod) === node.name)) this.createPod(managed, node);
    }
  }

  private createPod(managed: Managed, node: ClusterNode | undefined): void {
    const specOverrides: JsonObject | undefined =
      node === undefined
        ? undefined
        : {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
                },
              },
            },
          };
    const pod = createOwnedPod(this.store, this.behaviours, this.random, {
      namespace: managed.workload.namespace,
      generateName: managed.podPrefix,
      labels: managed.labels,
      owner: managed.owner,
      template: managed.workload.template,
      ...(specOverrides !== undefined ? { specOverrides } : {}),
    });
    if (pod === undefined) return;
    const reference: ObjectReference = { ...managed.owner, namespace: managed.workload.namespace };
    const controller = managed.workload.kind === 'ReplicaSet' ? 'replicaset-controller' : 'daemonset-controller';
    this.events.record({ component: controller }, reference, 'Normal', 'SuccessfulCreate', `Created pod: ${stringField(pod, 'metadata', 'name') ?? ''}`);
  }
}
