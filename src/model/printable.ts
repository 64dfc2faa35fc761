/**
 * The one boundary for text that reaches a terminal. Anything the cluster sends (names, reasons,
 * messages, labels, error bodies) may hold escape sequences that retitle the window, write the
 * clipboard (OSC 52), plant links or leave the alternate screen. A `Printable` is text that cannot:
 * it is minted only here, so a component or printer that takes `Printable` cannot be handed raw
 * cluster text by mistake — the type checker refuses it.
 *
 * Unlike log lines (cleanLogLine drops what is not text), a field is shown with every control
 * made visible, as kubectl does: ESC becomes `^[`, other C0 controls `^X`, DEL `^?`, C1 controls,
 * bidi overrides and other invisible format characters `<U+XXXX>`, a lone surrogate (broken UTF-16)
 * `<U+D800>`. Every placeholder is plain ASCII, one column per character, in any locale. Invalid
 * UTF-8 never gets this far: every decoder on the way in (JSON bodies, watch lines, log streams)
 * turns it into U+FFFD, which is printable.
 */
import { sanitizeLogLine } from './sanitize.js';

declare const printableBrand: unique symbol;
declare const sgrBrand: unique symbol;

/** Text that holds no control character, escape sequence or invisible format character. */
export type Printable = string & { readonly [printableBrand]: true };

/**
 * A log line that may hold SGR sequences (colour and style: `ESC [ 31 m`) the log sanitiser
 * kept, and nothing else that is not printable. Not a Printable: it is drawn through
 * model/sgr's styled pieces, or written by the CLI's log writer, never measured or cut as text.
 */
export type SgrText = string & { readonly [sgrBrand]: true };

declare const logOutputBrand: unique symbol;

/**
 * A log line for a text stream (`podscope logs`): sanitised like SgrText, colours kept or not, but
 * tabs left as tabs (a tab only moves the cursor right). Only the CLI's log writer takes it.
 */
export type LogOutputText = string & { readonly [logOutputBrand]: true };

export const EMPTY: Printable = '' as Printable;

const CARET_NAMES = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_';

/** Nothing to do: printable ASCII (most names, reasons and messages). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Invisible characters that change how text around them is shown or read. */
const FORMAT_CHARACTER = /^[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]$/u;

function hex(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

/** The visible stand-in for one code point, or undefined when it is printable as it is. */
function placeholder(cp: number): string | undefined {
  if (cp < 0x20) return `^${CARET_NAMES[cp]}`;
  if (cp === 0x7f) return '^?';
  if (cp >= 0x80 && cp <= 0x9f) return `<U+${hex(cp)}>`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `<U+${hex(cp)}>`;
  if (cp < 0xa0) return undefined;
  if (FORMAT_CHARACTER.test(String.fromCodePoint(cp))) return `<U+${hex(cp)}>`;
  return undefined;
}

function escapeControls(text: string, lineBreak: string | undefined): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (lineBreak !== undefined && (cp === 0x0a || cp === 0x0d || cp === 0x09)) {
      // \r\n, \n, \r and tabs are the spacing of free text: one space each in a single line.
      if (cp === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 1;
      out += lineBreak;
      i += width;
      continue;
    }
    out += placeholder(cp) ?? String.fromCodePoint(cp);
    i += width;
  }
  return out;
}

/**
 * One line of cluster text made safe to print: line breaks and tabs become spaces, every other
 * control or invisible format character a visible placeholder. Absent values become ''.
 */
export function clean(text: string | number | undefined | null): Printable {
  if (text === undefined || text === null) return EMPTY;
  return escapeControls(String(text), ' ') as Printable;
}

/** Like clean, but a line break is shown as `^J` too: for identifiers, where a line break can only be a trick. */
export function cleanName(text: string | undefined | null): Printable {
  if (text === undefined || text === null) return EMPTY;
  return escapeControls(text, undefined) as Printable;
}

