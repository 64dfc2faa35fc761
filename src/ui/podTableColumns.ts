import { joinPrintable, p, slicePrintable, spaces, type Printable } from '../model/printable.js';
import { fitMiddle, fitMiddleDistinct } from './distinctCut.js';
import { fit, fitPadded, textWidth } from './text.js';

/** The columns the pod table can show. A new one: its id here, a spec in COLUMNS, its place in ORDER, its cell in PodCells. */
export type ColumnId = 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'ip' | 'node';

/** The printed cells of one pod the table can show (model/podColumns makes them). */
export type PodCells = Readonly<Record<ColumnId, Printable>>;

export interface PodColumnSpec {
  title: Printable;
  /**
   * Lower first: in this order each column gets its whole width, once every column that is always
   * shown has its narrowest (kubectl's normal and wide columns, k9s's). STATUS comes first: the
   * reason a pod is unhealthy is never cut.
   */
  priority: number;
  /**
   * How a cell wider than its column is shown: never cut (the column is as wide as its widest cell,
   * or left out when `optional`), cut in the middle keeping cells that differ different (names),
   * or cut at the end.
   */
  cut: 'never' | 'middle' | 'end';
  /** The narrowest a cut column gets. */
  min: number;
  /** Shown only when it fits whole, after every column of a lower priority got its width. */
  optional?: true;
  /** Only shown across all namespaces. */
  allNamespaces?: true;
  /** A shorter form of a cell, shown whole instead of cutting it (RESTARTS without "(5m ago)"). */
  short?: (cell: Printable) => Printable;
  /** Width the column gets ahead of its priority (NAMESPACE, usually short, before NAME grows). */
  early?: { priority: number; width: number };
}

/** `5 (2m34s ago)` as `5`: the count is what the column is about. */
function countOnly(cell: Printable): Printable {
  const space = cell.indexOf(' ');
  return space < 0 ? cell : slicePrintable(cell, 0, space);
}

export const COLUMNS: Readonly<Record<ColumnId, PodColumnSpec>> = {
  status: { title: p`STATUS`, priority: 10, cut: 'never', min: 6 },
  namespace: { title: p`NAMESPACE`, priority: 35, cut: 'middle', min: 6, allNamespaces: true, early: { priority: 15, width: 16 } },
  name: { title: p`NAME`, priority: 20, cut: 'middle', min: 10 },
  restarts: { title: p`RESTARTS`, priority: 30, cut: 'end', min: 8, short: countOnly },
  ready: { title: p`READY`, priority: 40, cut: 'never', min: 5 },
  age: { title: p`AGE`, priority: 50, cut: 'never', min: 3 },
  ip: { title: p`IP`, priority: 60, cut: 'never', min: 2, optional: true },
  node: { title: p`NODE`, priority: 70, cut: 'never', min: 4, optional: true },
};

