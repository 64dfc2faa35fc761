import type { KubeConfig } from '@kubernetes/client-node';
import type { Pod } from '../../model/apiObjects.js';
import {
  DEFAULT_WORKLOAD_STREAMS,
  planTargets,
  workloadJoinedMarker,
  workloadLeftMarker,
  workloadTargets,
  type WorkloadContainers,
  type WorkloadOwner,
  type WorkloadTarget,
} from '../../model/workloadLog.js';
import type { ResourceStore } from '../resourceStore.js';
import type { JsonReader } from '../podReads.js';
import { logBatcher } from './logBatcher.js';
import { ContainerLogStream, type LogEvent, type LogWindow } from './logStream.js';
import type { PodLogHandle, PodLogSessionOptions } from './podLogSession.js';

export interface WorkloadLogRequest extends LogWindow {
  namespace: string;
  owner: WorkloadOwner;
  containers: WorkloadContainers;
  /** At most this many streams at once (default: stern's 50); the others wait for a place. */
  maxStreams?: number;
}

/** Who is in the workload log now: the pods wanted, the streams running, the streams waiting for a place. */
export interface WorkloadMembers {
  pods: number;
  streams: number;
  waiting: number;
}

/** What the UI is given for the workload log: it opens sessions and never sees the API. */
export interface WorkloadLogSource {
  open(request: WorkloadLogRequest, onBatch: (events: LogEvent[]) => void, onMembers: (members: WorkloadMembers) => void): PodLogHandle;
}

/**
 * The log of every pod of one controller, merged by timestamp, as stern does: the pods come from a
 * live store (a watch, not polling); a pod that appears joins (a marker says so), one that goes away
 * stops its streams and leaves a marker. Each stream is a ContainerLogStream, so a restart resumes
 * where it stopped without repeating a line. Events carry the target's label as their container.
 */
export function openWorkloadLogs(
  kubeConfig: KubeConfig,
  reader: JsonReader,
  pods: ResourceStore<Pod>,
  request: WorkloadLogRequest,
  onBatch: (events: LogEvent[]) => void,
  onMembers: (members: WorkloadMembers) => void,
  options: PodLogSessionOptions = {},
): PodLogHandle {
  const batcher = logBatcher([], options.batchMs ?? 80, onBatch);
  const running = new Map<string, { stream: ContainerLogStream; target: WorkloadTarget }>();
  const maxStreams = request.maxStreams ?? DEFAULT_WORKLOAD_STREAMS;
  let closed = false;
  // Pods there when the store first answered are the workload; only later ones "join".
  let settled = false;

  const start = (target: WorkloadTarget): void => {
    const stream = new ContainerLogStream(
      kubeConfig,
      reader,
      { namespace: request.namespace, pod: target.pod, container: target.container },
      { previous: false, follow: true, tailLines: request.tailLines, sinceSeconds: request.sinceSeconds, retryMs: options.retryMs, maxRetryMs: options.maxRetryMs },
      (event) => batcher.emit({ ...event, container: target.label }),
    );
    running.set(target.key, { stream, target });
  };

  const replan = (): void => {
    if (closed) return;
    const connection = pods.connection().kind;
    const listed = connection !== 'connecting' && connection !== 'listing';
    const wanted = workloadTargets(pods.snapshot(), request.namespace, request.owner.uid, request.containers);
    const plan = planTargets(new Set(running.keys()), wanted, maxStreams);
    const leftPods = new Set<string>();
    for (const key of plan.stop) {
      const entry = running.get(key);
      if (entry === undefined) continue;
      entry.stream.close();
      running.delete(key);
      if (!leftPods.has(entry.target.pod)) batcher.emit({ kind: 'marker', container: entry.target.label, text: workloadLeftMarker(entry.target.pod) });
      leftPods.add(entry.target.pod);
      batcher.forget(entry.target.label);
    }
    const joinedPods = new Set<string>();
    for (const target of plan.start) {
      if (settled && !joinedPods.has(target.pod)) batcher.emit({ kind: 'marker', container: target.label, text: workloadJoinedMarker(target.pod) });
      joinedPods.add(target.pod);
      start(target);
    }
    if (listed) settled = true;
    onMembers({ pods: new Set(wanted.map((target) => target.pod)).size, streams: running.size, waiting: plan.waiting });
  };

  const unsubscribe = pods.subscribe(replan);
  replan();
  return {
    close: () => {
      closed = true;
      unsubscribe();
      batcher.close();
      for (const { stream } of running.values()) stream.close();
      running.clear();
    },
  };
}

/** A WorkloadLogSource over a session; `podStore` leases the namespace's pod store, closed with the log. */
export function workloadLogSource(
  session: { kubeConfig: KubeConfig } & JsonReader,
  podStore: (namespace: string) => ResourceStore<Pod>,
  options: PodLogSessionOptions = {},
): WorkloadLogSource {
  return {
    open: (request, onBatch, onMembers) => {
      const store = podStore(request.namespace);
      const handle = openWorkloadLogs(session.kubeConfig, session, store, request, onBatch, onMembers, options);
      return {
        close: () => {
          handle.close();
          store.close();
        },
      };
    },
  };
}
