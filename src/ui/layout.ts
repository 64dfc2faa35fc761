import type { DetailPane } from './state.js';

/** Below this the table cannot show NAME, READY, STATUS, RESTARTS and AGE without breaking lines. */
export const MIN_COLUMNS = 60;
/** Header, a few table rows, a few detail lines, status line and hint bar. */
export const MIN_ROWS = 12;
/** From this width the container tree and events may sit beside the table instead of under it. */
export const SIDE_BY_SIDE_COLUMNS = 140;
/** ...when they keep this many columns beside a table with every column whole. */
export const SIDE_DETAIL_COLUMNS = 60;
/** The share of the height a pod table with more rows than fit gets over its detail pane (or the tree over the events). */
const TABLE_SHARE = 0.55;
const MIN_TABLE_LINES = 2;
const MIN_DETAIL_LINES = 4;

/** What the panes hold, for splitting the screen by it rather than by a fixed ratio. */
export interface PaneContent {
  /** Rows of the pod table (under its title). */
  pods: number;
  /** Columns the table needs for every column whole (IP and NODE too). */
  tableWidth: number;
  /** Lines of the selected pod's tree (asked only when the tree is shown). */
  treeLines(): number;
  /** Lines of the events pane at `width` columns (asked only when the events are shown). */
  eventLines(width: number): number;
}

/** Without content: a table of 80 columns and panes fuller than any screen (the fixed split). */
const FULL: PaneContent = { pods: Number.MAX_SAFE_INTEGER, tableWidth: 80, treeLines: () => Number.MAX_SAFE_INTEGER, eventLines: () => Number.MAX_SAFE_INTEGER };

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface Region {
  width: number;
  height: number;
}

export type Arrangement =
  /** Table on the left; a column on the right with the tree above the events. */
  | { kind: 'side'; table: Region; tree: Region; events: Region; detailWidth: number }
  /** Table on top; under it one detail pane (tree or events), switched with Tab. */
  | { kind: 'stacked'; table: Region; detail: Region; shown: DetailPane };

export type ScreenLayout =
  | { kind: 'tooSmall'; size: TerminalSize; minColumns: number; minRows: number }
  | {
      kind: 'normal';
      size: TerminalSize;
      /** Lines drawn in all: one less than the terminal has (see planScreen). */
      height: number;
      header: Region;
      /** Everything between the header and the status line (overlays take all of it). */
      body: Region;
      arrangement: Arrangement;
      statusLine: Region;
      hintBar: Region;
    };

const HEADER_LINES = 2;
/** Status line and hint bar. */
const FOOTER_LINES = 2;

/**
 * Splits the terminal into regions no wider than the terminal, so nothing wraps. The screen is one
 * line shorter than the terminal: when Ink's output is as tall as the terminal it clears the whole
 * screen and redraws on every frame, which flickers and is slow over SSH.
 */
export function planScreen(size: TerminalSize, detailPane: DetailPane = 'tree', content: PaneContent = FULL): ScreenLayout {
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return { kind: 'tooSmall', size, minColumns: MIN_COLUMNS, minRows: MIN_ROWS };
  }
  const width = size.columns;
  const height = size.rows - 1;
  const body: Region = { width, height: height - HEADER_LINES - FOOTER_LINES };
  return {
    kind: 'normal',
    size,
    height,
    header: { width, height: HEADER_LINES },
    body,
    arrangement: arrange(body, detailPane, content),
    statusLine: { width, height: 1 },
    hintBar: { width, height: 1 },
  };
}

/** Lines a pane needs: its content and the title lines above it (at least one line for "no events"). */
function treeNeed(content: PaneContent): number {
  return Math.max(1, content.treeLines()) + 1;
}

function eventsNeed(content: PaneContent, width: number): number {
  return Math.max(1, content.eventLines(width)) + 2;
}

/**
 * Two panes over each other in `height` lines, by what they hold: both whole when they fit (the
 * spare lines under the second), else the one that fits in its share whole, else `share` of the
 * height to the first.
 */
function splitHeight(height: number, first: number, second: number, share: number, minFirst: number, minSecond: number): number {
  let lines: number;
  if (first + second <= height || first <= Math.floor(height * share)) lines = first;
  else if (second <= height - Math.floor(height * share)) lines = height - second;
  else lines = Math.floor(height * share);
  return Math.max(minFirst, Math.min(height - minSecond, lines));
}

function arrange(body: Region, shown: DetailPane, content: PaneContent): Arrangement {
  const tableWidth = Math.min(content.tableWidth, body.width);
  if (body.width >= SIDE_BY_SIDE_COLUMNS && body.width - 1 - tableWidth >= SIDE_DETAIL_COLUMNS) {
    // The table as wide as its columns whole; one column holds a vertical rule; the rest is the detail column's.
    const detailWidth = body.width - tableWidth - 1;
    const treeHeight = splitHeight(body.height, treeNeed(content), eventsNeed(content, detailWidth), TABLE_SHARE, MIN_TABLE_LINES, MIN_DETAIL_LINES);
    return {
      kind: 'side',
      table: { width: tableWidth, height: body.height },
      tree: { width: detailWidth, height: treeHeight },
      events: { width: detailWidth, height: body.height - treeHeight },
      detailWidth,
    };
  }
  // The table's height follows its rows only, not the selected pod's detail: it does not jump as the cursor moves.
  const tableNeed = Math.max(1, content.pods) + 1;
  const tableHeight = Math.max(MIN_TABLE_LINES, Math.min(body.height - MIN_DETAIL_LINES, tableNeed, Math.floor(body.height * TABLE_SHARE)));
  return {
    kind: 'stacked',
    table: { width: body.width, height: tableHeight },
    detail: { width: body.width, height: body.height - tableHeight },
    shown,
  };
}
