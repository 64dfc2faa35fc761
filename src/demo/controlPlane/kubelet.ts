import type { JsonObject } from '../apiTypes.js';
import { Backoff, containerBackoffInitialMs, containerBackoffMaxMs } from './backoff.js';
import { NodeImages } from './imagePuller.js';
import { NodeIpam } from './ipam.js';
import { stringField } from './json.js';
import type { KubeletContext } from './kubeletContext.js';
import type { ClusterNode } from './nodes.js';
import { PodWorker } from './podWorker.js';
import type { Registry } from './registry.js';
import { kubeletSummary, type PodUsageView } from './kubeletSummary.js';

export type KubeletShared = Omit<KubeletContext, 'node' | 'images' | 'ipam' | 'containerBackoff' | 'imageBackoff'> & { registry: Registry };

/** Images every node has before anything is pulled: the recorded cluster's and the kube-system ones. */
export const preloadedImages = [
  'busybox:latest',
  'registry.k8s.io/pause:3.7',
  'registry.k8s.io/coredns/coredns:v1.8.6',
  'registry.k8s.io/kube-proxy:v1.24.17',
  'registry.k8s.io/metrics-server/metrics-server:v0.6.4',
];

/** One node's kubelet: a pod worker for every pod bound to the node. */
export class Kubelet {
  private readonly workers = new Map<string, PodWorker>();
  private readonly incarnations = new Map<string, number>();
  private readonly context: KubeletContext;
  /** When the node booted: a few hours before the simulation began. */
  private readonly bootMs: number;

  constructor(readonly node: ClusterNode, shared: KubeletShared) {
    const random = shared.random.fork(`kubelet/${node.name}`);
    const now = (): number => shared.clock.now();
    this.bootMs = now() - 3 * 3600_000;
    this.context = {
      ...shared,
      node,
      random,
      images: new NodeImages(shared.clock, shared.registry, random.fork('images'), preloadedImages),
      ipam: new NodeIpam(node),
      containerBackoff: new Backoff(now, containerBackoffInitialMs, containerBackoffMaxMs),
      imageBackoff: new Backoff(now, containerBackoffInitialMs, containerBackoffMaxMs),
    };
  }

  /** A pod bound to this node was added or changed. */
  podChanged(pod: JsonObject): void {
    const uid = stringField(pod, 'metadata', 'uid') ?? '';
    const existing = this.workers.get(uid);
    if (existing !== undefined) {
      existing.update(pod);
      return;
    }
    const phase = stringField(pod, 'status', 'phase');
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const name = `${stringField(pod, 'metadata', 'namespace') ?? ''}/${stringField(pod, 'metadata', 'name') ?? ''}`;
    const incarnation = this.incarnations.get(name) ?? 0;
    this.incarnations.set(name, incarnation + 1);
    const worker = new PodWorker(pod, this.context, (gone) => this.workers.delete(gone.uid), incarnation);
    this.workers.set(uid, worker);
    worker.start();
  }

  podRemoved(uid: string): void {
    this.workers.get(uid)?.removed();
  }

  exitContainer(uid: string, container: string, exitCode: number): boolean {
    return this.workers.get(uid)?.exitContainer(container, exitCode) ?? false;
  }

  /** Every pod's running containers' usage now, as cAdvisor would measure them. */
  podUsage(nowMs: number = this.context.clock.now()): PodUsageView[] {
    return [...this.workers.values()].flatMap((worker) => worker.usage(nowMs) ?? []);
  }

  /** `GET /stats/summary`. */
  summary(nowMs: number = this.context.clock.now()): JsonObject {
    return kubeletSummary(this.node, this.podUsage(nowMs), nowMs, this.bootMs);
  }

  stop(): void {
    for (const worker of this.workers.values()) worker.stop();
    this.workers.clear();
    this.context.images.stop();
  }
}
