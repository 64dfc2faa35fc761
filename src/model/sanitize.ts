/**
 * Log lines and container messages are written by whatever runs in the cluster, so they are
 * untrusted: a line must never move the cursor, clear the screen, switch buffers, retitle the
 * window, plant hyperlinks or talk to the terminal. Everything that is not printable text is
 * removed; SGR colours may optionally survive.
 */

export interface SanitizeOptions {
  /** Keep `ESC[<numbers>m` colour/style sequences (closing an open one with a reset at the end). */
  keepColors: boolean;
  /** Keep tabs as tabs (a text stream) instead of spaces to the next multiple of 8 (a screen). */
  keepTabs?: boolean;
}

const ESC = 0x1b;
const BEL = 0x07;
const TAB = 0x09;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_STRING_STARTS = new Set([0x90 /* DCS */, 0x98 /* SOS */, 0x9d /* OSC */, 0x9e /* PM */, 0x9f /* APC */]);
/** After ESC: the introducers of string sequences that run to a terminator (DCS, SOS, OSC, PM, APC). */
const ESC_STRING_STARTS = new Set(['P', 'X', ']', '^', '_']);
const TAB_WIDTH = 8;
const MAX_KEPT_SGR_PARAMS = 64;
const RESET = '\x1b[0m';

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function sanitizeLogLine(text: string, options: SanitizeOptions): string {
  if (PLAIN_ASCII.test(text)) return text;
  let out = '';
  let column = 0;
  let colorOpen = false;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (cp === ESC) {
      const next = text[i + 1];
      if (next === '[') {
        const csi = readCsi(text, i + 2);
        if (options.keepColors && csi.final === 'm' && csi.intermediates === '' && isSgrParams(csi.params)) {
          out += `\x1b[${csi.params}m`;
          colorOpen = !/^0*$/.test(csi.params);
        }
        i = csi.end;
      } else if (next !== undefined && ESC_STRING_STARTS.has(next)) {
        i = skipControlString(text, i + 2);
      } else {
        i = skipEscape(text, i + 1);
      }
      continue;
    }
    if (cp === C1_CSI) {
      i = readCsi(text, i + 1).end;
      continue;
    }
    if (C1_STRING_STARTS.has(cp)) {
      i = skipControlString(text, i + 1);
      continue;
    }
    i += ch.length;
    if (cp === TAB && options.keepTabs === true) {
      out += ch;
      column += TAB_WIDTH - (column % TAB_WIDTH);
      continue;
    }
    if (cp === TAB) {
      const spaces = TAB_WIDTH - (column % TAB_WIDTH);
      out += ' '.repeat(spaces);
      column += spaces;
      continue;
    }
    if (isControl(cp) || isBidiControl(cp) || isLineSeparator(cp)) continue;
    if (isBetween(cp, 0xd800, 0xdfff)) {
      // A lone surrogate (a pair is one code point here): what a UTF-8 encoder would write anyway.
      out += '\ufffd';
      column += 1;
      continue;
    }
    out += ch;
    column += codePointWidth(cp);
  }
  // A colour left open would bleed into whatever the UI draws next.
  if (colorOpen) out += RESET;
  return out;
}

interface Csi {
  params: string;
  intermediates: string;
  final: string | undefined;
  end: number;
}

/** Parses a CSI body (ECMA-48: parameter bytes, intermediate bytes, one final byte) starting at `start`. */
function readCsi(text: string, start: number): Csi {
  let i = start;
  let params = '';
  let intermediates = '';
  while (i < text.length && isBetween(text.charCodeAt(i), 0x30, 0x3f)) params += text[i++];
  while (i < text.length && isBetween(text.charCodeAt(i), 0x20, 0x2f)) intermediates += text[i++];
  if (i < text.length && isBetween(text.charCodeAt(i), 0x40, 0x7e)) {
    return { params, intermediates, final: text[i], end: i + 1 };
  }
  // Malformed or cut short: drop what was read and resume at the offending character.
  return { params, intermediates, final: undefined, end: i };
}

/** Skips an OSC/DCS/SOS/PM/APC payload up to BEL or ST; an unterminated one swallows the rest, as a terminal would. */
function skipControlString(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BEL || c === C1_ST) return i + 1;
    if (c === ESC && text[i + 1] === '\\') return i + 2;
  }
  return text.length;
}

/** Skips a non-CSI escape sequence: intermediates then one final byte (ESC 7, ESC ( B, ESC c, ...). */
function skipEscape(text: string, start: number): number {
  let i = start;
  while (i < text.length && isBetween(text.charCodeAt(i), 0x20, 0x2f)) i++;
  if (i < text.length && isBetween(text.charCodeAt(i), 0x30, 0x7e)) return i + 1;
  return i;
}

function isSgrParams(params: string): boolean {
  return params.length <= MAX_KEPT_SGR_PARAMS && /^[0-9;:]*$/.test(params);
}

function isBetween(c: number, low: number, high: number): boolean {
  return c >= low && c <= high;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || cp === 0x7f || isBetween(cp, 0x80, 0x9f);
}

/** Bidirectional overrides/isolates can make a line display in a different order than it reads. */
function isBidiControl(cp: number): boolean {
  return isBetween(cp, 0x202a, 0x202e) || isBetween(cp, 0x2066, 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c;
}

/** U+2028 and U+2029 end a line for some renderers; a log line is one line. */
function isLineSeparator(cp: number): boolean {
  return cp === 0x2028 || cp === 0x2029;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufe00-\ufe0f]$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;

/** Terminal columns a code point occupies: 0 for combining marks, 2 for East Asian wide and emoji. */
export function codePointWidth(cp: number): number {
  if (isControl(cp)) return 0;
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  if (isWide(cp) || (cp >= 0x1f000 && EMOJI.test(ch))) return 2;
  return 1;
}

function isWide(cp: number): boolean {
  return (
    isBetween(cp, 0x1100, 0x115f) ||
    isBetween(cp, 0x2e80, 0x303e) ||
    isBetween(cp, 0x3041, 0x33ff) ||
    isBetween(cp, 0x3400, 0x4dbf) ||
    isBetween(cp, 0x4e00, 0x9fff) ||
    isBetween(cp, 0xa000, 0xa4cf) ||
    isBetween(cp, 0xac00, 0xd7a3) ||
    isBetween(cp, 0xf900, 0xfaff) ||
    isBetween(cp, 0xfe30, 0xfe4f) ||
    isBetween(cp, 0xff00, 0xff60) ||
    isBetween(cp, 0xffe0, 0xffe6) ||
    isBetween(cp, 0x20000, 0x3fffd)
  );
}

const SGR = /\x1b\[[0-9;:]*m/g;

/** Columns a sanitized line occupies: kept SGR sequences take none. */
export function visibleWidth(sanitized: string): number {
  let width = 0;
  for (const ch of sanitized.replace(SGR, '')) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Plain, single-line text for labels: newlines become spaces, nothing else survives but printable text. */
export function sanitizeInline(text: string): string {
  return sanitizeLogLine(text.replace(/\r?\n/g, ' '), { keepColors: false });
}