/** Multi-line cluster text (termination messages, describe output): one Printable per line. */
export function cleanLines(text: string | undefined | null): Printable[] {
  if (text === undefined || text === null || text === '') return [];
  return text.split(/\r\n|\n|\r/).map((line) => clean(line));
}

/**
 * A log line as text: escape sequences (colours included) and controls are dropped, not shown,
 * since a log is read for its words; tabs become spaces to the next multiple of 8. See sanitizeLogLine.
 */
export function cleanLogLine(text: string): Printable {
  return sanitizeLogLine(lineBreaksAsSpaces(text), { keepColors: false }) as Printable;
}

/** A line break inside a log line is a space (a line read off a stream has none: nothing to replace). */
function lineBreaksAsSpaces(text: string): string {
  return text.includes('\n') ? text.replace(/\r?\n/g, ' ') : text;
}

/** Like cleanLogLine, but SGR colour and style sequences survive (closed at the end of the line). */
export function cleanLogLineKeepingColours(text: string): SgrText {
  return sanitizeLogLine(lineBreaksAsSpaces(text), { keepColors: true }) as SgrText;
}

/** One log line (no newline in it) for a text stream: see LogOutputText. */
export function cleanLogOutputLine(text: string, options: { keepColours: boolean }): LogOutputText {
  return sanitizeLogLine(lineBreaksAsSpaces(text), { keepColors: options.keepColours, keepTabs: true }) as LogOutputText;
}

/** A log line for a text stream after a prefix of ours (`podscope logs --prefix`): still a LogOutputText. */
export function prefixLogOutput(prefix: Printable, line: LogOutputText): LogOutputText {
  return `${prefix}${line}` as LogOutputText;
}

/** A text piece of an SgrText between its SGR sequences, which holds none: see model/sgr. */
export function sgrTextPiece(text: SgrText, start: number, end: number): Printable {
  return slicePrintable(text as string as Printable, start, end);
}

/** An SgrText without its SGR sequences: what is left is printable text. */
export function stripSgr(text: SgrText): Printable {
  return text.replace(/\x1b\[[0-9;:]*m/g, '') as Printable;
}

/** A Printable is a valid SgrText (one without colours). */
export function asSgrText(text: Printable): SgrText {
  return text as string as SgrText;
}

/**
 * Our own text with values in it: `p\`${count} pods\``. Only Printable and numbers may be
 * interpolated, so cluster text has to pass clean() first.
 */
export function p(strings: TemplateStringsArray, ...values: readonly (Printable | number)[]): Printable {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += `${values[i]}${strings[i + 1] ?? ''}`;
  return clean(out);
}

/** Whether `text` is already printable as it is (what clean would leave unchanged). */
export function isPrintable(text: string): text is Printable {
  return escapeControls(text, undefined) === text;
}

/** Joins Printable parts; the result is Printable because no join of them can form a control. */
export function joinPrintable(parts: readonly Printable[], separator: Printable = EMPTY): Printable {
  return parts.join(separator) as Printable;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * A piece of a Printable. Cutting text that holds no control character cannot make one, except by
 * splitting a surrogate pair: a cut inside one moves to the start of that character.
 */
export function slicePrintable(text: Printable, start: number, end: number = text.length): Printable {
  let from = Math.max(0, Math.min(start, text.length));
  let to = Math.max(from, Math.min(end, text.length));
  if (from > 0 && isHighSurrogate(text.charCodeAt(from - 1)) && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  if (to > from && isHighSurrogate(text.charCodeAt(to - 1)) && isLowSurrogate(text.charCodeAt(to))) to -= 1;
  return text.slice(from, to) as Printable;
}

/** The same Printable with spaces added: padding and indentation keep the brand. */
export function padPrintable(text: Printable, before: number, after: number): Printable {
  return (' '.repeat(Math.max(0, before)) + text + ' '.repeat(Math.max(0, after))) as Printable;
}

/** `count` spaces. */
export function spaces(count: number): Printable {
  return ' '.repeat(Math.max(0, count)) as Printable;
}
