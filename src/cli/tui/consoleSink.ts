import { format } from 'node:util';
import { clean, slicePrintable, type Printable } from '../../model/printable.js';

/** The console methods anything in the process (React, Node's warnings, a dependency) may write with. */
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** Messages kept: the last ones tell what went wrong; older ones are only counted. */
const KEPT = 10;
/** Characters kept of one message (a React warning with its component stack is long). */
const MESSAGE_CHARS = 300;

export interface ConsoleSink {
  /** How many messages came in while the sink held the console. */
  readonly count: number;
  /** The last messages, cleaned and cut to one line each. */
  readonly recent: readonly Printable[];
  /** Gives the console its own methods back. */
  restore(): void;
}

/**
 * Takes the console while the TUI owns the terminal. Whatever calls console.* then (a library's
 * warning, React's key warnings with the key's raw text, Node's process warnings) would write raw
 * bytes over the frame, or through Ink's patchConsole above it; here it is formatted, cleaned,
 * bounded and kept, and the CLI tells about it once the terminal is its own again.
 */
export function captureConsole(target: Console = console): ConsoleSink {
  const originals = METHODS.map((method) => [method, target[method]] as const);
  const recent: Printable[] = [];
  let count = 0;
  const keep = (...args: unknown[]): void => {
    count += 1;
    recent.push(slicePrintable(clean(format(...args)), 0, MESSAGE_CHARS));
    if (recent.length > KEPT) recent.shift();
  };
  for (const method of METHODS) target[method] = keep;
  return {
    get count() {
      return count;
    },
    recent,
    restore: () => {
      for (const [method, original] of originals) (target as unknown as Record<string, unknown>)[method] = original;
    },
  };
}
