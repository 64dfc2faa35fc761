import { toMillis, type Timestamp } from '../time.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (value: number): string => String(value).padStart(2, '0');

/**
 * Go's time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") in the reader's time zone, given as its
 * offset from UTC in minutes at that instant (kubectl prints times in the local zone).
 */
export function rfc1123z(timestamp: Timestamp | undefined | null, utcOffsetMinutes: (at: Date) => number): string {
  const ms = toMillis(timestamp) ?? 0;
  const offset = utcOffsetMinutes(new Date(ms));
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.trunc(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  return `${DAYS[local.getUTCDay()]}, ${two(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${zone}`;
}

/** The offset of the machine's own time zone, what kubectl uses. */
export function localUtcOffset(at: Date): number {
  return -at.getTimezoneOffset();
}

/** Go's %q of a string: double quotes, with Go's escapes for quotes, backslashes and controls. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A resource quantity's value (`100m` is 0.1, `20Mi` is 20971520); undefined when it does not parse. */
export function quantityValue(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(quantity.trim());
  if (match === null) return undefined;
  const number = Number(match[1]);
  if (match[2] !== undefined) return number * 10 ** Number(match[2].slice(1));
  const suffix = match[3] ?? '';
  return number * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}
