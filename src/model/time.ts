/**
 * Timestamps reach the model in two shapes: client-node's typed responses carry `Date`,
 * raw JSON (watch streams, fixtures, the demo server) carries RFC 3339 strings.
 * Everything in the model goes through this one conversion.
 */
export type Timestamp = Date | string;

/** Milliseconds since the epoch, or undefined when the value is absent or unparsable. */
export function toMillis(value: Date | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
