import type { Pod } from '../model/apiObjects.js';
import { diagnose, type DiagnosisCode } from '../model/diagnosis/diagnose.js';
import { EMPTY, joinPrintable, p, spaces, type Printable } from '../model/printable.js';
import { COLUMN_GAP } from './podTableColumns.js';
import { fitPadded } from './text.js';

/**
 * The pod table's WHY column: one short word per unhealthy pod, from the same diagnosis as the WHY
 * line (without events, which the table does not hold: a failing probe reads `unready`). It is the
 * column of lowest priority: shown only in the width the planned columns leave over.
 */
export const WHY_TITLE = p`WHY`;
export const WHY_COLUMN_WIDTH = 8;

const WORDS: Readonly<Record<DiagnosisCode, Printable>> = {
  terminating: p`deleting`,
  unschedulable: p`no node`,
  schedulingGated: p`gated`,
  notScheduled: p`pending`,
  podFailed: p`failed`,
  initFailing: p`init`,
  initRunning: p`init`,
  initWaiting: p`init`,
  imagePull: p`image`,
  containerConfig: p`config`,
  oomKilled: p`OOM`,
  crashLoop: p`crash`,
  exited: p`exited`,
  probeFailing: p`probe`,
  notReady: p`unready`,
  waiting: p`waiting`,
  restarted: p`restart`,
  unknown: p`?`,
};

// A pod object is replaced, never changed, when the store updates it: its word is computed once.
const words = new WeakMap<Pod, Printable>();

export function whyWord(pod: Pod, now: Date): Printable {
  const known = words.get(pod);
  if (known !== undefined) return known;
  const diagnosis = diagnose({ pod, events: [], now });
  const word = diagnosis === undefined ? EMPTY : WORDS[diagnosis.code];
  words.set(pod, word);
  return word;
}

/** What the WHY column takes from the table: the gap before it and its cells. */
export const WHY_COLUMN_SPACE = COLUMN_GAP + WHY_COLUMN_WIDTH;

/** A table line (already cut to leave WHY_COLUMN_SPACE) with the WHY cell after it. */
export function appendWhyCell(line: Printable, cell: Printable, truncated: Printable): Printable {
  return joinPrintable([line, spaces(COLUMN_GAP), fitPadded(cell, WHY_COLUMN_WIDTH, truncated)]);
}
