import { LogRing, type LogRingOptions } from './ringBuffer.js';
import { codePointWidth, sanitizeLogLine } from './sanitize.js';

/** What the log view holds per line. Text is sanitised before it is stored. */
export interface LogRecord {
  kind: 'line' | 'marker';
  container: string;
  /** RFC 3339 as the kubelet wrote it, '' for markers. */
  timestamp: string;
  text: string;
}

/** Buffer bounds of the log view (`podscope --help` shows them). */
export const DEFAULT_LOG_LIMITS: LogRingOptions = { maxLines: 100_000, maxBytes: 32 * 1024 * 1024 };
export const DEFAULT_TAIL_LINES = 500;

// Sanitised text never contains NUL, so it can separate the fields of one ring entry.
const SEP = '\u0000';

/**
 * The log lines of the view in a LogRing (bounded in lines and bytes); indexes are absolute: line
 * `start` is the oldest still held, `end` is one past the newest, `start` counts the lines dropped.
 */
export class LogBuffer {
  private readonly ring: LogRing;

  constructor(limits: LogRingOptions = DEFAULT_LOG_LIMITS) {
    this.ring = new LogRing(limits);
  }

  get start(): number {
    return this.ring.dropped;
  }

  get end(): number {
    return this.ring.dropped + this.ring.length;
  }

  get bytes(): number {
    return this.ring.bytes;
  }

  get length(): number {
    return this.ring.length;
  }

  /** Sanitises untrusted log text (colours kept only when asked) and stores the line. */
  appendLine(container: string, timestamp: string, rawText: string, keepColors: boolean): void {
    this.append({ kind: 'line', container, timestamp, text: sanitizeLogLine(rawText, { keepColors }) });
  }

  append(record: LogRecord): void {
    this.ring.push(`${record.kind === 'marker' ? 'm' : 'l'}${SEP}${record.container}${SEP}${record.timestamp}${SEP}${record.text}`);
  }

  get(index: number): LogRecord | undefined {
    const raw = this.ring.get(index - this.ring.dropped);
    if (raw === undefined || index < this.ring.dropped) return undefined;
    const [kind = 'l', container = '', timestamp = '', ...text] = raw.split(SEP);
    return { kind: kind === 'm' ? 'marker' : 'line', container, timestamp, text: text.join(SEP) };
  }

  clear(): void {
    this.ring.clear();
  }
}

export interface LogViewState {
  /** Keep the newest line at the bottom. */
  follow: boolean;
  /** First line shown when not following (absolute index). */
  top: number;
  /** Paused: the view stops at `pausedEnd`; lines that come meanwhile are counted, not lost. */
  paused: boolean;
  pausedEnd: number;
  timestamps: boolean;
  wrap: boolean;
  /** Put `[container] ` before each line (several containers merged). */
  prefix: boolean;
  search: string;
}

export function initialLogViewState(): LogViewState {
  return { follow: true, top: 0, paused: false, pausedEnd: 0, timestamps: false, wrap: false, prefix: false, search: '' };
}

export interface LogRow {
  /** Absolute index of the line this row belongs to. */
  line: number;
  kind: LogRecord['kind'];
  container: string;
  /** The container prefix (only on a line's first row). */
  prefix: string;
  /** This row's part of the text (may hold kept colour sequences). */
  text: string;
  /** The line contains the search text. */
  match: boolean;
}

