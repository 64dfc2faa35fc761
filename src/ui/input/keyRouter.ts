import type { Key } from 'ink';
import { NO_KEY, PASTE_END, PASTE_START, parseKeypresses, type Keypress } from './keypress.js';

export type KeyHandler = (input: string, key: Key) => void;

/** Who takes the keys: the model (handled synchronously against the latest state) or the component handlers. */
export type KeyOwner = 'model' | 'components';

/** What the router delivers to. */
export interface KeyTarget {
  /** Who takes the next key, decided by the state the previous key left. */
  owner(): KeyOwner;
  /** Handles one key against the latest state, synchronously. */
  handle(keypress: Keypress): void;
  /** Handled at once, ahead of any queued key (Ctrl-C). */
  isUrgent(keypress: Keypress): boolean;
  /** Why keys must wait (a list still loading), if they must. */
  waitingFor(): string | undefined;
  /** Told when what waitingFor() depends on may have changed. */
  subscribe(listener: () => void): () => void;
}

export interface KeyRouterOptions {
  /** The longest keys wait for a list to load before they go to whatever is there. */
  maxWaitMs?: number;
  /** How long one turn of handling queued keys may take before frames and watch events get theirs. */
  sliceMs?: number;
}

/** How long component handlers get to show a key before the next one goes anyway (a key that changed nothing). */
export const COMMIT_WAIT_MS = 50;

/**
 * Every key reaches, in the order typed, the handler the state left by the key before it names:
 * nothing is dropped, merged or reordered, however fast keys arrive or however far behind React's
 * rendering is. Keys are queued, then handled one by one synchronously against the model (which
 * changes at once), in turns of at most `sliceMs` so frames still get drawn during a long burst.
 * While the list a key would act on is still loading (the first one, a new scope's), keys wait for
 * it, at most `maxWaitMs`. Ctrl-C never waits. The component handlers (the log view) keep their
 * state in React, so a key for them waits until React has shown the one before (useKeys reports
 * commits) or COMMIT_WAIT_MS.
 */
export class KeyRouter {
  private readonly components = new Set<{ handle: KeyHandler }>();
  private readonly queue: Keypress[] = [];
  private readonly maxWaitMs: number;
  private readonly sliceMs: number;
  private pasted: string | undefined;
  private disposed = false;
  private turn: NodeJS.Immediate | undefined;
  private waitTimer: NodeJS.Timeout | undefined;
  private waitingSince: number | undefined;
  private commitWait: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly target: KeyTarget,
    options: KeyRouterOptions = {},
  ) {
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
    this.sliceMs = options.sliceMs ?? 30;
    this.unsubscribe = target.subscribe(() => {
      if (this.waitingSince !== undefined && this.target.waitingFor() === undefined) this.schedule();
    });
  }

  /** Registers a component handler; returns its removal. */
  add(handle: KeyHandler): () => void {
    const entry = { handle };
    this.components.add(entry);
    this.schedule();
    return () => this.components.delete(entry);
  }

  /** One input event from Ink's parser: a run of text or one escape sequence. */
  receive(event: string): void {
    if (this.disposed) return;
    if (this.pasted !== undefined) {
      if (event !== PASTE_END) {
        this.pasted += event;
        return;
      }
      const text = this.pasted;
      this.pasted = undefined;
      this.queue.push({ input: text, key: NO_KEY });
    } else if (event === PASTE_START) {
      this.pasted = '';
      return;
    } else {
      for (const keypress of parseKeypresses(event)) {
        if (this.target.isUrgent(keypress)) this.target.handle(keypress);
        else this.queue.push(keypress);
      }
    }
    this.drain();
  }

  /** React committed a render of a component taking keys: the next key may go to the components. */
  committed(): void {
    if (this.commitWait === undefined) return;
    clearTimeout(this.commitWait);
    this.commitWait = undefined;
    // After the commit, once every layout effect (registrations included) has run.
    queueMicrotask(() => this.drain());
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    clearImmediate(this.turn);
    clearTimeout(this.waitTimer);
    clearTimeout(this.commitWait);
    this.queue.length = 0;
  }

  /** Keys not handled yet (for tests and the status of a long burst). */
  get pending(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.disposed || this.turn !== undefined || this.queue.length === 0) return;
    this.turn = setImmediate(() => {
      this.turn = undefined;
      this.drain();
    });
  }

  private mustWait(now: number): boolean {
    if (this.target.waitingFor() === undefined) {
      this.waitingSince = undefined;
      clearTimeout(this.waitTimer);
      return false;
    }
    if (this.waitingSince === undefined) {
      this.waitingSince = now;
      this.waitTimer = setTimeout(() => this.drain(), this.maxWaitMs);
    }
    return now - this.waitingSince < this.maxWaitMs;
  }

  private drain(): void {
    if (this.disposed || this.commitWait !== undefined) return;
    const start = Date.now();
    while (this.queue.length > 0) {
      const now = Date.now();
      if (this.mustWait(now)) return;
      if (now - start >= this.sliceMs) {
        this.schedule();
        return;
      }
      if (this.target.owner() === 'components') {
        // Their handler mounts with the overlay that takes the keys: wait for it.
        if (this.components.size === 0) return;
        const keypress = this.queue.shift()!;
        this.commitWait = setTimeout(() => {
          this.commitWait = undefined;
          this.drain();
        }, COMMIT_WAIT_MS);
        for (const entry of [...this.components]) if (this.components.has(entry)) entry.handle(keypress.input, keypress.key);
        return;
      }
      this.target.handle(this.queue.shift()!);
    }
    this.waitingSince = undefined;
    clearTimeout(this.waitTimer);
  }
}
