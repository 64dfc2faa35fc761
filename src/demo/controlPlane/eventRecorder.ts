import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Clock, ClockTimer } from '../clock.js';
import type { Random } from './random.js';
import { rfc3339, rfc3339Micro } from './time.js';

/**
 * core/v1 Events written the two ways real components write them:
 * - `record` like the kubelet and controller-manager (client-go tools/record): identical events are
 *   aggregated into one object whose count grows and lastTimestamp moves;
 * - `recordSeries` like kube-scheduler (events.k8s.io/v1): no count or timestamps but an eventTime, and
 *   a repeated event becomes a `series` that is written when it starts, refreshed every 30 min and
 *   closed after 6 min of silence.
 * Events disappear `ttlMs` after their last write, as the API server's event TTL (1 h) does.
 */
export interface ObjectReference {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface SeriesEvent {
  type: EventType;
  reason: string;
  action: string;
  message: string;
  reportingController: string;
  reportingInstance: string;
}

export const defaultEventTtlMs = 60 * 60 * 1000;
const seriesFinishMs = 6 * 60 * 1000;
const seriesRefreshMs = 30 * 60 * 1000;

interface Aggregate {
  name: string;
  namespace: string;
}

interface Series {
  name: string;
  namespace: string;
  count: number;
  lastObserved: number;
  timer: ClockTimer | undefined;
  refresh: ClockTimer | undefined;
}

function referenceJson(ref: ObjectReference): JsonObject {
  const json: JsonObject = { kind: ref.kind, namespace: ref.namespace, name: ref.name, uid: ref.uid, apiVersion: ref.apiVersion };
  if (ref.resourceVersion !== undefined) json['resourceVersion'] = ref.resourceVersion;
  if (ref.fieldPath !== undefined) json['fieldPath'] = ref.fieldPath;
  return json;
}

function referenceKey(ref: ObjectReference): string {
  return [ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, ref.fieldPath ?? ''].join('\u0000');
}

export class EventRecorder {
  private readonly aggregates = new Map<string, Aggregate>();
  /** namespace/name of an aggregated event → its key in `aggregates`. */
  private readonly aggregateKeys = new Map<string, string>();
  private readonly series = new Map<string, Series>();
  private readonly expiries = new Map<string, ClockTimer>();
  private lastNanos = 0n;
  private stopped = false;

  constructor(
    private readonly store: ObjectStoreApi,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly ttlMs = defaultEventTtlMs,
  ) {}

  /** An event as the kubelet or a controller reports it, aggregated with identical earlier ones. */
  record(source: EventSource, ref: ObjectReference, type: EventType, reason: string, message: string): void {
    if (this.stopped) return;
    const key = [source.component, source.host ?? '', referenceKey(ref), type, reason, message].join('\u0001');
    const now = this.clock.now();
    const existing = this.aggregates.get(key);
    if (existing !== undefined) {
      const updated = this.store.update({ resource: 'events', namespace: existing.namespace, name: existing.name }, (event) => {
        event['count'] = (typeof event['count'] === 'number' ? event['count'] : 1) + 1;
        event['lastTimestamp'] = rfc3339(now);
      });
      if (updated !== undefined) {
        this.scheduleExpiry(existing.namespace, existing.name);
        return;
      }
      this.forgetEvent(existing.namespace, existing.name);
    }
    const name = this.eventName(ref.name, now);
    const sourceJson: JsonObject = { component: source.component };
    if (source.host !== undefined) sourceJson['host'] = source.host;
    this.store.create('events', {
      metadata: { name, namespace: ref.namespace },
      involvedObject: referenceJson(ref),
      reason,
      message,
      source: sourceJson,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
    this.aggregates.set(key, { name, namespace: ref.namespace });
    this.aggregateKeys.set(`${ref.namespace}/${name}`, key);
    this.scheduleExpiry(ref.namespace, name);
  }

  /** An event as kube-scheduler reports it through events.k8s.io/v1. */
  recordSeries(ref: ObjectReference, event: SeriesEvent): void {
    if (this.stopped) return;
    const key = [referenceKey(ref), event.type, event.reason, event.action, event.message, event.reportingController].join('\u0001');
    const now = this.clock.now();
    const existing = this.series.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      existing.lastObserved = now;
      // The second occurrence starts the series on the server; later ones are only counted until a refresh.
      if (existing.count === 2) {
        this.writeSeries(existing);
        existing.refresh = this.clock.setTimeout(() => this.refreshSeries(key), seriesRefreshMs);
      }
      return;
    }
    const name = this.eventName(ref.name, now);
    this.store.create('events', {
      metadata: { name, namespace: ref.namespace },
      involvedObject: referenceJson(ref),
      reason: event.reason,
      message: event.message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: event.type,
      eventTime: rfc3339Micro(now, this.random.int(1000)),
      action: event.action,
      reportingComponent: event.reportingController,
      reportingInstance: event.reportingInstance,
    });
    const entry: Series = { name, namespace: ref.namespace, count: 1, lastObserved: now, timer: undefined, refresh: undefined };
    this.series.set(key, entry);
    this.scheduleFinish(key, entry);
    this.scheduleExpiry(ref.namespace, name);
  }

