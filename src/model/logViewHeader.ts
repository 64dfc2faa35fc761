import { cleanName, clean, EMPTY, joinPrintable, p, type Printable } from './printable.js';
import { logCountsText, type LogCounts } from './logCounts.js';
import { SINCE_PRESETS } from './logViewSince.js';

/** What the log view's header says, gathered by the view; the header itself is pure. */
export interface LogViewHeaderInput {
  namespace: string;
  pod: string;
  /** The containers followed (one, or all of the pod's). */
  containers: readonly string[];
  previous: boolean;
  /** An index into SINCE_PRESETS, or -1 for the tail. */
  since: number;
  tailLines: number;
  /** Every pod of the controller (`L`), each its default container or all of them. */
  workload?: { all: boolean };
  owner?: { kind: string; name: string };
  members?: { pods: number; streams: number; waiting: number };
  paused: boolean;
  /** Lines that came since the pause. */
  fresh: number;
  /** The one container shown stopped for good. */
  finished?: { exitCode: number };
  ended: boolean;
  follow: boolean;
  filter: string;
  /** Lines the filter lets through (read only when there is a filter). */
  filterShown: () => number;
  search: string;
  timestamps: boolean;
  wrap: boolean;
  counts: LogCounts;
  separator: Printable;
}

export function lineWord(count: number): Printable {
  return count === 1 ? p`line` : p`lines`;
}

/**
 * `ns/pod · container · following · 12,345 lines · tail 100`: what was typed (filter, search) comes
 * before the counts and the toggles, so a narrow header cuts the least useful end.
 */
export function logViewHeader(input: LogViewHeaderInput): Printable {
  const sep = input.separator;
  const members = input.members;
  const waiting = members !== undefined && members.waiting > 0 ? p`, ${members.waiting} streams not followed (cap ${members.streams})` : EMPTY;
  const podCount = members === undefined ? EMPTY : p`${members.pods} ${members.pods === 1 ? p`pod` : p`pods`}${waiting}${input.workload?.all === true ? p`, all containers` : EMPTY}`;
  const target =
    input.workload !== undefined
      ? joinPrintable([p`${cleanName(input.owner?.kind)} ${cleanName(input.owner?.name)}`, ...(podCount === '' ? [] : [podCount])], sep)
      : input.containers.length > 1
        ? p`all containers (${input.containers.length})`
        : cleanName(input.containers[0]);
  const window = input.since >= 0 ? p`since ${clean(SINCE_PRESETS[input.since]?.label)}` : p`tail ${input.tailLines}`;
  const flow = input.paused
    ? p`paused, ${input.fresh} new ${lineWord(input.fresh)}`
    : input.previous
      ? p`previous instance`
      : input.finished !== undefined
        ? p`exited (exit code ${input.finished.exitCode})`
        : input.ended && input.workload === undefined
          ? p`ended`
          : input.follow
            ? p`following`
            : p`scrolled`;
  const filterFlag = input.filter === '' ? EMPTY : p`filter ${clean(input.filter)} (${input.filterShown()} lines)`;
  const typed = [filterFlag, input.search !== '' ? p`/${clean(input.search)}` : EMPTY].filter((f) => f !== '');
  const toggles = [input.timestamps ? p`timestamps` : EMPTY, input.wrap ? p`wrap` : EMPTY].filter((f) => f !== '');
  const where = input.workload !== undefined ? p`${cleanName(input.namespace)}${sep}${target}` : p`${cleanName(input.namespace)}/${cleanName(input.pod)}${sep}${target}`;
  // Every line taken in, and how many of the oldest the bound let go: none disappear unsaid.
  return joinPrintable([where, flow, ...typed, ...logCountsText(input.counts), window, ...toggles], sep);
}
