import type { Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/** One character of a chunk as Ink reports that character typed alone. */
function keypressOf(character: string, plain: Key): { input: string; key: Key } {
  const code = character.codePointAt(0) ?? 0;
  if (character === '\r' || character === '\n') return { input: '', key: { ...plain, return: true } };
  if (character === '\t') return { input: '', key: { ...plain, tab: true } };
  if (character === '\b') return { input: '', key: { ...plain, backspace: true } };
  if (character === '\x7f') return { input: '', key: { ...plain, delete: true } };
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...plain, ctrl: true } };
  return { input: character, key: { ...plain, shift: /[A-Z]/.test(character) } };
}

/**
 * The keypresses in one chunk. Ink hands over text that arrived in one read (typed fast over SSH,
 * from tmux) as one input, a trailing Enter included; here each is its own keypress. A chunk with a
 * line break before its end is a paste from a terminal without bracketed paste: it stays whole, so
 * pasted lines never run as commands. Escape sequences never share a chunk (Ink splits them off).
 */
export function splitKeypresses(input: string, key: Key): { input: string; key: Key }[] {
  const characters = [...input];
  if (characters.length < 2 || key.ctrl || key.meta) return [{ input, key }];
  if (characters.slice(0, -1).some((c) => c === '\r' || c === '\n')) return [{ input, key }];
  return characters.map((character) => keypressOf(character, key));
}

function keypressName(keypress: { input: string; key: Key }): string {
  return `${keypress.input}|${JSON.stringify(keypress.key)}`;
}

/** How long to wait for React to show a keypress before the next one goes anyway (a key that changed nothing). */
export const COMMIT_WAIT_MS = 50;
/** The same for a repeat of the key before it: a held key at the end of a list must not pile up. */
export const REPEAT_WAIT_MS = 5;

/** What Ink reports for the bracketed-paste markers ESC[200~ and ESC[201~ (the ESC taken off). */
const PASTE_START = '[200~';
const PASTE_END = '[201~';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * Hands each keypress to the handlers active at that moment. Over SSH, from tmux or a paste, `/web`
 * arrives in one read, and React renders a keypress's state change later, in a task of its own:
 * without pacing, `w`, `e` and `b` would reach the handlers of the screen before `/` opened the
 * filter, or read a stale text. So after each keypress the next one waits until React has committed
 * (useKeys reports every commit of a component taking keys), or COMMIT_WAIT_MS when nothing changed.
 */
export class KeyRouter {
  private readonly handlers = new Set<{ handle: KeyHandler }>();
  private readonly queue: { input: string; key: Key }[] = [];
  private waiting: NodeJS.Timeout | undefined;
  private disposed = false;
  private last: string | undefined;
  /** The text of a bracketed paste until its end marker; undefined outside one. */
  private pasted: string | undefined;

  /** Registers a handler; returns its removal. */
  add(handle: KeyHandler): () => void {
    const entry = { handle };
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  /**
   * A chunk from the terminal: its first keypress now unless an earlier one is still being shown.
   * A bracketed paste is one input of several characters, which command keys ignore and text
   * fields take as typed.
   */
  receive(input: string, key: Key): void {
    if (this.disposed) return;
    if (this.pasted !== undefined) {
      if (input !== PASTE_END) {
        this.pasted += key.return ? '\r' : key.tab ? '\t' : input;
        return;
      }
      this.queue.push({ input: this.pasted, key: NO_KEY });
      this.pasted = undefined;
    } else if (input === PASTE_START && !key.ctrl) {
      this.pasted = '';
      return;
    } else {
      this.queue.push(...splitKeypresses(input, key));
    }
    if (this.waiting === undefined) this.deliverNext();
    else if (this.queue.length === 1) this.arm();
  }

  /** React committed a render of a component taking keys: the next keypress may go. */
  committed(): void {
    if (this.waiting === undefined) return;
    clearTimeout(this.waiting);
    this.waiting = undefined;
    // After the commit, once every layout effect (registrations included) has run.
    queueMicrotask(() => {
      if (this.waiting === undefined) this.deliverNext();
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.waiting);
    this.waiting = undefined;
    this.queue.length = 0;
  }

  /** Waits for the commit of the last keypress; briefly when the next one repeats it (a held key). */
  private arm(): void {
    clearTimeout(this.waiting);
    const following = this.queue[0];
    const repeat = following !== undefined && keypressName(following) === this.last;
    this.waiting = setTimeout(() => {
      this.waiting = undefined;
      this.deliverNext();
    }, repeat ? REPEAT_WAIT_MS : COMMIT_WAIT_MS);
  }

  private deliverNext(): void {
    const next = this.queue.shift();
    if (next === undefined || this.disposed) return;
    this.last = keypressName(next);
    this.arm();
    // A handler's key may re-render and retire another one: only those still registered get it.
    for (const entry of [...this.handlers]) {
      if (this.handlers.has(entry)) entry.handle(next.input, next.key);
    }
  }
}
