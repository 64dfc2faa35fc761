import { sgrTextPiece, slicePrintable, stripSgr, type Printable, type SgrText } from './printable.js';
import { clusters, textWidth } from './textWidth.js';

/**
 * The colours and styles of a log line, for drawing: the SGR sequences the log sanitiser kept
 * (SgrText) become styled Printable pieces, so no escape sequence from the cluster is ever handed
 * to Ink, which would pass it through.
 */

/** Ink's <Text> styles (a colour is a name, `#rrggbb` or `ansi256(n)`). */
export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  inverse?: boolean;
}

export interface StyledPiece {
  text: Printable;
  style: TextStyle;
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
const SGR = /\x1b\[([0-9;:]*)m/g;

/** A colour from `38;5;n` / `38;2;r;g;b` (and the `:` forms); returns it and how many numbers it took. */
function extendedColour(codes: readonly number[], at: number): { colour: string | undefined; used: number } {
  const mode = codes[at + 1];
  if (mode === 5) {
    const n = codes[at + 2];
    return { colour: n !== undefined && n >= 0 && n <= 255 ? `ansi256(${n})` : undefined, used: 3 };
  }
  if (mode === 2) {
    const rgb = codes.slice(at + 2, at + 5);
    if (rgb.length < 3 || rgb.some((c) => !(c >= 0 && c <= 255))) return { colour: undefined, used: 5 };
    return { colour: `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`, used: 5 };
  }
  return { colour: undefined, used: 2 };
}

/** Numbers of one SGR sequence; `38:2::r:g:b` (ITU colour space slot) loses its empty slot. */
function sgrCodes(params: string): number[] {
  if (params === '') return [0];
  const codes: number[] = [];
  for (const param of params.split(';')) {
    if (!param.includes(':')) {
      codes.push(param === '' ? 0 : Number(param));
      continue;
    }
    const sub = param.split(':');
    if (sub[1] === '2' && sub.length === 6) sub.splice(2, 1);
    codes.push(...sub.map((s) => (s === '' ? 0 : Number(s))));
  }
  return codes;
}

/** The style after one SGR sequence. */
export function applySgr(style: TextStyle, params: string): TextStyle {
  const next: TextStyle = { ...style };
  const codes = sgrCodes(params);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 0) for (const key of Object.keys(next) as (keyof TextStyle)[]) delete next[key];
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dimColor = true;
    else if (code === 3) next.italic = true;
    else if (code === 4 || code === 21) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strikethrough = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dimColor;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strikethrough;
    else if (code >= 30 && code <= 37) next.color = NAMES[code - 30];
    else if (code >= 90 && code <= 97) next.color = `${NAMES[code - 90]}Bright`;
    else if (code === 39) delete next.color;
    else if (code >= 40 && code <= 47) next.backgroundColor = NAMES[code - 40];
    else if (code >= 100 && code <= 107) next.backgroundColor = `${NAMES[code - 100]}Bright`;
    else if (code === 49) delete next.backgroundColor;
    else if (code === 38 || code === 48) {
      const { colour, used } = extendedColour(codes, i);
      if (colour !== undefined) {
        if (code === 38) next.color = colour;
        else next.backgroundColor = colour;
      }
      i += used - 1;
    }
  }
  return next;
}

/** The styled pieces of a sanitised log line (empty pieces left out). */
export function sgrPieces(text: SgrText): StyledPiece[] {
  const pieces: StyledPiece[] = [];
  let style: TextStyle = {};
  let at = 0;
  for (const match of text.matchAll(SGR)) {
    if (match.index > at) pieces.push({ text: sgrTextPiece(text, at, match.index), style });
    style = applySgr(style, match[1] ?? '');
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: sgrTextPiece(text, at, text.length), style });
  return pieces;
}

/** The text of a sanitised log line without its colours. */
export function sgrPlainText(text: SgrText): Printable {
  return stripSgr(text);
}

/** Hard-wraps styled pieces into rows of at most `width` columns (at least one cluster per row). */
export function wrapPieces(pieces: readonly StyledPiece[], width: number, maxRows = Number.POSITIVE_INFINITY): StyledPiece[][] {
  const rows: StyledPiece[][] = [];
  let row: StyledPiece[] = [];
  let used = 0;
  const breakRow = (): void => {
    rows.push(row);
    row = [];
    used = 0;
  };
  for (const piece of pieces) {
    let rest = piece.text;
    while (rest !== '' && rows.length < maxRows) {
      const pieceWidth = textWidth(rest);
      if (used + pieceWidth <= width) {
        row.push({ text: rest, style: piece.style });
        used += pieceWidth;
        break;
      }
      let end = 0;
      let taken = 0;
      for (const cluster of clusters(rest)) {
        if (used + taken + cluster.width > width && (used > 0 || end > 0)) break;
        end += cluster.text.length;
        taken += cluster.width;
      }
      if (end > 0) row.push({ text: slicePrintable(rest, 0, end), style: piece.style });
      rest = slicePrintable(rest, end);
      breakRow();
    }
    if (rows.length >= maxRows) break;
  }
  if (rows.length < maxRows && (row.length > 0 || rows.length === 0)) rows.push(row);
  return rows.slice(0, maxRows);
}

/** Splits pieces where `search` occurs (case-insensitive) and marks those parts inverse. */
export function highlightPieces(pieces: readonly StyledPiece[], search: string): StyledPiece[] {
  if (search === '') return [...pieces];
  const plain = pieces.map((piece) => piece.text).join('');
  const lower = plain.toLowerCase();
  const needle = search.toLowerCase();
  // Lower-casing that changes lengths (a few letters do) would misplace the marks: leave it plain.
  if (lower.length !== plain.length || needle === '') return [...pieces];
  const marked = new Array<boolean>(plain.length).fill(false);
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, found + needle.length)) {
    marked.fill(true, found, found + needle.length);
  }
  const out: StyledPiece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    let start = 0;
    while (start < piece.text.length) {
      const on = marked[offset + start] === true;
      let end = start + 1;
      while (end < piece.text.length && (marked[offset + end] === true) === on) end++;
      out.push({ text: slicePrintable(piece.text, start, end), style: on ? { ...piece.style, inverse: !piece.style.inverse } : piece.style });
      start = end;
    }
    offset += piece.text.length;
  }
  return out.filter((piece) => piece.text !== '');
}
