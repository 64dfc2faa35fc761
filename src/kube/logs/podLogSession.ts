import type { KubeConfig } from '@kubernetes/client-node';
import type { JsonReader } from '../podReads.js';
import { logBatcher } from './logBatcher.js';
import { ContainerLogStream, type LogEvent, type LogWindow } from './logStream.js';

export interface PodLogRequest extends LogWindow {
  namespace: string;
  pod: string;
  /** One container, or several merged by timestamp. */
  containers: readonly string[];
  previous: boolean;
  follow: boolean;
}

export interface PodLogSessionOptions {
  /** How long events gather before one batch is delivered (default 80 ms). */
  batchMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
}

export interface PodLogHandle {
  close(): void;
}

/** What the UI is given instead of a cluster session: it opens log sessions and never sees the API. */
export interface PodLogSource {
  open(request: PodLogRequest, onBatch: (events: LogEvent[]) => void): PodLogHandle;
}

/** One ContainerLogStream per container; their events are merged and handed over in batches (logBatcher). */
export function openPodLogs(
  kubeConfig: KubeConfig,
  reader: JsonReader,
  request: PodLogRequest,
  onBatch: (events: LogEvent[]) => void,
  options: PodLogSessionOptions = {},
): PodLogHandle {
  const batcher = logBatcher(request.containers, options.batchMs ?? 80, onBatch);
  const emit = batcher.emit;
  const streams = request.containers.map(
    (container) =>
      new ContainerLogStream(
        kubeConfig,
        reader,
        { namespace: request.namespace, pod: request.pod, container },
        { previous: request.previous, follow: request.follow && !request.previous, tailLines: request.tailLines, sinceSeconds: request.sinceSeconds, retryMs: options.retryMs, maxRetryMs: options.maxRetryMs },
        emit,
      ),
  );
  return {
    close: () => {
      batcher.close();
      for (const stream of streams) stream.close();
    },
  };
}

/** A PodLogSource over a cluster session's kubeconfig and API client. */
export function podLogSource(session: { kubeConfig: KubeConfig } & JsonReader, options: PodLogSessionOptions = {}): PodLogSource {
  return { open: (request, onBatch) => openPodLogs(session.kubeConfig, session, request, onBatch, options) };
}
