/** A line of a `timestamps=true` log: the kubelet's RFC 3339 timestamp, a space, the text. */
export interface TimestampedLine {
  /** As the server wrote it. */
  timestamp: string;
  /** Sorts like the instant it names (UTC, nine fraction digits); '' when the line had none. */
  key: string;
  text: string;
}

const PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `YYYY-MM-DDTHH:MM:SS` at the start of `line`, checked one character at a time (unrolled: every line of a firehose passes here). */
function startsWithSeconds(line: string): boolean {
  return (
    isDigit(line.charCodeAt(0)) && isDigit(line.charCodeAt(1)) && isDigit(line.charCodeAt(2)) && isDigit(line.charCodeAt(3)) &&
    line.charCodeAt(4) === 45 && isDigit(line.charCodeAt(5)) && isDigit(line.charCodeAt(6)) &&
    line.charCodeAt(7) === 45 && isDigit(line.charCodeAt(8)) && isDigit(line.charCodeAt(9)) &&
    line.charCodeAt(10) === 84 && isDigit(line.charCodeAt(11)) && isDigit(line.charCodeAt(12)) &&
    line.charCodeAt(13) === 58 && isDigit(line.charCodeAt(14)) && isDigit(line.charCodeAt(15)) &&
    line.charCodeAt(16) === 58 && isDigit(line.charCodeAt(17)) && isDigit(line.charCodeAt(18))
  );
}

/** The kubelet's own form (UTC, `Z`), read without a regex: every line of a firehose has one. */
function splitUtc(line: string): TimestampedLine | undefined {
  if (line.length < 21 || !startsWithSeconds(line)) return undefined;
  let end = 19;
  if (line.charCodeAt(end) === 46) {
    end++;
    while (end < line.length && end < 29 && isDigit(line.charCodeAt(end))) end++;
    if (end === 20) return undefined;
  }
  if (line.charCodeAt(end) !== 90 || line.charCodeAt(end + 1) !== 32) return undefined;
  // Nine fraction digits are the key already; fewer (Go trims trailing zeros) are padded.
  const key = end === 29 ? line.slice(0, 29) : `${line.slice(0, 19)}.${line.slice(20, end).padEnd(9, '0')}`;
  return { timestamp: line.slice(0, end + 1), key, text: line.slice(end + 2) };
}

export function splitTimestamp(line: string): TimestampedLine {
  const utc = splitUtc(line);
  if (utc !== undefined) return utc;
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