const SGR = /\x1b\[[0-9;:]*m/g;

export function plainText(text: string): string {
  return text.replace(SGR, '');
}

/** Hard-wraps `text` into rows of at most `width` columns; colour sequences cost nothing and carry over to the next row. */
export function wrapColumns(text: string, width: number, maxRows = Number.POSITIVE_INFINITY): string[] {
  const rows: string[] = [];
  let row = '';
  let used = 0;
  let active = '';
  for (let i = 0; i < text.length && rows.length < maxRows; ) {
    if (text.charCodeAt(i) === 0x1b) {
      const sgr = /^\x1b\[[0-9;:]*m/.exec(text.slice(i, i + 80));
      if (sgr !== null) {
        row += sgr[0];
        active = /^\x1b\[0*m$/.test(sgr[0]) ? '' : active + sgr[0];
        i += sgr[0].length;
        continue;
      }
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const w = codePointWidth(cp);
    if (used + w > width && used > 0) {
      rows.push(active === '' ? row : `${row}\x1b[0m`);
      row = active;
      used = 0;
    }
    row += ch;
    used += w;
    i += ch.length;
  }
  if (rows.length < maxRows && (row !== '' || rows.length === 0)) rows.push(row);
  return rows;
}

function lineRows(buffer: LogBuffer, index: number, state: LogViewState, width: number): LogRow[] {
  const record = buffer.get(index);
  if (record === undefined) return [];
  const prefix = state.prefix && record.kind === 'line' ? `[${record.container}] ` : '';
  const stamp = state.timestamps && record.timestamp !== '' ? `${record.timestamp} ` : '';
  const body = `${stamp}${record.text}`;
  const match = state.search !== '' && plainText(record.text).toLowerCase().includes(state.search.toLowerCase());
  const bodyWidth = Math.max(1, width - prefix.length);
  const parts = wrapColumns(body, bodyWidth, state.wrap ? Number.POSITIVE_INFINITY : 1);
  return parts.map((text, i) => ({ line: index, kind: record.kind, container: record.container, prefix: i === 0 ? prefix : ' '.repeat(prefix.length), text, match }));
}

/** The last line the view may show: the newest, or where it was paused. */
export function viewEnd(buffer: LogBuffer, state: LogViewState): number {
  return state.paused ? Math.max(buffer.start, Math.min(state.pausedEnd, buffer.end)) : buffer.end;
}

/** Lines that came in since the pause. */
export function newSincePause(buffer: LogBuffer, state: LogViewState): number {
  return state.paused ? Math.max(0, buffer.end - state.pausedEnd) : 0;
}

/** Only the rows that fit: at most `height` rows read from the buffer, whatever its size. */
export function visibleRows(buffer: LogBuffer, state: LogViewState, width: number, height: number): LogRow[] {
  const end = viewEnd(buffer, state);
  if (state.follow) {
    const rows: LogRow[] = [];
    for (let index = end - 1; index >= buffer.start && rows.length < height; index--) rows.unshift(...lineRows(buffer, index, state, width));
    return rows.slice(Math.max(0, rows.length - height));
  }
  const rows: LogRow[] = [];
  for (let index = Math.max(state.top, buffer.start); index < end && rows.length < height; index++) rows.push(...lineRows(buffer, index, state, width));
  return rows.slice(0, height);
}

/** The first line on screen, for scrolling from where the view is. */
export function topLine(buffer: LogBuffer, state: LogViewState, width: number, height: number): number {
  return visibleRows(buffer, state, width, height)[0]?.line ?? buffer.start;
}

/** Scrolls by `delta` lines; reaching the end again resumes following. */
export function scrollBy(buffer: LogBuffer, state: LogViewState, delta: number, width: number, height: number): LogViewState {
  const end = viewEnd(buffer, state);
  const top = Math.max(buffer.start, topLine(buffer, state, width, height) + delta);
  if (top + height >= end && delta > 0) return { ...state, follow: true };
  return { ...state, follow: false, top: Math.min(top, Math.max(buffer.start, end - 1)) };
}

/** The next (or previous) line containing the search text, starting after (before) `from`. */
export function findMatch(buffer: LogBuffer, state: LogViewState, from: number, direction: 1 | -1): number | undefined {
  if (state.search === '') return undefined;
  const needle = state.search.toLowerCase();
  const end = viewEnd(buffer, state);
  for (let index = from + direction; index >= buffer.start && index < end; index += direction) {
    const record = buffer.get(index);
    if (record?.kind === 'line' && plainText(record.text).toLowerCase().includes(needle)) return index;
  }
  return undefined;
}

/** Splits a row into plain pieces and search matches, for highlighting. */
export function highlightPieces(text: string, search: string): Array<{ text: string; match: boolean }> {
  const plain = plainText(text);
  if (search === '') return [{ text: plain, match: false }];
  const lower = plain.toLowerCase();
  const needle = search.toLowerCase();
  const pieces: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, at)) {
    if (found > at) pieces.push({ text: plain.slice(at, found), match: false });
    pieces.push({ text: plain.slice(found, found + needle.length), match: true });
    at = found + needle.length;
  }
  if (at < plain.length) pieces.push({ text: plain.slice(at), match: false });
  return pieces;
}

/** Everything held, as plain text lines, for saving to a file. */
export function bufferText(buffer: LogBuffer, state: LogViewState): string[] {
  const out: string[] = [];
  for (let index = buffer.start; index < buffer.end; index++) {
    const record = buffer.get(index);
    if (record === undefined) continue;
    const prefix = state.prefix && record.kind === 'line' ? `[${record.container}] ` : '';
    const stamp = state.timestamps && record.timestamp !== '' ? `${record.timestamp} ` : '';
    out.push(`${prefix}${stamp}${plainText(record.text)}`);
  }
  return out;
}
