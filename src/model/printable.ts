/**
 * The one boundary for text that reaches a terminal. Anything the cluster sends (names, reasons,
 * messages, labels, error bodies) may hold escape sequences that retitle the window, write the
 * clipboard (OSC 52), plant links or leave the alternate screen. A `Printable` is text that cannot:
 * it is minted only here, so a component or printer that takes `Printable` cannot be handed raw
 * cluster text by mistake — the type checker refuses it.
 *
 * Unlike log lines (sanitizeLogLine drops what is not text), a field is shown with every control
 * made visible, as kubectl does: ESC becomes `^[`, other C0 controls `^X`, DEL `^?`, C1 controls,
 * bidi overrides and other invisible format characters `<U+XXXX>`, a lone surrogate (broken UTF-16)
 * `<U+D800>`. Every placeholder is plain ASCII, one column per character, in any locale.
 */
import { sanitizeLogLine, type SanitizeOptions } from './sanitize.js';

declare const printableBrand: unique symbol;

/** Text that holds no control character, escape sequence or invisible format character. */
export type Printable = string & { readonly [printableBrand]: true };

export const EMPTY: Printable = '' as Printable;

const CARET_NAMES = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_';

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
  return text.split(/\r?\n/).map((line) => clean(line));
}

/** A log line: escape sequences are dropped (not shown), SGR colours optionally kept; see sanitizeLogLine. */
export function cleanLogLine(text: string, options: SanitizeOptions): Printable {
  return sanitizeLogLine(text.replace(/\r?\n/g, ' '), options) as Printable;
}

/**
 * Our own text with values in it: `p\`${count} pods\``. Only Printable and numbers may be
 * interpolated, so cluster text has to pass clean() first.
 */
export function p(strings: TemplateStringsArray, ...values: readonly (Printable | number)[]): Printable {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += String(value) + (strings[i + 1] ?? '');
  });
  return clean(out);
}

/** Joins Printable parts; the result is Printable because no join of them can form a control. */
export function joinPrintable(parts: readonly Printable[], separator: Printable | string = ''): Printable {
  return parts.join(clean(separator)) as Printable;
}

/**
 * A piece of a Printable (a cut made by the text helpers at code point boundaries). Cutting text
 * that holds no control character cannot make one, so the brand is kept.
 */
export function slicePrintable(text: Printable, start: number, end?: number): Printable {
  return text.slice(start, end) as Printable;
}

/** The same Printable with spaces added: padding and indentation keep the brand. */
export function padPrintable(text: Printable, before: number, after: number): Printable {
  return (' '.repeat(Math.max(0, before)) + text + ' '.repeat(Math.max(0, after))) as Printable;
}
