/** Below this the table cannot show NAME, READY, STATUS, RESTARTS and AGE without breaking lines. */
export const MIN_COLUMNS = 60;
/** Header, column titles, a handful of rows, status line and hint bar. */
export const MIN_ROWS = 12;

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface Region {
  width: number;
  height: number;
}

export type ScreenLayout =
  | { kind: 'tooSmall'; size: TerminalSize; minColumns: number; minRows: number }
  | {
      kind: 'normal';
      size: TerminalSize;
      header: Region;
      /** Where panes go. Issue 3 splits it side by side on wide terminals, or shows one pane at a time. */
      body: Region;
      statusLine: Region;
      hintBar: Region;
    };

const HEADER_LINES = 2;

/** Splits the terminal into regions. Every region is exactly as wide as the terminal, so nothing wraps. */
export function planScreen(size: TerminalSize): ScreenLayout {
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return { kind: 'tooSmall', size, minColumns: MIN_COLUMNS, minRows: MIN_ROWS };
  }
  const width = size.columns;
  return {
    kind: 'normal',
    size,
    header: { width, height: HEADER_LINES },
    body: { width, height: size.rows - HEADER_LINES - 2 },
    statusLine: { width, height: 1 },
    hintBar: { width, height: 1 },
  };
}
