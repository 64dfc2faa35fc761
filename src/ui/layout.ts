import type { DetailPane } from './state.js';

/** Below this the table cannot show NAME, READY, STATUS, RESTARTS and AGE without breaking lines. */
export const MIN_COLUMNS = 60;
/** Header, a few table rows, a few detail lines, status line and hint bar. */
export const MIN_ROWS = 12;
/** From this width the container tree and events sit beside the table instead of under it. */
export const SIDE_BY_SIDE_COLUMNS = 140;

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
export function planScreen(size: TerminalSize, detailPane: DetailPane = 'tree'): ScreenLayout {
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
    arrangement: arrange(body, detailPane),
    statusLine: { width, height: 1 },
    hintBar: { width, height: 1 },
  };
}

function arrange(body: Region, shown: DetailPane): Arrangement {
  if (body.width >= SIDE_BY_SIDE_COLUMNS) {
    // The pod table needs about 80 columns with IP and NODE; the rest goes to the detail column.
    const tableWidth = Math.max(80, Math.floor(body.width * 0.45));
    // One column between the table and the detail column holds a vertical rule.
    const detailWidth = body.width - tableWidth - 1;
    const treeHeight = Math.ceil(body.height * 0.55);
    return {
      kind: 'side',
      table: { width: tableWidth, height: body.height },
      tree: { width: detailWidth, height: treeHeight },
      events: { width: detailWidth, height: body.height - treeHeight },
      detailWidth,
    };
  }
  const tableHeight = Math.max(3, Math.floor(body.height * 0.45));
  return {
    kind: 'stacked',
    table: { width: body.width, height: tableHeight },
    detail: { width: body.width, height: body.height - tableHeight },
    shown,
  };
}
