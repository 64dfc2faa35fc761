/** RFC 3339 with whole seconds, as Kubernetes serialises metav1.Time ("2026-11-23T09:09:50Z"). */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as Kubernetes serialises metav1.MicroTime (event.eventTime). */
export function formatMicroTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch of a timestamp given as a Date or an RFC 3339 string; undefined if absent or unparsable. */
export function timestampMillis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || value === '') return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : millis;
}
