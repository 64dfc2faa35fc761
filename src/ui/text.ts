import { codePointWidth, sanitizeInline } from '../model/sanitize.js';

// Cell text helpers. Widths are terminal columns (wide CJK and emoji count 2, combining marks 0).

/** Free text from the cluster (error messages) as one printable line: no newlines, no escapes. */
export function singleLine(text: string): string {
  return sanitizeInline(text);
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** The longest start of `text` that takes at most `width` columns. */
function takeColumns(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = codePointWidth(ch.codePointAt(0) ?? 0);
    if (used + w > width) break;
    out += ch;
    used += w;
  }
  return out;
}

/** Cuts `text` to at most `width` columns, marking a cut with `truncated` (e.g. "…" or "~"). */
export function fit(text: string, width: number, truncated: string): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const markWidth = textWidth(truncated);
  if (width <= markWidth) return takeColumns(text, width);
  return takeColumns(text, width - markWidth) + truncated;
}

/** Like fit, but keeps the end of `text` (`…ers{crashy}`): for paths whose last part matters most. */
export function fitEnd(text: string, width: number, truncated: string): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const markWidth = textWidth(truncated);
  const chars = [...text].reverse().join('');
  if (width <= markWidth) return [...takeColumns(chars, width)].reverse().join('');
  return truncated + [...takeColumns(chars, width - markWidth)].reverse().join('');
}

/** Exactly `width` columns: cut when longer, padded with spaces when shorter. */
export function fitPadded(text: string, width: number, truncated: string): string {
  const cut = fit(text, width, truncated);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/**
 * Word-wraps one line of text into at most `maxLines` lines of `width` columns; a word longer than
 * a line is cut across lines, and text left over marks the last line with `truncated`.
 */
export function wrapWords(text: string, width: number, maxLines: number, truncated: string): string[] {
  if (width <= 0 || maxLines <= 0) return [];
  const lines: string[] = [];
  let rest = text.trim();
  while (rest !== '' && lines.length < maxLines) {
    if (textWidth(rest) <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    const head = takeColumns(rest, width);
    const space = head.lastIndexOf(' ');
    const line = space > 0 && rest[head.length] !== ' ' ? head.slice(0, space) : head;
    lines.push(line.trimEnd());
    rest = rest.slice(line.length).trimStart();
  }
  if (rest !== '' && lines.length > 0) lines[lines.length - 1] = fit(`${lines[lines.length - 1]} ${rest}`, width, truncated);
  return lines;
}

export interface Segment {
  text: string;
  /** Segments with a higher priority keep their text longest when the line is too narrow. */
  priority: number;
}

export interface FittedSegment {
  /** Position of the segment in the input. */
  index: number;
  text: string;
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
  separator: string,
  truncated: string,
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
  text: string;
  style: S;
}

/** Pieces of one line cut to at most `width` columns in all; the piece that crosses the edge ends with `truncated`. */
export function fitStyled<S>(pieces: readonly StyledText<S>[], width: number, truncated: string): StyledText<S>[] {
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