  /** An event object went away (expired or deleted through the API): stop aggregating into it. */
  forgetEvent(namespace: string, name: string): void {
    const id = `${namespace}/${name}`;
    const aggregateKey = this.aggregateKeys.get(id);
    if (aggregateKey !== undefined) {
      this.aggregates.delete(aggregateKey);
      this.aggregateKeys.delete(id);
    }
    for (const [key, entry] of this.series) {
      if (entry.namespace !== namespace || entry.name !== name) continue;
      this.dropSeries(key, entry);
    }
    const expiry = this.expiries.get(`${namespace}/${name}`);
    if (expiry !== undefined) this.clock.clearTimeout(expiry);
    this.expiries.delete(`${namespace}/${name}`);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.expiries.values()) this.clock.clearTimeout(timer);
    this.expiries.clear();
    for (const [key, entry] of this.series) this.dropSeries(key, entry);
    this.aggregates.clear();
    this.aggregateKeys.clear();
  }

  /** "<object>.<hex of the time in ns>", the name client-go gives events; strictly increasing here. */
  private eventName(objectName: string, now: number): string {
    let nanos = BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.random.int(1_000_000));
    if (nanos <= this.lastNanos) nanos = this.lastNanos + BigInt(1 + this.random.int(5000));
    this.lastNanos = nanos;
    return `${objectName}.${nanos.toString(16)}`;
  }

  private writeSeries(entry: Series): void {
    const updated = this.store.update({ resource: 'events', namespace: entry.namespace, name: entry.name }, (event) => {
      event['series'] = { count: entry.count, lastObservedTime: rfc3339Micro(entry.lastObserved, this.random.int(1000)) };
    });
    if (updated !== undefined) this.scheduleExpiry(entry.namespace, entry.name);
  }

  private scheduleFinish(key: string, entry: Series): void {
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = undefined;
      const quietFor = this.clock.now() - entry.lastObserved;
      if (quietFor < seriesFinishMs) {
        this.scheduleFinish(key, entry);
        return;
      }
      if (entry.count > 1) this.writeSeries(entry);
      this.dropSeries(key, entry);
    }, Math.max(1, entry.lastObserved + seriesFinishMs - this.clock.now()));
  }

  private refreshSeries(key: string): void {
    const entry = this.series.get(key);
    if (entry === undefined) return;
    this.writeSeries(entry);
    entry.refresh = this.clock.setTimeout(() => this.refreshSeries(key), seriesRefreshMs);
  }

  private dropSeries(key: string, entry: Series): void {
    if (entry.timer !== undefined) this.clock.clearTimeout(entry.timer);
    if (entry.refresh !== undefined) this.clock.clearTimeout(entry.refresh);
    this.series.delete(key);
  }

  private scheduleExpiry(namespace: string, name: string): void {
    const id = `${namespace}/${name}`;
    const previous = this.expiries.get(id);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    this.expiries.set(
      id,
      this.clock.setTimeout(() => {
        this.expiries.delete(id);
        this.store.remove({ resource: 'events', namespace, name });
        this.forgetEvent(namespace, name);
      }, this.ttlMs),
    );
  }
}
