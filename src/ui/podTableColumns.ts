import type { PodColumns } from '../model/podColumns.js';
import { joinPrintable, p, spaces, type Printable } from '../model/printable.js';
import { fitPadded, textWidth } from './text.js';

/** The printed cells of one pod the table can show, as model/podColumns makes them. */
export type PodCells = Pick<PodColumns, 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'ip' | 'node'>;

export type ColumnId = keyof PodCells;

export interface PlannedColumn {
  id: ColumnId;
  title: Printable;
  width: number;
}

const TITLES: Readonly<Record<ColumnId, Printable>> = {
  namespace: p`NAMESPACE`,
  name: p`NAME`,
  ready: p`READY`,
  status: p`STATUS`,
  restarts: p`RESTARTS`,
  age: p`AGE`,
  ip: p`IP`,
  node: p`NODE`,
};

/** Spaces between columns. */
export const COLUMN_GAP = 2;

/** Widths below which a column is not shrunk, chosen so a 60-column terminal still holds them all. */
const MIN_WIDTH: Readonly<Record<ColumnId, number>> = {
  namespace: 6,
  name: 10,
  ready: 5,
  status: 8,
  restarts: 8,
  age: 5,
  ip: 7,
  node: 4,
};

/**
 * Shrink order when the natural widths do not fit: first shorten NAME and NAMESPACE to a still
 * comfortable width, then STATUS and RESTARTS, then everything to its minimum.
 */
const SHRINK_STEPS: ReadonlyArray<readonly [ColumnId, number]> = [
  ['name', 24],
  ['namespace', 12],
  ['status', 14],
  ['restarts', 12],
  ['name', MIN_WIDTH.name],
  ['namespace', MIN_WIDTH.namespace],
  ['status', MIN_WIDTH.status],
  ['restarts', MIN_WIDTH.restarts],
  ['ready', MIN_WIDTH.ready],
  ['age', MIN_WIDTH.age],
];

/** The widest cell of each column. */
export type ContentWidths = Record<ColumnId, number>;

function contentWidths(rows: readonly PodCells[]): ContentWidths {
  const widths: ContentWidths = { namespace: 0, name: 0, ready: 0, status: 0, restarts: 0, age: 0, ip: 0, node: 0 };
  for (const row of rows) for (const id of Object.keys(widths) as ColumnId[]) widths[id] = Math.max(widths[id], textWidth(row[id]));
  return widths;
}

function naturalWidth(id: ColumnId, content: ContentWidths): number {
  return Math.max(textWidth(TITLES[id]), MIN_WIDTH[id], content[id]);
}

function totalWidth(columns: readonly PlannedColumn[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0) + Math.max(0, columns.length - 1) * COLUMN_GAP;
}

/**
 * Column widths for a table `width` columns wide: NAME, READY, STATUS, RESTARTS, AGE always (NAMESPACE
 * first across all namespaces), then IP and NODE when they fit at full width. Widths come from the
 * content of all rows so they do not change while scrolling; the total never exceeds `width`.
 */
export function planColumns(width: number, rows: readonly PodCells[], allNamespaces: boolean, reserved = 0): PlannedColumn[] {
  return planColumnsFromWidths(width, contentWidths(rows), allNamespaces, reserved);
}

/** The same from the widest cell of each column (kept as a running maximum by the pod list). */
export function planColumnsFromWidths(width: number, rows: ContentWidths, allNamespaces: boolean, reserved = 0): PlannedColumn[] {
  if (reserved > 0) return planWithReserve(width, rows, allNamespaces, reserved);
  const required: ColumnId[] = [...(allNamespaces ? (['namespace'] as const) : []), 'name', 'ready', 'status', 'restarts', 'age'];
  const columns: PlannedColumn[] = required.map((id) => ({ id, title: TITLES[id], width: naturalWidth(id, rows) }));

  for (const optional of ['ip', 'node'] as const) {
    const candidate = [...columns, { id: optional, title: TITLES[optional], width: naturalWidth(optional, rows) }];
    if (totalWidth(candidate) > width) break;
    columns.push({ id: optional, title: TITLES[optional], width: naturalWidth(optional, rows) });
  }

  for (const [id, floor] of SHRINK_STEPS) {
    const overflow = totalWidth(columns) - width;
    if (overflow <= 0) break;
    const column = columns.find((c) => c.id === id);
    if (column === undefined || column.width <= floor) continue;
    column.width = Math.max(floor, column.width - overflow);
  }
  return columns;
}

/**
 * Columns for a table that gives `reserved` of its `width` columns to something else (the health
 * marker): they come out of the slack, then out of NAME (whose end is the least read), so STATUS,
 * the reason a pod is unhealthy, keeps the width it has without them.
 */
function planWithReserve(width: number, rows: ContentWidths, allNamespaces: boolean, reserved: number): PlannedColumn[] {
  const columns = planColumnsFromWidths(width, rows, allNamespaces);
  let missing = totalWidth(columns) - (width - reserved);
  const name = columns.find((c) => c.id === 'name');
  if (missing > 0 && name !== undefined) {
    const taken = Math.min(missing, name.width - MIN_WIDTH.name);
    name.width -= taken;
    missing -= taken;
  }
  return missing > 0 ? planColumnsFromWidths(width - reserved, rows, allNamespaces) : columns;
}

/** One table line exactly `width` columns wide (padded so a highlight spans the whole row). */
function formatLine(cells: readonly Printable[], columns: readonly PlannedColumn[], width: number, truncated: Printable): Printable {
  const line = joinPrintable(
    columns.map((c, i) => fitPadded(cells[i] ?? p``, c.width, truncated)),
    spaces(COLUMN_GAP),
  );
  return fitPadded(line, width, truncated);
}

export function formatTitleLine(columns: readonly PlannedColumn[], width: number, truncated: Printable): Printable {
  return formatLine(
    columns.map((c) => c.title),
    columns,
    width,
    truncated,
  );
}

export function formatPodLine(cells: PodCells, columns: readonly PlannedColumn[], width: number, truncated: Printable): Printable {
  return formatLine(
    columns.map((c) => cells[c.id]),
    columns,
    width,
    truncated,
  );
}
