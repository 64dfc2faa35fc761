import type { EventRow } from '../model/eventRows.js';
import { cleanName, EMPTY, joinPrintable, p, padPrintable, spaces, type Printable } from '../model/printable.js';
import { fitMiddle } from './distinctCut.js';
import type { Glyphs } from './glyphs.js';
import type { EventsMode } from './state.js';
import { fitPadded, textWidth, wrapWords } from './text.js';

/** The printed cells of one event line. */
export interface EventCells {
  key: string;
  lastSeen: Printable;
  type: Printable;
  reason: Printable;
  object: Printable;
  count: Printable;
  message: Printable;
  warning: boolean;
}

type ColumnId = Exclude<keyof EventCells, 'key' | 'warning'>;

export interface EventColumn {
  id: ColumnId;
  title: Printable;
  width: number;
}

const TITLES: Readonly<Record<ColumnId, Printable>> = {
  lastSeen: p`LAST SEEN`,
  type: p`TYPE`,
  reason: p`REASON`,
  object: p`OBJECT`,
  count: p`COUNT`,
  message: p`MESSAGE`,
};

const ORDER: readonly ColumnId[] = ['lastSeen', 'type', 'reason', 'object', 'count', 'message'];
const GAP = 2;
/** Warning marker and a space. */
const MARKER_WIDTH = 2;
// TYPE is Normal or Warning; a server that sends more must not push the message off the line.
const NATURAL_CAP: Partial<Record<ColumnId, number>> = { type: 8, reason: 24, object: 40 };
/** The message is what matters most: the other columns shrink until it has this much room. */
const MESSAGE_MIN = 28;
const SHRINK_STEPS: ReadonlyArray<readonly [ColumnId, number]> = [
  ['object', 12],
  ['reason', 12],
  ['object', 8],
  ['reason', 8],
];

/**
 * Cells of an event. When the pane shows one pod's events, OBJECT is the container's field path
 * (or `pod/x`); across a namespace it is the pod and the container alone (`pod/web-1 nginx`), so
 * that a cut (in the middle) keeps both.
 */
export function eventCells(row: EventRow, mode: EventsMode, glyphs: Glyphs): EventCells {
  let object = row.object;
  if (row.subobject !== '') {
    if (mode === 'pod') object = row.subobject;
    else object = row.container === undefined ? p`${row.object} ${row.subobject}` : p`${row.object} ${cleanName(row.container)}`;
  }
  return {
    key: row.key,
    lastSeen: row.lastSeen,
    type: row.type,
    reason: row.reason,
    object,
    count: p`${glyphs.times}${row.count}`,
    message: row.message,
    warning: row.warning,
  };
}

/** Column widths so that the whole line fits `width`, the message taking what is left. */
export function planEventColumns(width: number, rows: readonly EventCells[]): EventColumn[] {
  const columns = ORDER.filter((id) => id !== 'message').map((id) => {
    let natural = textWidth(TITLES[id]);
    for (const row of rows) natural = Math.max(natural, textWidth(row[id]));
    const cap = NATURAL_CAP[id];
    return { id, title: TITLES[id], width: cap === undefined ? natural : Math.min(cap, natural) };
  });
  const used = (): number => MARKER_WIDTH + columns.reduce((sum, c) => sum + c.width + GAP, 0);
  for (const [id, floor] of SHRINK_STEPS) {
    const short = used() + MESSAGE_MIN - width;
    if (short <= 0) break;
    const column = columns.find((c) => c.id === id);
    if (column !== undefined && column.width > floor) column.width = Math.max(floor, column.width - short);
  }
  return [...columns, { id: 'message', title: TITLES.message, width: Math.max(0, width - used()) }];
}

/**
 * In a pane narrower than STACK_BELOW_WIDTH (an 80-column terminal) whose MESSAGE would get fewer
 * than STACK_BELOW_MESSAGE columns, an event takes two lines or more: its columns, then its message.
 * Wider panes keep the table, which scans faster.
 */
