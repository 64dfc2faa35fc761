import type { KubeEvent } from '../apiObjects.js';
import { containerFromFieldPath, eventsForPod } from '../eventRows.js';
import { toMillis } from '../time.js';
import type { DiagnosisInput } from './types.js';

/** One event about the pod, raw (for matching; the wording cleans what it quotes). */
export interface PodEvent {
  reason: string;
  message: string;
  warning: boolean;
  /** The container its field path names, if any. */
  container: string | undefined;
  count: number;
  firstMs: number | undefined;
  lastMs: number | undefined;
}

/** How often something was reported, and over which span. */
export interface Occurrences {
  count: number;
  firstMs: number | undefined;
  lastMs: number | undefined;
}

function podEvent(event: KubeEvent): PodEvent {
  const first = toMillis(event.firstTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.metadata?.creationTimestamp);
  const last = event.series ? toMillis(event.series.lastObservedTime) : (toMillis(event.lastTimestamp) ?? first);
  return {
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    warning: event.type === 'Warning',
    container: containerFromFieldPath(event.involvedObject?.fieldPath),
    count: event.series ? (event.series.count ?? 1) : event.count ? event.count : 1,
    firstMs: first,
    lastMs: last ?? first,
  };
}

/** The input's events about its pod (by uid when both carry one), oldest last seen first. */
export function eventsOfPod(input: DiagnosisInput): PodEvent[] {
  const meta = input.pod.metadata;
  const mine = eventsForPod(input.events, meta?.namespace ?? '', meta?.name ?? '', meta?.uid || undefined);
  return mine.map(podEvent).sort((a, b) => (a.lastMs ?? 0) - (b.lastMs ?? 0));
}

export function latestEvent(events: readonly PodEvent[], match: (event: PodEvent) => boolean): PodEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as PodEvent;
    if (match(event)) return event;
  }
  return undefined;
}

/** Every report of the matching events added up: their counts, the first and the last time seen. */
export function occurrences(events: readonly PodEvent[], match: (event: PodEvent) => boolean): Occurrences | undefined {
  let found: Occurrences | undefined;
  for (const event of events) {
    if (!match(event)) continue;
    if (found === undefined) {
      found = { count: event.count, firstMs: event.firstMs, lastMs: event.lastMs };
      continue;
    }
    found.count += event.count;
    found.firstMs = minDefined(found.firstMs, event.firstMs);
    found.lastMs = maxDefined(found.lastMs, event.lastMs);
  }
  return found;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
