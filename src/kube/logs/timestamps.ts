/** A line of a `timestamps=true` log: the kubelet's RFC 3339 timestamp, a space, the text. */
export interface TimestampedLine {
  /** As the server wrote it. */
  timestamp: string;
  /** Sorts like the instant it names (UTC, nine fraction digits); '' when the line had none. */
  key: string;
  text: string;
}

const PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

export function splitTimestamp(line: string): TimestampedLine {
  const match = PREFIX.exec(line);
  if (match === null) return { timestamp: '', key: '', text: line };
  const [whole, seconds = '', fraction = '', zone = 'Z'] = match;
  return { timestamp: whole.slice(0, -1), key: timestampKey(seconds, fraction, zone), text: line.slice(whole.length) };
}

function timestampKey(seconds: string, fraction: string, zone: string): string {
  const utcSeconds = zone === 'Z' ? seconds : new Date(Date.parse(`${seconds}${zone}`)).toISOString().slice(0, 19);
  return `${utcSeconds}.${fraction.padEnd(9, '0')}`;
}

/** The RFC 3339 instant of a key, as `sinceTime` takes it. */
export function keyToRfc3339(key: string): string {
  return `${key}Z`;
}
