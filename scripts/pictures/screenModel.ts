import type { IBufferCell, Terminal } from '@xterm/headless';

/** The colours of the pictures: a dark theme close to the default of most terminals. */
export const THEME = {
  background: '#1e1e2e',
  foreground: '#d4d4d8',
  /** The 16 ANSI colours: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
  ansi: [
    '#45475a', '#f38ba8', '#a6e3a1', '#f9e2af', '#89b4fa', '#f5c2e7', '#94e2d5', '#bac2de',
    '#585b70', '#f38ba8', '#a6e3a1', '#f9e2af', '#89b4fa', '#f5c2e7', '#94e2d5', '#a6adc8',
  ],
} as const;

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}

/** xterm's 256-colour palette: the 16 of the theme, a 6x6x6 cube, 24 greys. */
function paletteColour(index: number): string {
  if (index < 16) return THEME.ansi[index] ?? THEME.foreground;
  if (index < 232) {
    const levels = [0, 95, 135, 175, 215, 255];
    const i = index - 16;
    return `#${hex(levels[Math.floor(i / 36)] ?? 0)}${hex(levels[Math.floor(i / 6) % 6] ?? 0)}${hex(levels[i % 6] ?? 0)}`;
  }
  const grey = 8 + (index - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

/** One run of cells of the same look on a line. */
export interface Run {
  text: string;
  /** Columns the run covers (wide characters count two). */
  width: number;
  fg: string;
  /** undefined: the screen's background. */
  bg?: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
}

/** What a screen shows, independent of how it is drawn: the input of the SVG renderers. */
export interface ScreenFrame {
  cols: number;
  rows: number;
  lines: Run[][];
  /** Shown only when the program shows it (the TUI hides it). */
  cursor?: { x: number; y: number };
}

function colourOf(cell: IBufferCell, which: 'fg' | 'bg'): string | undefined {
  const isDefault = which === 'fg' ? cell.isFgDefault() : cell.isBgDefault();
  if (isDefault) return undefined;
  const value = which === 'fg' ? cell.getFgColor() : cell.getBgColor();
  const rgb = which === 'fg' ? cell.isFgRGB() : cell.isBgRGB();
  return rgb ? `#${hex((value >> 16) & 0xff)}${hex((value >> 8) & 0xff)}${hex(value & 0xff)}` : paletteColour(value);
}

function lookOf(cell: IBufferCell): Omit<Run, 'text' | 'width'> {
  let fg = colourOf(cell, 'fg') ?? THEME.foreground;
  let bg = colourOf(cell, 'bg');
  const bold = cell.isBold() !== 0;
  if (cell.isInverse() !== 0) {
    const swapped = bg ?? THEME.background;
    bg = fg;
    fg = swapped;
  }
  return { fg, bg, bold, dim: cell.isDim() !== 0, italic: cell.isItalic() !== 0, underline: cell.isUnderline() !== 0 };
}

function sameLook(a: Omit<Run, 'text' | 'width'>, b: Omit<Run, 'text' | 'width'>): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;
}

/** The visible screen of `terminal` as runs of equal look, trailing default blanks dropped. */
export function captureFrame(terminal: Terminal, cursorVisible: boolean): ScreenFrame {
  const buffer = terminal.buffer.active;
  const lines: Run[][] = [];
  const scratch = buffer.getNullCell();
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const runs: Run[] = [];
    for (let x = 0; line !== undefined && x < terminal.cols; x++) {
      const cell = line.getCell(x, scratch);
      if (cell === undefined) break;
      const width = cell.getWidth();
      if (width === 0) continue; // the second half of a wide character
      const look = lookOf(cell);
      const text = cell.getChars() === '' ? ' ' : cell.getChars();
      const last = runs.at(-1);
      if (last !== undefined && sameLook(last, look)) {
        last.text += text;
        last.width += width;
      } else runs.push({ ...look, text, width });
    }
    // Blanks at the end of a line with nothing drawn under them add nothing to the picture.
    const last = runs.at(-1);
    if (last !== undefined && last.bg === undefined && !last.underline) {
      const trimmed = last.text.replace(/ +$/, '');
      last.width -= last.text.length - trimmed.length;
      last.text = trimmed;
      if (trimmed === '') runs.pop();
    }
    lines.push(runs);
  }
  const cursor = cursorVisible && buffer.cursorY < terminal.rows ? { x: buffer.cursorX, y: buffer.cursorY } : undefined;
  return { cols: terminal.cols, rows: terminal.rows, lines, ...(cursor === undefined ? {} : { cursor }) };
}

/** The frame's text, one string per row: what tests compare. */
export function frameText(frame: ScreenFrame): string[] {
  return frame.lines.map((runs) => runs.map((run) => run.text).join(''));
}

/** A key that is equal for frames that look the same (to drop repeated frames of an animation). */
export function frameKey(frame: ScreenFrame): string {
  return JSON.stringify([frame.lines, frame.cursor ?? null]);
}
