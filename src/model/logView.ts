import { DEFAULT_LOG_LIMITS } from './logDefaults.js';
import { asSgrText, cleanLogLine, cleanLogLineKeepingColours, cleanName, EMPTY, joinPrintable, p, slicePrintable, spaces, type Printable, type SgrText } from './printable.js';
import { LogRing, type LogRingOptions } from './ringBuffer.js';
import { textWidth, trailingColumns } from './textWidth.js';
import { FilterIndex, filterShows, parseLineFilter, type FilterableLines, type LineFilter } from './logFilter.js';
import { highlightPieces as highlightStyled, sgrPieces, sgrPlainText, wrapPieces, type StyledPiece } from './sgr.js';

/** What the log view holds per line. Text is sanitised before it is stored. */
export interface LogRecord {
  kind: 'line' | 'marker';
  container: Printable;
  /** RFC 3339 as the kubelet wrote it, '' for markers. */
  timestamp: Printable;
  /** Sanitised: SGR colours at most (see model/printable cleanLogLineKeepingColours). */
  text: SgrText;
  /**
   * The line's bytes as the server sent them (escape sequences, invalid UTF-8 and all), for saving
   * raw; each byte one char (latin1). Absent when the sanitised text is those bytes as UTF-8.
   */
  raw?: string;
}

export { DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES } from './logDefaults.js';

// Sanitised text, cleaned names and timestamps never contain NUL, so it separates the fields of one
// ring entry; the raw bytes come last and may hold anything.
const SEP = '\u0000';
const SGR_SEQUENCE = /\x1b\[[0-9;:]*m/g;

/** Where the `n`th separator of a ring entry is (the entry's length when it has fewer). */
function nthSeparator(entry: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = entry.indexOf(SEP, at + 1);
    if (at < 0) return entry.length;
  }
  return at;
}

/** Text decoded from bytes is those bytes again as UTF-8 unless the decoder replaced something, and the sanitiser left it alone. */
function rawIsText(rawText: string, sanitised: string): boolean {
  return rawText === sanitised && !rawText.includes('\ufffd');
}

/**
 * The log lines of the view in a LogRing (bounded in lines and bytes); indexes are absolute: line
 * `start` is the oldest still held, `end` is one past the newest, `start` counts the lines dropped.
 * A line's raw bytes are kept beside its text only where they differ, and count against the same
 * byte budget.
 */
export class LogBuffer implements FilterableLines {
  private readonly ring: LogRing;
  private readonly filterIndex = new FilterIndex();
  private cleared = 0;
  /** The last container name cleaned: a stream's lines all carry the same one. */
  private containerSeen = '';
  private containerClean: Printable = EMPTY;

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

  /** What the ring has allocated (see LogRing.footprint). */
  get footprint(): { lineSlots: number; storeBytes: number } {
    return this.ring.footprint;
  }

  get generation(): number {
    return this.cleared;
  }

  /** Matched on the stored text as it is (only read, never drawn: no need to check it again as get() does). */
  shown(index: number, filter: LineFilter): boolean {
    const entry = index < this.ring.dropped ? undefined : this.ring.get(index - this.ring.dropped);
    if (entry === undefined) return false;
    const textStart = nthSeparator(entry, 3) + 1;
    const textEnd = entry.indexOf(SEP, textStart);
    const text = entry.slice(textStart, textEnd < 0 ? entry.length : textEnd).replace(SGR_SEQUENCE, '');
    return filterShows(filter, entry.startsWith('m') ? 'marker' : 'line', text);
  }

  /** The index of the lines `filter` lets through, brought up to date with what came since. */
  filtered(filter: LineFilter): FilterIndex {
    this.filterIndex.sync(this, filter);
    return this.filterIndex;
  }

