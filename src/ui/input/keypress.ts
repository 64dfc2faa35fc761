import type { Key } from 'ink';

/** One key as the handlers see it: Ink's shape, so `(input, key)` handlers work unchanged. */
export interface Keypress {
  input: string;
  key: Key;
}

export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

const named = (flag: keyof Key, extra: Partial<Key> = {}): Keypress => ({ input: '', key: { ...NO_KEY, [flag]: true, ...extra } });

export const ESCAPE: Keypress = named('escape');

/** The bracketed-paste markers ESC[200~ and ESC[201~: what lies between is text, never keys. */
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/** CSI and SS3 sequences of the keys we know, by what follows ESC. */
const SEQUENCES: Readonly<Record<string, Keypress>> = {
  '[A': named('upArrow'), '[B': named('downArrow'), '[C': named('rightArrow'), '[D': named('leftArrow'),
  OA: named('upArrow'), OB: named('downArrow'), OC: named('rightArrow'), OD: named('leftArrow'),
  '[H': named('home'), '[F': named('end'), OH: named('home'), OF: named('end'),
  '[1~': named('home'), '[7~': named('home'), '[4~': named('end'), '[8~': named('end'),
  '[5~': named('pageUp'), '[6~': named('pageDown'), '[3~': named('delete'),
  '[Z': named('tab', { shift: true }),
};

/** Terminal keys and reports without parameters that podscope ignores: F1-F4, focus in and out. */
const IGNORED = new Set(['OP', 'OQ', 'OR', 'OS', '[P', '[Q', '[R', '[S', '[I', '[O']);

/** A typed character: Ink's reading of it alone. */
function characterKey(character: string): Keypress | undefined {
  const code = character.codePointAt(0) ?? 0;
  if (character === '\r' || character === '\n') return named('return');
  if (character === '\t') return named('tab');
  if (character === '\b') return named('backspace');
  if (character === '\x7f') return named('delete');
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  if (code < 0x20) return undefined;
  return { input: character, key: { ...NO_KEY, shift: /^[A-Z]$/.test(character) } };
}

function textKeys(text: string): Keypress[] {
  const keys: Keypress[] = [];
  for (const character of text) {
    const key = characterKey(character);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** A CSI or SS3 sequence without its ESC, modifiers dropped (`[1;5A` is Ctrl-Up: still Up). */
function sequenceKey(body: string): Keypress | undefined {
  const known = SEQUENCES[body];
  if (known !== undefined) return known;
  const modified = /^\[1;\d+([A-DHF])$/.exec(body) ?? /^\[(\d+);\d+~$/.exec(body);
  if (modified?.[1] !== undefined) return SEQUENCES[/^\d+$/.test(modified[1]) ? `[${modified[1]}~` : `[${modified[1]}`];
  return undefined;
}

/**
 * The keypresses in one input event as Ink's input parser cuts them (a run of text, or one escape
 * sequence). Keys typed faster than they are read arrive together, and Ink then reads an Esc
 * followed by a key as Alt+key (`ESC /`): podscope binds no Alt keys, so that is Esc and then the
 * key, as typed. Sequences of keys podscope does not know (F-keys, focus reports) are dropped.
 */
export function parseKeypresses(event: string): Keypress[] {
  if (!event.startsWith('\x1b')) return textKeys(event);
  const body = event.slice(1);
  if (body === '') return [ESCAPE];
  if (body.startsWith('\x1b')) return [ESCAPE, ...parseKeypresses(body)];
  const known = sequenceKey(body);
  if (known !== undefined) return [known];
  if (IGNORED.has(body)) return [];
  // Sequences with parameters are a terminal's own keys (F5: ESC[15~): dropped. Anything else is
  // no sequence at all but an Esc typed before `[`, `O` or another key.
  if (/^\[[\d;?]+[~A-Za-z]$/.test(body)) return [];
  return [ESCAPE, ...textKeys(body)];
}
