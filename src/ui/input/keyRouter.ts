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
 * from tmux, a paste) as one input, Enter and Backspace included; here each is its own keypress.
 * Escape sequences never share a chunk: Ink's parser already splits them off.
 */
export function splitKeypresses(input: string, key: Key): { input: string; key: Key }[] {
  const characters = [...input];
  if (characters.length < 2 || key.ctrl || key.meta) return [{ input, key }];
  return characters.map((character) => keypressOf(character, key));
}

/** How long to wait for React to show a keypress before the next one goes anyway (a key that changed nothing). */
export const COMMIT_WAIT_MS = 50;

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

  /** Registers a handler; returns its removal. */
  add(handle: KeyHandler): () => void {
    const entry = { handle };
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  /** A chunk from the terminal: its first keypress now unless an earlier one is still being shown. */
  receive(input: string, key: Key): void {
    if (this.disposed) return;
    this.queue.push(...splitKeypresses(input, key));
    if (this.waiting === undefined) this.deliverNext();
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

  private deliverNext(): void {
    const next = this.queue.shift();
    if (next === undefined || this.disposed) return;
    this.waiting = setTimeout(() => {
      this.waiting = undefined;
      this.deliverNext();
    }, COMMIT_WAIT_MS);
    // A handler's key may re-render and retire another one: only those still registered get it.
    for (const entry of [...this.handlers]) {
      if (this.handlers.has(entry)) entry.handle(next.input, next.key);
    }
  }
}
