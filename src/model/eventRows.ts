import type { CoreV1Event } from '@kubernetes/client-node';
import { humanDuration } from './duration.js';
import { clean, cleanName, EMPTY, joinPrintable, p, type Printable } from './printable.js';
import { toMillis } from './time.js';

/**
 * One event as `kubectl get events -o wide` prints it, plus the raw values behind the cells. The
 * Printable fields are for display (cleaned, see model/printable); the string ones are as the server
 * sent them, for matching and ordering only.
 */
export interface EventRow {
  /** Unique and stable: the event's uid, else namespace/name. */
  key: string;
  namespace: string;
  name: string;
  /** LAST SEEN, e.g. `93s`; `<unknown>` when the event carries no time at all. */
  lastSeen: Printable;
  firstSeen: Printable;
  /** The instant behind `lastSeen` (falling back to creationTimestamp), used for ordering. */
  lastSeenMs: number | undefined;
  type: Printable;
  reason: Printable;
  /** `pod/crashy` (kind lower-cased), or just the kind when the object has no name. */
  object: Printable;
  /** involvedObject.fieldPath, e.g. `spec.containers{web}`. */
  subobject: Printable;
  /** The container named by the field path, if any (raw: for matching). */
  container: string | undefined;
  /** `kubelet, vm` */
  source: Printable;
  /** Trimmed, every control shown as a placeholder. */
  message: Printable;
  count: number;
  warning: boolean;
  /** The event's resourceVersion as a number: the order the API server stored it in (NaN if absent). */
  sequence: number;
  involvedObject: { kind: string; namespace: string; name: string; uid: string | undefined };
}

const CONTAINER_FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

/** The container an event is about, from a field path like `spec.containers{web}`. */
export function containerFromFieldPath(fieldPath: string | undefined): string | undefined {
  return fieldPath ? CONTAINER_FIELD_PATH.exec(fieldPath)?.[1] : undefined;
}

/** What an event row says that does not change with the clock: computed (and cleaned) once per object. */
export type EventFacts = Omit<EventRow, 'lastSeen' | 'firstSeen'> & { firstSeenMs: number | undefined; lastSeenAt: number | undefined };

/**
 * Rows for the events pane, oldest first by the time each was last seen. `factsOf` may be a memo
 * of eventFacts over the store's objects, so a clock tick cleans nothing again.
 */
export function eventRows(events: readonly CoreV1Event[], now: Date, factsOf: (event: CoreV1Event) => EventFacts = eventFacts): EventRow[] {
  return events.map((e) => eventRowAt(factsOf(e), now)).sort(byLastSeen);
}

export function eventRow(event: CoreV1Event, now: Date): EventRow {
  return eventRowAt(eventFacts(event), now);
}

/** The row at `now`: the facts plus LAST SEEN and FIRST SEEN. */
export function eventRowAt(facts: EventFacts, now: Date): EventRow {
  const since = (ms: number | undefined): Printable => (ms === undefined ? p`<unknown>` : humanDuration(now.getTime() - ms));
  const { firstSeenMs, lastSeenAt, ...row } = facts;
  return { ...row, lastSeen: since(lastSeenAt), firstSeen: since(firstSeenMs) };
}

export function eventFacts(event: CoreV1Event): EventFacts {
  const times = eventTimes(event);
  const involved = event.involvedObject ?? {};
  const kind = involved.kind ?? '';
  const namespace = event.metadata?.namespace ?? involved.namespace ?? '';
  const name = event.metadata?.name ?? '';
  const count = event.series ? (event.series.count ?? 0) : event.count ? event.count : 1;
  return {
    key: event.metadata?.uid ?? `${namespace}/${name}`,
    namespace,
    name,
    firstSeenMs: times.first,
    lastSeenAt: times.last,
    lastSeenMs: times.last ?? toMillis(event.metadata?.creationTimestamp),
    type: cleanName(event.type),
    reason: cleanName(event.reason),
    object: involved.name ? p`${cleanName(kind.toLowerCase())}/${cleanName(involved.name)}` : cleanName(kind.toLowerCase()),
    subobject: cleanName(involved.fieldPath),
    container: containerFromFieldPath(involved.fieldPath),
    source: eventSource(event),
    message: clean((event.message ?? '').trim()),
    count,
    warning: event.type === 'Warning',
    sequence: Number(event.metadata?.resourceVersion ?? NaN),
    involvedObject: { kind, namespace: involved.namespace ?? namespace, name: involved.name ?? '', uid: involved.uid },
  };
}

/**
 * The printer's choice of times: first seen is firstTimestamp, else eventTime (new-style events);
 * last seen is the series' last observation, else lastTimestamp, else first seen.
 */
function eventTimes(event: CoreV1Event): { first: number | undefined; last: number | undefined } {
  const first = toMillis(event.firstTimestamp) ?? toMillis(event.eventTime);
  if (event.series) return { first, last: toMillis(event.series.lastObservedTime) };
  return { first, last: toMillis(event.lastTimestamp) ?? first };
}

function eventSource(event: CoreV1Event): Printable {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  if (component === '') return EMPTY;
  return instance === '' ? cleanName(component) : joinPrintable([cleanName(component), cleanName(instance)], p`, `);
}

/**
 * Old-style events carry whole seconds, new-style ones microseconds: within one second the finer
 * time says nothing about which came first, the order the server stored them in does.
 */
function byLastSeen(a: EventRow, b: EventRow): number {
  const at = a.lastSeenMs === undefined ? Number.NEGATIVE_INFINITY : Math.floor(a.lastSeenMs / 1000);
  const bt = b.lastSeenMs === undefined ? Number.NEGATIVE_INFINITY : Math.floor(b.lastSeenMs / 1000);
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.sequence !== b.sequence && !Number.isNaN(a.sequence) && !Number.isNaN(b.sequence)) return a.sequence - b.sequence;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The events about one pod. With a uid, events of an earlier pod that had the same name are
 * left out (events that carry no uid are kept).
 */
export function eventsForPod(events: readonly CoreV1Event[], namespace: string, podName: string, uid?: string): CoreV1Event[] {
  return events.filter((e) => {
    const o = e.involvedObject;
    if (!o || o.kind !== 'Pod' || o.name !== podName) return false;
    if ((o.namespace ?? e.metadata?.namespace) !== namespace) return false;
    return uid === undefined || !o.uid || o.uid === uid;
  });
}
