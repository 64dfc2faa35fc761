import type { Printable } from '../model/printable.js';
import { clean } from '../model/printable.js';
import { textWidth, wrapWords } from './text.js';

/** One screen row of a document: the line it comes from and its text. */
export interface DocumentRow {
  line: number;
  text: Printable;
}

/** A wrapped line never takes more rows than this (a 10 kB annotation is not worth a hundred screens). */
const MAX_ROWS_PER_LINE = 40;

/** The document as screen rows: one per line, or with `wrap` each line word-wrapped to `width`. */
export function documentRows(lines: readonly Printable[], width: number, wrap: boolean, truncated: Printable): DocumentRow[] {
  if (!wrap) return lines.map((text, line) => ({ line, text }));
  const rows: DocumentRow[] = [];
  lines.forEach((text, line) => {
    if (textWidth(text) <= width) {
      rows.push({ line, text });
      return;
    }
    // Wrapped rows keep the line's indentation, so nested fields still read as nested.
    const indent = /^ */.exec(text)?.[0] ?? '';
    const room = Math.max(8, width - indent.length);
    wrapWords(clean(text.slice(indent.length)), room, MAX_ROWS_PER_LINE, truncated).forEach((part) => rows.push({ line, text: clean(`${indent}${part}`) }));
  });
  return rows;
}

/** Lines that contain `query`, ignoring case. */
export function matchingLines(lines: readonly Printable[], query: string): number[] {
  if (query === '') return [];
  const needle = query.toLowerCase();
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (line.toLowerCase().includes(needle)) found.push(index);
  });
  return found;
}

/** The next match after (or before, with `delta` -1) line `from`, wrapping around; -1 when none. */
export function nextMatch(matches: readonly number[], from: number, delta: 1 | -1): number {
  if (matches.length === 0) return -1;
  if (delta > 0) return matches.find((line) => line > from) ?? matches[0] ?? -1;
  return [...matches].reverse().find((line) => line < from) ?? matches[matches.length - 1] ?? -1;
}

/** Pieces of a row split around case-insensitive occurrences of `query`. */
export function highlight(text: Printable, query: string): Array<{ text: Printable; match: boolean }> {
  if (query === '') return [{ text, match: false }];
  const pieces: Array<{ text: Printable; match: boolean }> = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let at = 0;
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, at)) {
    if (found > at) pieces.push({ text: clean(text.slice(at, found)), match: false });
    pieces.push({ text: clean(text.slice(found, found + needle.length)), match: true });
    at = found + needle.length;
  }
  if (at < text.length) pieces.push({ text: clean(text.slice(at)), match: false });
  return pieces;
}
