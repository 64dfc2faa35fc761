import { clean, EMPTY, joinPrintable, padPrintable, slicePrintable, type Printable } from '../model/printable.js';
import { leadingColumns, textWidth, trailingColumns } from '../model/textWidth.js';

// Cell text helpers. They take and return Printable (text cleaned at the boundary, see
// model/printable), so whatever they cut and pad stays safe to draw. Widths are terminal columns,
// measured as Ink measures them (model/textWidth).

export { textWidth };

/**
 * @deprecated use clean() from model/printable: free text from the cluster as one printable line,
 * every control shown as a placeholder.
 */
export function singleLine(text: string): Printable {
  return clean(text);
}

/** The longest start of `text` that takes at most `width` columns. */
function takeColumns(text: Printable, width: number): Printable {
  return slicePrintable(text, 0, leadingColumns(text, width).end);
}

/** The longest end of `text` that takes at most `width` columns. */
function takeLastColumns(text: Printable, width: number): Printable {
  return slicePrintable(text, trailingColumns(text, width).start);
}

/** Cuts `text` to at most `width` columns, marking a cut with `truncated` (e.g. "…" or "~"). */
export function fit(text: Printable, width: number, truncated: Printable): Printable {
  if (width <= 0) return EMPTY;
  if (textWidth(text) <= width) return text;
  const markWidth = textWidth(truncated);
  if (width <= markWidth) return takeColumns(text, width);
  return joinPrintable([takeColumns(text, width - markWidth), truncated]);
}

/** Like fit, but keeps the end of `text` (`…ers{crashy}`): for paths whose last part matters most. */
export function fitEnd(text: Printable, width: number, truncated: Printable): Printable {
  if (width <= 0) return EMPTY;
  if (textWidth(text) <= width) return text;
  const markWidth = textWidth(truncated);
  if (width <= markWidth) return takeLastColumns(text, width);
  return joinPrintable([truncated, takeLastColumns(text, width - markWidth)]);
}

/** Exactly `width` columns: cut when longer, padded with spaces when shorter. */
export function fitPadded(text: Printable, width: number, truncated: Printable): Printable {
  const cut = fit(text, width, truncated);
  return padPrintable(cut, 0, width - textWidth(cut));
}

function trimStart(text: Printable): Printable {
  return slicePrintable(text, text.length - text.trimStart().length);
}

function trimEnd(text: Printable): Printable {
  return slicePrintable(text, 0, text.trimEnd().length);
}

/**
 * Word-wraps one line of text into at most `maxLines` lines of `width` columns; a word longer than
 * a line is cut across lines, and text left over marks the last line with `truncated`.
 */
export function wrapWords(text: Printable, width: number, maxLines: number, truncated: Printable): Printable[] {
  if (width <= 0 || maxLines <= 0) return [];
  const lines: Printable[] = [];
  let rest = trimEnd(trimStart(text));
  while (rest !== '' && lines.length < maxLines) {
    if (textWidth(rest) <= width) {
      lines.push(rest);
      rest = EMPTY;
      break;
    }
    const head = takeColumns(rest, width);
    const space = head.lastIndexOf(' ');
    const line = space > 0 && rest[head.length] !== ' ' ? slicePrintable(head, 0, space) : head;
    // A cluster wider than the whole line (a wide character in one column) cannot be placed: drop it.
    const taken = line === '' ? Math.max(1, [...rest][0]?.length ?? 1) : line.length;
    if (line !== '') lines.push(trimEnd(line));
    rest = trimStart(slicePrintable(rest, taken));
  }
  const last = lines[lines.length - 1];
  if (rest !== '' && last !== undefined) lines[lines.length - 1] = fit(joinPrintable([last, rest], clean(' ')), width, truncated);
  return lines;
}

export interface Segment {
  text: Printable;
  /** Segments with a higher priority keep their text longest when the line is too narrow. */
  priority: number;
}

export interface FittedSegment {
  /** Position of the segment in the input. */
  index: number;
  text: Printable;
}

/** Below this many columns a shortened segment says nothing useful and is dropped instead. */
const MIN_SHORTENED = 8;

/**
 * Fits segments shown one after another, joined by `separator`, into `width` columns. The
 * lowest-priority segment (the later one on a tie) is shortened first, and dropped when it would
 * fall below a readable stub; the next one is then tried. Returns the kept segments in order.
 */
export function fitSegments(
  segments: readonly Segment[],
  width: number,
  separator: Printable,
  truncated: Printable,
): FittedSegment[] {
  const kept: FittedSegment[] = segments.map((s, index) => ({ index, text: s.text }));
  const total = (): number =>
    kept.reduce((sum, s) => sum + textWidth(s.text), 0) + Math.max(0, kept.length - 1) * textWidth(separator);
  const victims = segments
    .map((s, index) => ({ index, priority: s.priority }))
    .sort((a, b) => a.priority - b.priority || b.index - a.index);
  for (const victim of victims) {
    const overflow = total() - width;
    if (overflow <= 0) break;
    const position = kept.findIndex((s) => s.index === victim.index);
    const segment = kept[position];
    if (segment === undefined) continue;
    const keep = textWidth(segment.text) - overflow;
    if (keep >= MIN_SHORTENED || kept.length === 1) {
      segment.text = fit(segment.text, Math.max(0, keep), truncated);
    } else {
      kept.splice(position, 1);
    }
  }
  return kept;
}

export interface StyledText<S> {
  text: Printable;
  style: S;
}

/** Pieces of one line cut to at most `width` columns in all; the piece that crosses the edge ends with `truncated`. */
export function fitStyled<S>(pieces: readonly StyledText<S>[], width: number, truncated: Printable): StyledText<S>[] {
  const total = pieces.reduce((sum, p) => sum + textWidth(p.text), 0);
  if (total <= width) return pieces.filter((p) => p.text !== '');
  const out: StyledText<S>[] = [];
  let left = width;
  for (const piece of pieces) {
    const w = textWidth(piece.text);
    if (w < left) {
      out.push(piece);
      left -= w;
      continue;
    }
    out.push({ text: fit(piece.text, left, truncated), style: piece.style });
    break;
  }
  // The cut piece ends with the mark only when it kept at least one character of its own.
  return out.filter((p) => p.text !== '');
}
