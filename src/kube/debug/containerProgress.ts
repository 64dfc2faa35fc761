import type { ContainerStatus, KubeEvent, Pod } from '../../model/apiObjects.js';

export type ContainerPhase = 'waiting' | 'running' | 'terminated' | 'failed';

export interface ContainerEventLine {
  /** Pulling, Pulled, Created, Started, Failed, BackOff… */
  reason: string;
  message: string;
  /** Normal | Warning */
  type: string;
  count: number;
  /** RFC 3339, or undefined when the event carries no time. */
  time?: string;
}

/** One snapshot for a live "starting debug container" panel. */
export interface ContainerProgress {
  container: string;
  phase: ContainerPhase;
  /** The kubelet's reason (ContainerCreating, ErrImagePull, Completed…) or our own (Pending when no status exists yet). */
  reason?: string;
  message?: string;
  exitCode?: number;
  /** The container's recent events, oldest first (at most MAX_EVENTS). */
  events: ContainerEventLine[];
}

export const MAX_EVENTS = 10;

/** Waiting reasons after which the container will not start without a change (kubectl's attach gives up on them too). */
export const HOPELESS_WAITING_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

export function containerStatus(pod: Pod | undefined, container: string): ContainerStatus | undefined {
  const status = pod?.status;
  for (const list of [status?.ephemeralContainerStatuses, status?.containerStatuses, status?.initContainerStatuses]) {
    const found = list?.find((s) => s.name === container);
    if (found) return found;
  }
  return undefined;
}

function timeOf(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Events whose fieldPath names this container (`spec.ephemeralContainers{debugger-x}`, `spec.containers{web}`…). */
export function containerEvents(events: readonly KubeEvent[], container: string): ContainerEventLine[] {
  const suffix = `{${container}}`;
  return events
    .filter((event) => event.involvedObject.fieldPath?.endsWith(suffix) === true)
    .map((event) => ({
      reason: event.reason ?? '',
      message: event.message ?? '',
      type: event.type ?? 'Normal',
      count: event.count ?? 1,
      time: timeOf(event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp),
    }))
    .sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''))
    .slice(-MAX_EVENTS);
}

export function containerProgress(pod: Pod | undefined, events: readonly KubeEvent[], container: string): ContainerProgress {
  const lines = containerEvents(events, container);
  const state = containerStatus(pod, container)?.state;
  if (state?.running) return { container, phase: 'running', events: lines };
  if (state?.terminated) {
    const t = state.terminated;
    return { container, phase: 'terminated', reason: t.reason, message: t.message, exitCode: t.exitCode, events: lines };
  }
  if (state?.waiting) {
    const w = state.waiting;
    const phase: ContainerPhase = HOPELESS_WAITING_REASONS.has(w.reason ?? '') ? 'failed' : 'waiting';
    return { container, phase, reason: w.reason, message: w.message, events: lines };
  }
  return { container, phase: 'waiting', reason: 'Pending', message: 'waiting for the kubelet to start the container', events: lines };
}