const STACK_BELOW_WIDTH = 100;
const STACK_BELOW_MESSAGE = 40;
const MESSAGE_INDENT = 4;
/** A long message wraps over this many lines at most. */
const MESSAGE_LINES = 3;

export type EventLayout = { kind: 'table' | 'stacked'; columns: EventColumn[] };

/**
 * The table when MESSAGE keeps a useful width; otherwise the stacked layout: LAST SEEN, TYPE,
 * REASON, COUNT and OBJECT (the rest of the line, keeping the container's end) on one line and the
 * whole message wrapped under it, since the message is what the reader came for.
 */
export function planEventLayout(width: number, rows: readonly EventCells[]): EventLayout {
  const table = planEventColumns(width, rows);
  if (width >= STACK_BELOW_WIDTH || (table.at(-1)?.width ?? 0) >= STACK_BELOW_MESSAGE) return { kind: 'table', columns: table };
  const natural = planEventColumns(Number.MAX_SAFE_INTEGER, rows);
  const stacked = (['lastSeen', 'type', 'reason', 'count'] as const).map((id) => natural.find((c) => c.id === id) ?? { id, title: TITLES[id], width: 0 });
  const used = MARKER_WIDTH + stacked.reduce((sum, c) => sum + c.width + GAP, 0);
  return { kind: 'stacked', columns: [...stacked, { id: 'object', title: TITLES.object, width: Math.max(0, width - used) }] };
}

/** One line of the events pane. */
export interface EventLine {
  key: string;
  text: Printable;
  warning: boolean;
  /** The event's first line (its columns), not a message line under it. */
  first: boolean;
}

/** The pane's lines for the events: one per event in the table, the columns and the message lines when stacked. */
export function eventLines(rows: readonly EventCells[], layout: EventLayout, width: number, glyphs: Glyphs): EventLine[] {
  if (layout.kind === 'table') return rows.map((cells) => ({ key: cells.key, text: formatEventLine(cells, layout.columns, width, glyphs), warning: cells.warning, first: true }));
  const indent = spaces(MESSAGE_INDENT);
  return rows.flatMap((cells) => [
    { key: cells.key, text: formatEventLine(cells, layout.columns, width, glyphs), warning: cells.warning, first: true },
    ...wrapWords(cells.message, width - MESSAGE_INDENT, MESSAGE_LINES, glyphs.truncated).map((part, index) => ({
      key: `${cells.key}/${index}`,
      text: fitPadded(joinPrintable([indent, part]), width, glyphs.truncated),
      warning: cells.warning,
      first: false,
    })),
  ]);
}

/** The first event line at or after `top`, else (a tall last event) the one before it. */
export function eventStart(lines: readonly EventLine[], top: number): number {
  let at = top;
  while (at < lines.length && lines[at]?.first === false) at++;
  if (at < lines.length) return at;
  at = top;
  while (at > 0 && lines[at]?.first === false) at--;
  return at;
}

function formatLine(marker: Printable, cells: Readonly<Record<ColumnId, Printable>>, columns: readonly EventColumn[], width: number, truncated: Printable): Printable {
  // OBJECT keeps its start (the pod) and its end (the container: `spec.containers{web}`).
  const body = joinPrintable(
    columns.map((c) => fitPadded(c.id === 'object' ? fitMiddle(cells[c.id], c.width, truncated) : cells[c.id], c.width, truncated)),
    spaces(GAP),
  );
  return fitPadded(joinPrintable([padPrintable(fitPadded(marker, MARKER_WIDTH - 1, EMPTY), 0, 1), body]), width, truncated);
}

export function formatEventTitle(columns: readonly EventColumn[], width: number, truncated: Printable): Printable {
  return formatLine(EMPTY, TITLES, columns, width, truncated);
}

export function formatEventLine(cells: EventCells, columns: readonly EventColumn[], width: number, glyphs: Glyphs): Printable {
  return formatLine(cells.warning ? glyphs.warning : EMPTY, cells, columns, width, glyphs.truncated);
}