  /**
   * Sanitises untrusted log text (colours kept only when asked) and stores the line. `rawBytes`: the
   * line as it came off the wire, when the source has it (else the text is what is saved as raw).
   */
  appendLine(container: string, timestamp: string, rawText: string, keepColors: boolean, rawBytes?: Uint8Array): void {
    const text = keepColors ? cleanLogLineKeepingColours(rawText) : asSgrText(cleanLogLine(rawText));
    const record: LogRecord = { kind: 'line', container: this.cleanContainer(container), timestamp: cleanName(timestamp), text };
    if (rawBytes === undefined) {
      if (rawText !== text) record.raw = Buffer.from(rawText).toString('latin1');
    } else if (!rawIsText(rawText, text) || Buffer.byteLength(rawText) !== rawBytes.length) {
      record.raw = Buffer.from(rawBytes.buffer, rawBytes.byteOffset, rawBytes.byteLength).toString('latin1');
    }
    this.append(record);
  }

  private cleanContainer(container: string): Printable {
    if (container !== this.containerSeen) {
      this.containerSeen = container;
      this.containerClean = cleanName(container);
    }
    return this.containerClean;
  }

  /** A line of our own (e.g. the restart marker). */
  appendMarker(container: string, text: Printable): void {
    this.append({ kind: 'marker', container: cleanName(container), timestamp: EMPTY, text: asSgrText(text) });
  }

  append(record: LogRecord): void {
    const head = `${record.kind === 'marker' ? 'm' : 'l'}${SEP}${record.container}${SEP}${record.timestamp}${SEP}${record.text}`;
    this.ring.push(record.raw === undefined ? head : `${head}${SEP}${record.raw}`);
  }

  get(index: number): LogRecord | undefined {
    const entry = this.ring.get(index - this.ring.dropped);
    if (entry === undefined || index < this.ring.dropped) return undefined;
    const fields: string[] = [];
    let at = 0;
    for (let i = 0; i < 4; i++) {
      const next = entry.indexOf(SEP, at);
      fields.push(entry.slice(at, next < 0 ? entry.length : next));
      at = next < 0 ? entry.length + 1 : next + 1;
    }
    const [kind = 'l', container = '', timestamp = '', text = ''] = fields;
    // Checked again on the way out (idempotent on what appendLine stored, and cheap for ASCII): a
    // bug in the packing can garble a line but never let a control through.
    const record: LogRecord = {
      kind: kind === 'm' ? 'marker' : 'line',
      container: cleanName(container),
      timestamp: cleanName(timestamp),
      text: cleanLogLineKeepingColours(text),
    };
    if (at <= entry.length) record.raw = entry.slice(at);
    return record;
  }