/** Left to right. */
export const ORDER: readonly ColumnId[] = ['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'ip', 'node'];

export interface PlannedColumn {
  id: ColumnId;
  title: Printable;
  width: number;
  /** The cells shown in their short form (see PodColumnSpec.short). */
  short: boolean;
}

/** Spaces between columns. */
export const COLUMN_GAP = 2;

/**
 * No real reason is this long (`Init:CreateContainerConfigError` is 31): a longer STATUS is a
 * hostile or broken server's; past this it is cut, and gets only what the others leave.
 */
const WHOLE_CAP = 40;

/** The widest cell of each column. */
export type ContentWidths = Record<ColumnId, number>;
/** The widest short form of the columns that have one. */
export type ShortWidths = Partial<Record<ColumnId, number>>;

export function contentWidths(rows: readonly PodCells[]): ContentWidths {
  const widths = Object.fromEntries(ORDER.map((id) => [id, 0])) as ContentWidths;
  for (const row of rows) for (const id of ORDER) widths[id] = Math.max(widths[id], textWidth(row[id]));
  return widths;
}

export function shortWidths(rows: readonly PodCells[]): ShortWidths {
  const widths: ShortWidths = {};
  for (const id of ORDER) {
    const short = COLUMNS[id].short;
    if (short !== undefined) widths[id] = rows.reduce((w, row) => Math.max(w, textWidth(short(row[id]))), 0);
  }
  return widths;
}

/**
 * Column widths for a table `width` columns wide whose first `reserved` columns hold something else
 * (the health marker): from the content of all rows, so they do not change while scrolling.
 */
export function planColumns(width: number, rows: readonly PodCells[], allNamespaces: boolean, reserved = 0): PlannedColumn[] {
  return planColumnsFromWidths(width, contentWidths(rows), allNamespaces, reserved, shortWidths(rows));
}

interface Plan {
  id: ColumnId;
  spec: PodColumnSpec;
  natural: number;
  shortWidth: number | undefined;
  width: number;
  shown: boolean;
}

function totalOf(plans: readonly Plan[]): number {
  const shown = plans.filter((c) => c.shown);
  return shown.reduce((sum, c) => sum + c.width, 0) + Math.max(0, shown.length - 1) * COLUMN_GAP;
}

/**
 * The same from the widest cell of each column (the pod list keeps them as a running maximum).
 * Every column always shown starts at its narrowest (STATUS and READY whole, NAME at its minimum,
 * RESTARTS in its short form); then, by priority, each column grows to its whole width while room
 * is left, and an optional column comes in when it fits whole. The total never exceeds
 * `width - reserved`; only when even the narrowest do not fit is anything cut further, STATUS last.
 */
export function planColumnsFromWidths(width: number, widths: ContentWidths, allNamespaces: boolean, reserved = 0, shorts: ShortWidths = {}): PlannedColumn[] {
  const room = width - reserved;
  const plans: Plan[] = ORDER.filter((id) => allNamespaces || COLUMNS[id].allNamespaces !== true).map((id) => {
    const spec = COLUMNS[id];
    const natural = Math.max(textWidth(spec.title), widths[id]);
    const short = shorts[id];
    const shortWidth = spec.short !== undefined && short !== undefined ? Math.max(textWidth(spec.title), short) : undefined;
    const narrowest = spec.cut === 'never' ? Math.min(natural, WHOLE_CAP) : shortWidth !== undefined && shortWidth < natural ? shortWidth : Math.min(natural, spec.min);
    return { id, spec, natural, shortWidth, width: narrowest, shown: spec.optional !== true };
  });

  if (totalOf(plans) > room) squeeze(plans, room);
  else grow(plans, room);

  return plans
    .filter((c) => c.shown)
    .map((c) => ({ id: c.id, title: c.spec.title, width: c.width, short: c.shortWidth !== undefined && c.width < c.natural }));
}

function grow(plans: Plan[], room: number): void {
  const steps = plans.flatMap((plan) => [
    ...(plan.spec.early === undefined ? [] : [{ plan, priority: plan.spec.early.priority, upTo: plan.spec.early.width }]),
    { plan, priority: plan.spec.priority, upTo: plan.spec.cut === 'never' ? WHOLE_CAP : plan.natural },
    // Past the cap a never-cut cell is broken anyway: it gets what is left over, last.
    ...(plan.spec.cut === 'never' && plan.natural > WHOLE_CAP ? [{ plan, priority: Number.MAX_SAFE_INTEGER, upTo: plan.natural }] : []),
  ]);
  steps.sort((a, b) => a.priority - b.priority);
  for (const { plan, upTo } of steps) {
    const left = room - totalOf(plans);
    if (!plan.shown) {
      if (plan.natural + COLUMN_GAP <= left) {
        plan.shown = true;
        plan.width = plan.natural;
      }
      continue;
    }
    const target = Math.min(upTo, plan.natural);
    if (target <= plan.width) continue;
    // A short form grows only into its whole form: a cut of the long one would say less.
    if (plan.shortWidth !== undefined && plan.width === plan.shortWidth) {
      if (plan.natural - plan.width <= left) plan.width = plan.natural;
      continue;
    }
    plan.width += Math.min(target - plan.width, left);
  }
}

/** A cut column keeps at least this much while a never-cut one can still give. */
const CUT_FLOOR = 4;

/**
 * Too narrow for the narrowest widths: the cut columns give below their minimum (lowest priority first), then the never-cut ones (the widest
 * first, so STATUS keeps more than AGE loses), then anything.
 */
function squeeze(plans: Plan[], room: number): void {
  const shrink = (plan: Plan, floor: number): void => {
    const overflow = totalOf(plans) - room;
    if (overflow > 0 && plan.width > floor) plan.width = Math.max(floor, plan.width - overflow);
  };
  const byPriority = [...plans].filter((c) => c.shown).sort((a, b) => b.spec.priority - a.spec.priority);
  const never = byPriority.filter((c) => c.spec.cut === 'never');
  for (const plan of byPriority.filter((c) => c.spec.cut !== 'never')) shrink(plan, Math.min(plan.width, CUT_FLOOR));
  for (const plan of [...never].sort((a, b) => b.width - a.width)) shrink(plan, 1);
  for (const plan of byPriority) shrink(plan, 1);
}

/** The cells of one column for the rows shown, cut as the column's spec says. */
function columnCells(rows: readonly PodCells[], column: PlannedColumn, truncated: Printable): Printable[] {
  const spec = COLUMNS[column.id];
  const cells = rows.map((row) => (column.short && spec.short !== undefined ? spec.short(row[column.id]) : row[column.id]));
  if (spec.cut === 'middle') return fitMiddleDistinct(cells, column.width, truncated);
  return cells.map((cell) => fit(cell, column.width, truncated));
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

/** The lines of the rows shown: names cut in the middle so that no two different ones look alike. */
export function formatPodLines(rows: readonly PodCells[], columns: readonly PlannedColumn[], width: number, truncated: Printable): Printable[] {
  const byColumn = columns.map((c) => columnCells(rows, c, truncated));
  return rows.map((_, r) =>
    formatLine(
      byColumn.map((cells) => cells[r]!),
      columns,
      width,
      truncated,
    ),
  );
}

/** One row alone (its names cut in the middle, without the others to keep apart from). */
export function formatPodLine(cells: PodCells, columns: readonly PlannedColumn[], width: number, truncated: Printable): Printable {
  return formatLine(
    columns.map((c) => {
      const spec = COLUMNS[c.id];
      const cell = c.short && spec.short !== undefined ? spec.short(cells[c.id]) : cells[c.id];
      return spec.cut === 'middle' ? fitMiddle(cell, c.width, truncated) : cell;
    }),
    columns,
    width,
    truncated,
  );
}

/**
 * Columns the table needs for every column whole, from the widest clock-independent cells; AGE and
 * RESTARTS (which change with the clock) as wide as they usually get (`2m34s`, `12 (2m34s ago)`).
 */
export function wholeTableWidth(widths: Omit<ContentWidths, 'age' | 'restarts'>, allNamespaces: boolean, reserved = 0): number {
  const all: ContentWidths = { ...widths, age: 5, restarts: 14 };
  const ids = ORDER.filter((id) => allNamespaces || COLUMNS[id].allNamespaces !== true);
  return reserved + ids.reduce((sum, id) => sum + Math.max(textWidth(COLUMNS[id].title), all[id]), 0) + (ids.length - 1) * COLUMN_GAP;
}
