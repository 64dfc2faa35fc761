import type { Pod } from '../model/apiObjects.js';
import { diagnose, type DiagnosisCode } from '../model/diagnosis/diagnose.js';
import { EMPTY, joinPrintable, p, spaces, type Printable } from '../model/printable.js';
import { COLUMN_GAP, type PlannedColumn } from './podTableColumns.js';
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

/** Whether the columns planned for `tableWidth` leave room for the WHY column beside them. */
export function fitsWhyColumn(columns: readonly PlannedColumn[], tableWidth: number): boolean {
  const used = columns.reduce((sum, c) => sum + c.width, 0) + Math.max(0, columns.length - 1) * COLUMN_GAP;
  return tableWidth - used >= COLUMN_GAP + WHY_COLUMN_WIDTH;
}

/** A table line cut to leave the WHY column's room, then the cell in it. */
export function withWhyCell(format: (width: number) => Printable, tableWidth: number, cell: Printable, truncated: Printable): Printable {
  return joinPrintable([format(tableWidth - COLUMN_GAP - WHY_COLUMN_WIDTH), spaces(COLUMN_GAP), fitPadded(cell, WHY_COLUMN_WIDTH, truncated)]);
}
