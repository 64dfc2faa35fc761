import type { KubeEvent } from '../apiObjects.js';
import { toMillis } from '../time.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** The kubelet's Unhealthy events of one probe of one container, summed up. */
export interface ProbeFailures {
  count: number;
  firstMs?: number;
  lastMs?: number;
  /** The newest event's message, e.g. `Readiness probe failed: HTTP probe failed with statuscode: 503`. */
  message: string;
}

/** kubelet's prober: `%s probe failed: %s` / `%s probe errored: %s`, the probe type capitalised. */
const PROBE_MESSAGE = /^(Liveness|Readiness|Startup) probe (?:failed|errored)/;
/** `spec.containers{web}`, `spec.initContainers{init}`. */
const FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

function lastSeen(event: KubeEvent): number | undefined {
  return toMillis(event.series?.lastObservedTime) ?? toMillis(event.lastTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.metadata?.creationTimestamp);
}

function firstSeen(event: KubeEvent): number | undefined {
  return toMillis(event.firstTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.metadata?.creationTimestamp);
}

/**
 * Probe failures per container and probe kind (`web/readiness`), from a pod's events: each event
 * counts as often as it was seen (count, or series.count), the times span all of them.
 */
export function probeFailures(events: readonly KubeEvent[]): Map<string, ProbeFailures> {
  const result = new Map<string, ProbeFailures>();
  for (const event of events) {
    if (event.reason !== 'Unhealthy') continue;
    const message = event.message ?? '';
    const kind = PROBE_MESSAGE.exec(message)?.[1];
    const container = FIELD_PATH.exec(event.involvedObject?.fieldPath ?? '')?.[1];
    if (kind === undefined || container === undefined) continue;
    const id = `${container}/${kind.toLowerCase()}`;
    const seen = event.series?.count ?? event.count ?? 1;
    const first = firstSeen(event);
    const last = lastSeen(event);
    const known = result.get(id) ?? { count: 0, message };
    known.count += Math.max(1, seen);
    if (first !== undefined && (known.firstMs === undefined || first < known.firstMs)) known.firstMs = first;
    if (last !== undefined && (known.lastMs === undefined || last >= known.lastMs)) {
      known.lastMs = last;
      known.message = message;
    }
    result.set(id, known);
  }
  return result;
}
