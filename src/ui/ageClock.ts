import type { ContainerStatus, Pod } from '../model/apiObjects.js';
import { toMillis } from '../model/time.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How often kubectl's HumanDuration text (model/duration.ts) of an age can change: every second
 * below 10 minutes ("6m21s"), every minute below 8 hours ("45m", "3h5m"), every hour below 8 days,
 * then every day.
 */
export function ageResolutionMs(ageMs: number): number {
  if (ageMs < 10 * MINUTE) return SECOND;
  if (ageMs < 8 * HOUR) return MINUTE;
  if (ageMs < 8 * DAY) return HOUR;
  return DAY;
}

/** The first instant after `nowMs` at which the age of something that happened at `sinceMs` reads differently. */
export function nextAgeChangeMs(sinceMs: number, nowMs: number): number {
  const ageMs = nowMs - sinceMs;
  // Up to two seconds in the future reads "0s" (clock skew); count from the moment the age turns 1s.
  if (ageMs < 0) return sinceMs + SECOND;
  const resolution = ageResolutionMs(ageMs);
  return sinceMs + (Math.floor(ageMs / resolution) + 1) * resolution;
}

function lastTerminations(statuses: readonly ContainerStatus[] | undefined): number[] {
  const times: number[] = [];
  for (const status of statuses ?? []) {
    const ms = toMillis(status.lastState?.terminated?.finishedAt);
    if (ms !== undefined) times.push(ms);
  }
  return times;
}

/**
 * The moments whose age a pod row prints: its creation (AGE) and its containers' last
 * terminations (RESTARTS "3 (93s ago)"). Extra moments only cost an idle redraw.
 */
export function ageAnchorsOf(pod: Pod): number[] {
  const created = toMillis(pod.metadata?.creationTimestamp);
  return [
    ...(created === undefined ? [] : [created]),
    ...lastTerminations(pod.status?.containerStatuses),
    ...lastTerminations(pod.status?.initContainerStatuses),
  ];
}

/** The moments whose age the container tree prints: the pod's, plus start times and condition transitions. */
export function treeAnchorsOf(pod: Pod): number[] {
  const times: number[] = ageAnchorsOf(pod);
  const add = (value: Date | string | undefined | null): void => {
    const ms = toMillis(value);
    if (ms !== undefined) times.push(ms);
  };
  add(pod.status?.startTime);
  for (const c of pod.status?.conditions ?? []) add(c.lastTransitionTime);
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  for (const s of statuses) {
    add(s.state?.running?.startedAt);
    add(s.state?.terminated?.finishedAt);
  }
  return times;
}
