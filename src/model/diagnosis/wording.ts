import { humanDuration } from '../duration.js';
import { clean, cleanLogLine, EMPTY, joinPrintable, p, type Printable } from '../printable.js';
import { toMillis } from '../time.js';
import type { Occurrences, PodEvent } from './podEvents.js';
import type { DiagnosisInput, LogTail } from './types.js';

/** How many of a log's last lines a line quotes. */
export const QUOTED_LOG_LINES = 3;

/** The words every rule builds its line with, for one input (its clock and character set). */
export interface Wording {
  nowMs: number;
  /** `×`, or `x` in ASCII. */
  times: Printable;
  /** `58s ago`. */
  ago(ms: number | undefined): Printable | undefined;
  /** `4×`. */
  count(n: number): Printable;
  /** `12× in 6m, last 4s ago` for events reported more than once, `once, 4s ago` otherwise. */
  occurrences(seen: Occurrences): Printable;
}

/**
 * The time the line is computed at: the caller's clock, unless the pod or its events carry a later
 * time. Then the cluster's clock is ahead of ours and its own latest time is the better "now"
 * (lines would otherwise say `<invalid> ago`).
 */
function nowFor(input: DiagnosisInput, events: readonly PodEvent[]): number {
  let now = input.now.getTime();
  const later = (value: Date | string | undefined | null): void => {
    const ms = toMillis(value);
    if (ms !== undefined && ms > now) now = ms;
  };
  const status = input.pod.status;
  for (const c of status?.conditions ?? []) later(c.lastTransitionTime);
  for (const s of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) {
    later(s.state?.running?.startedAt);
    later(s.state?.terminated?.finishedAt);
    later(s.lastState?.terminated?.finishedAt);
  }
  for (const e of events) if (e.lastMs !== undefined && e.lastMs > now) now = e.lastMs;
  return now;
}

export function wordingFor(input: DiagnosisInput, events: readonly PodEvent[]): Wording {
  const nowMs = nowFor(input, events);
  const times = input.ascii === true ? p`x` : p`×`;
  const ago = (ms: number | undefined): Printable | undefined => (ms === undefined ? undefined : p`${humanDuration(nowMs - ms)} ago`);
  const count = (n: number): Printable => p`${n}${times}`;
  return {
    nowMs,
    times,
    ago,
    count,
    occurrences: (seen) => {
      const last = ago(seen.lastMs);
      if (seen.count <= 1) return last === undefined ? p`once` : p`once, ${last}`;
      const span = seen.firstMs !== undefined && seen.lastMs !== undefined ? p` in ${humanDuration(seen.lastMs - seen.firstMs)}` : EMPTY;
      return last === undefined ? p`${count(seen.count)}${span}` : p`${count(seen.count)}${span}, last ${last}`;
    },
  };
}

/** `a, b, c`, each cleaned. */
export function listText(items: readonly string[]): Printable {
  return joinPrintable(
    items.map((item) => clean(item)),
    p`, `,
  );
}

/** `, last lines of the previous log: a | b` when the input holds that container's log, else nothing. */
export function logQuote(tail: LogTail | undefined, container: string, previous: boolean): Printable {
  if (tail === undefined || tail.container !== container || tail.previous !== previous) return EMPTY;
  const lines = tail.lines
    .map((line) => clean(cleanLogLine(line).trim()))
    .filter((line) => line !== '')
    .slice(-QUOTED_LOG_LINES);
  const which = previous ? p`the previous log` : p`its log`;
  if (lines.length === 0) return p`, ${which} is empty`;
  return p`, last lines of ${which}: ${joinPrintable(lines, p` | `)}`;
}

/** A runtime's error without the gRPC wrapping that says nothing to a reader: `rpc error: code = Unknown desc = `. */
export function runtimeReason(message: string): string {
  return message.replace(/^rpc error: code = \w+ desc = /, '');
}