  clear(): void {
    this.ring.clear();
    this.cleared++;
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
  /** The line filter as typed: `text` only lines with it, `!text` only lines without (see model/logFilter). */
  filter: string;
}

export function initialLogViewState(): LogViewState {
  return { follow: true, top: 0, paused: false, pausedEnd: 0, timestamps: false, wrap: false, prefix: false, search: '', filter: '' };
}

/** Steps over the lines the view shows, between the oldest held and viewEnd: all of them, or the filter's. */
interface LineWalk {
  /** The first shown line at or after `from`. */
  atOrAfter(from: number): number | undefined;
  /** The last shown line before `before`. */
  before(before: number): number | undefined;
}

function walkOf(buffer: LogBuffer, state: LogViewState): LineWalk {
  const end = viewEnd(buffer, state);
  const filter = parseLineFilter(state.filter);
  if (filter === undefined) {
    return {
      atOrAfter: (from) => (Math.max(from, buffer.start) < end ? Math.max(from, buffer.start) : undefined),
      before: (before) => (Math.min(before, end) - 1 >= buffer.start ? Math.min(before, end) - 1 : undefined),
    };
  }
  const index = buffer.filtered(filter);
  return {
    atOrAfter: (from) => {
      const found = index.atOrAfter(from);
      return found !== undefined && found < end ? found : undefined;
    },
    before: (before) => index.before(Math.min(before, end)),
  };
}

export interface LogRow {
  /** Absolute index of the line this row belongs to. */
  line: number;
  kind: LogRecord['kind'];
  container: Printable;
  /** The container prefix (only on a line's first row; spaces on the others). */
  prefix: Printable;
  /** This row's part of the line, in styled pieces (colours the sanitiser kept). */
  pieces: StyledPiece[];
  /** The same, as plain text. */
  text: Printable;
  /** The line contains the search text. */
  match: boolean;
}

/** `[container] ` before a line of a merged view, '' otherwise. */
function prefixOf(record: LogRecord, state: LogViewState): Printable {
  return state.prefix && record.kind === 'line' ? p`[${record.container}] ` : EMPTY;
}

/**
 * The prefix on screen: at most a third of the width, so a long (or hostile) pod name never pushes
 * the line itself off; cut at the start (`[~d-mn4rl] `), as the end of a generated name tells
 * replicas apart.
 */
function screenPrefix(record: LogRecord, state: LogViewState, width: number): Printable {
  const whole = prefixOf(record, state);
  const most = Math.max(8, Math.floor(width / 3));
  if (whole === '' || textWidth(whole) <= most) return whole;
  const label = record.container;
  return p`[~${slicePrintable(label, trailingColumns(label, most - 4).start)}] `;
}

function stampOf(record: LogRecord, state: LogViewState): Printable {
  return state.timestamps && record.timestamp !== '' ? p`${record.timestamp} ` : EMPTY;
}

function matches(record: LogRecord, search: string): boolean {
  return search !== '' && sgrPlainText(record.text).toLowerCase().includes(search.toLowerCase());
}

function lineRows(buffer: LogBuffer, index: number, state: LogViewState, width: number): LogRow[] {
  const record = buffer.get(index);
  if (record === undefined) return [];
  const prefix = screenPrefix(record, state, width);
  const stamp = stampOf(record, state);
  const pieces: StyledPiece[] = [...(stamp === '' ? [] : [{ text: stamp, style: {} }]), ...sgrPieces(record.text)];
  const match = matches(record, state.search);
  const prefixWidth = textWidth(prefix);
  const bodyWidth = Math.max(1, width - prefixWidth);
  const rows = wrapPieces(pieces, bodyWidth, state.wrap ? Number.POSITIVE_INFINITY : 1);
  return rows.map((row, i) => ({
    line: index,
    kind: record.kind,
    container: record.container,
    prefix: i === 0 ? prefix : spaces(prefixWidth),
    pieces: row,
    text: joinPrintable(row.map((piece) => piece.text)),
    match,
  }));
}

/** The last line the view may show: the newest, or where it was paused. */
export function viewEnd(buffer: LogBuffer, state: LogViewState): number {
  return state.paused ? Math.max(buffer.start, Math.min(state.pausedEnd, buffer.end)) : buffer.end;
}

/** Lines that came in since the pause. */
export function newSincePause(buffer: LogBuffer, state: LogViewState): number {
  return state.paused ? Math.max(0, buffer.end - state.pausedEnd) : 0;
}

/** Only the rows that fit: at most `height` rows read from the buffer (and the filter's index), whatever its size. */
export function visibleRows(buffer: LogBuffer, state: LogViewState, width: number, height: number): LogRow[] {
  const walk = walkOf(buffer, state);
  const end = viewEnd(buffer, state);
  if (state.follow) {
    const rows: LogRow[] = [];
    for (let index = walk.before(end); index !== undefined && rows.length < height; index = walk.before(index)) rows.unshift(...lineRows(buffer, index, state, width));
    return rows.slice(Math.max(0, rows.length - height));
  }
  const rows: LogRow[] = [];
  for (let index = walk.atOrAfter(state.top); index !== undefined && rows.length < height; index = walk.atOrAfter(index + 1)) rows.push(...lineRows(buffer, index, state, width));
  return rows.slice(0, height);
}

/** The first line on screen, for scrolling from where the view is. */
export function topLine(buffer: LogBuffer, state: LogViewState, width: number, height: number): number {
  return visibleRows(buffer, state, width, height)[0]?.line ?? buffer.start;
}

/** Scrolls by `delta` shown lines; reaching the end again resumes following. */
export function scrollBy(buffer: LogBuffer, state: LogViewState, delta: number, width: number, height: number): LogViewState {
  const walk = walkOf(buffer, state);
  let top = topLine(buffer, state, width, height);
  for (let step = 0; step < Math.abs(delta); step++) {
    const next = delta > 0 ? walk.atOrAfter(top + 1) : walk.before(top);
    if (next === undefined) break;
    top = next;
  }
  if (delta > 0) {
    // As many shown lines from the new top to the end as fit on the screen: that is following again.
    let shown = 0;
    for (let index = walk.atOrAfter(top); index !== undefined && shown <= height; index = walk.atOrAfter(index + 1)) shown++;
    if (shown <= height) return { ...state, follow: true };
  }
  return { ...state, follow: false, top };
}

/** The next (or previous) shown line containing the search text, starting after (before) `from`. */
export function findMatch(buffer: LogBuffer, state: LogViewState, from: number, direction: 1 | -1): number | undefined {
  if (state.search === '') return undefined;
  const needle = state.search.toLowerCase();
  const walk = walkOf(buffer, state);
  for (let index = direction === 1 ? walk.atOrAfter(from + 1) : walk.before(from); index !== undefined; index = direction === 1 ? walk.atOrAfter(index + 1) : walk.before(index)) {
    const record = buffer.get(index);
    if (record?.kind === 'line' && sgrPlainText(record.text).toLowerCase().includes(needle)) return index;
  }
  return undefined;
}

/** How many lines the filter lets through of those held (all of them without a filter). */
export function shownCount(buffer: LogBuffer, state: LogViewState): number {
  const filter = parseLineFilter(state.filter);
  return filter === undefined ? buffer.length : buffer.filtered(filter).count;
}

/** A row's pieces with the search text marked (inverse video), colours kept. */
export function highlightRow(row: LogRow, search: string): StyledPiece[] {
  return row.match ? highlightStyled(row.pieces, search) : row.pieces;
}

/** The indexes of every line held that the filter shows, oldest first (pausing does not hide lines from a save). */
function* shownIndexes(buffer: LogBuffer, state: LogViewState): Generator<number> {
  const walk = walkOf(buffer, { ...state, paused: false });
  for (let index = walk.atOrAfter(buffer.start); index !== undefined; index = walk.atOrAfter(index + 1)) yield index;
}

/** Everything held that the filter shows, as the lines of text the view shows (sanitised), for saving to a file. */
export function bufferText(buffer: LogBuffer, state: LogViewState): Printable[] {
  const out: Printable[] = [];
  for (const index of shownIndexes(buffer, state)) {
    const record = buffer.get(index);
    if (record === undefined) continue;
    out.push(joinPrintable([prefixOf(record, state), stampOf(record, state), sgrPlainText(record.text)]));
  }
  return out;
}

/**
 * Everything held, as the bytes the server sent: each log line exactly as it came (escape sequences
 * and invalid UTF-8 included), after the view's container prefix and timestamp; our own marker
 * lines are left out, and so are those the filter hides.
 */
export function bufferRaw(buffer: LogBuffer, state: LogViewState): Buffer {
  const parts: Buffer[] = [];
  for (const index of shownIndexes(buffer, state)) {
    const record = buffer.get(index);
    if (record === undefined || record.kind === 'marker') continue;
    parts.push(Buffer.from(`${prefixOf(record, state)}${stampOf(record, state)}`));
    parts.push(record.raw === undefined ? Buffer.from(record.text) : Buffer.from(record.raw, 'latin1'));
    parts.push(NEWLINE);
  }
  return Buffer.concat(parts);
}

const NEWLINE = Buffer.from('\n');
