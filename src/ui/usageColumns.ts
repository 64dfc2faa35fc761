import type { Pod } from '../model/apiObjects.js';
import { joinPrintable, p, spaces, type Printable } from '../model/printable.js';
import { podUsageCells, usageOfPod, type UsageCells, type UsageState } from '../model/usage.js';
import { COLUMN_GAP } from './podTableColumns.js';
import { fitPadded, textWidth } from './text.js';

export type UsageColumnId = 'cpu' | 'memory';

export interface UsageColumn {
  id: UsageColumnId;
  title: Printable;
  width: number;
}

const TITLES: Readonly<Record<UsageColumnId, Printable>> = { cpu: p`CPU`, memory: p`MEM` };

/** `999m 100%/100%` and `9999Mi 100%/100%`: wide enough that the columns do not jump as values move. */
const STEADY_WIDTH: Readonly<Record<UsageColumnId, number>> = { cpu: 14, memory: 15 };
/** `1234m`, `9999Mi`. */
const BARE_WIDTH = 6;

/** The cells of the rows on screen; none while the usage source has nothing (not available, loading). */
export function usageCellsFor(pods: readonly Pod[], state: UsageState): UsageCells[] | undefined {
  if (state.kind !== 'live') return undefined;
  return pods.map((pod) => podUsageCells(pod, usageOfPod(state, pod)));
}

/**
 * CPU and MEM come last and only into the room the other columns leave at their natural widths:
 * they are the first to go when the table narrows (MEM before CPU), and never squeeze STATUS.
 */
export function planUsageColumns(spare: number, cells: readonly UsageCells[]): UsageColumn[] {
  const columns: UsageColumn[] = [];
  let left = spare;
  for (const id of ['cpu', 'memory'] as const) {
    const content = cells.reduce((widest, row) => Math.max(widest, textWidth(row[id])), 0);
    // Percentages shown: the steady width; bare values (nothing requested or limited) need little.
    const width = Math.max(textWidth(TITLES[id]), content > BARE_WIDTH ? STEADY_WIDTH[id] : BARE_WIDTH);
    if (left < COLUMN_GAP + width) break;
    columns.push({ id, title: TITLES[id], width });
    left -= COLUMN_GAP + width;
  }
  return columns;
}

function line(texts: readonly Printable[], columns: readonly UsageColumn[], truncated: Printable): Printable {
  if (columns.length === 0) return p``;
  return joinPrintable(
    columns.map((c, i) => joinPrintable([spaces(COLUMN_GAP), fitPadded(texts[i] ?? p``, c.width, truncated)])),
  );
}

export function usageTitleText(columns: readonly UsageColumn[], truncated: Printable): Printable {
  return line(
    columns.map((c) => c.title),
    columns,
    truncated,
  );
}

export function usageRowText(cells: UsageCells | undefined, columns: readonly UsageColumn[], truncated: Printable): Printable {
  return line(
    columns.map((c) => cells?.[c.id] ?? p``),
    columns,
    truncated,
  );
}
