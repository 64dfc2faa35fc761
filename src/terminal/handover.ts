import type { StreamEnd, TerminalSize } from '../kube/debug/streamSession.js';
import { cleanName, p, type Printable } from '../model/printable.js';
import { registerHandover } from './activeHandovers.js';
import { DEFAULT_DETACH_KEYS, DetachKeyMatcher } from './detachKeys.js';
import { CLEAR_SCREEN_AND_SCROLLBACK } from './screen.js';
import { TerminalModeTracker } from './terminalModes.js';

/** What handTerminalTo needs of an attach/exec session (a StreamSession fits). */
export interface HandoverStream {
  write(data: Uint8Array): void;
  resize(size: TerminalSize): void;
  onOutput(listener: (data: Buffer, channel: 'stdout' | 'stderr') => void): () => void;
  /** Tells the process its stdin ended (where the protocol can: v5). Piped input without a TTY uses it. */
  closeStdin?(): void;
  readonly done: Promise<StreamEnd>;
  close(): void;
}

export interface HandoverStdin {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface HandoverStdout {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(chunk: string | Uint8Array): boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export interface HandoverOptions {
  stdin: HandoverStdin;
  stdout: HandoverStdout;
  /** Where the stderr channel goes (only without a TTY, where the server keeps it apart); default stdout. */
  stderr?: { write(chunk: string | Uint8Array): boolean };
  /**
   * Clear the screen and the scrollback first (on a TTY), so nothing of what was on it before (the
   * explorer's last frame, an earlier session's output) can pass for this session's output.
   */
  clearScreen?: boolean;
  /** Lines printed (on a TTY) before the first output, e.g. attachBanner(...) and PROMPT_HINT. */
  preamble?: readonly Printable[];
  /**
   * The process drew its prompt before we attached, so nothing would show: resize the terminal
   * away and back, which makes a shell (busybox, bash) or a full-screen program redraw.
   */
  redraw?: boolean;
  /** Keys typed before the hand-over (while the session opened), sent before anything typed now. */
  typeahead?: string;
  /** Default Ctrl-P Ctrl-Q; an empty list turns detaching off. Only looked for when stdin is a TTY. */
  detachKeys?: readonly number[];
  /** Sees every output chunk as written (a recorder). */
  onOutput?: (data: Buffer) => void;
  /** Sees every size sent to the container, the first one included (a recorder); not the redraw nudge. */
  onResize?: (size: TerminalSize) => void;
}

export interface HandoverResult {
  how: 'exited' | 'detached' | 'disconnected';
  /** From the stream's Status; over attach always 0 (see containerExitCode). */
  exitCode?: number;
  /** The process could not run (exec), or the connection failed. */
  error?: string;
}

/** Printed once the server has accepted the stream, never before. */
export function attachBanner(pod: string, container: string, detachable = true): Printable {
  const where = p`attached to pod/${cleanName(pod)} container ${cleanName(container)}`;
  return detachable ? p`${where} — Ctrl-P Ctrl-Q to detach; exit the shell to return` : p`${where} — exit the shell to return`;
}

/** kubectl's words for a prompt the process printed before anyone was attached. */
export const PROMPT_HINT = p`If you don't see a command prompt, press Enter.`;

/**
 * Gives the real terminal to a container session until the process exits, the user detaches or
 * the connection drops. The caller has already unmounted Ink and left the alternate screen.
 * Raw mode is on for the duration; whatever happens (also a signal to podscope: see
 * restoreActiveHandovers), the terminal is back in cooked mode with every mode the remote program
 * switched on switched off again, every listener removed and stdin paused, so Ink can take it again.
 */
export function handTerminalTo(stream: HandoverStream, options: HandoverOptions): Promise<HandoverResult> {
  const { stdin, stdout } = options;
  const interactive = stdin.isTTY === true;
  const terminal = stdout.isTTY === true;
  const matcher = new DetachKeyMatcher(interactive ? (options.detachKeys ?? DEFAULT_DETACH_KEYS) : []);
  const modes = new TerminalModeTracker();
  const wasRaw = stdin.isRaw === true;
  let detaching = false;

  return new Promise<HandoverResult>((resolve) => {
    const currentSize = (): TerminalSize | undefined => (terminal && stdout.columns && stdout.rows ? { columns: stdout.columns, rows: stdout.rows } : undefined);
    const sendSize = (): void => {
      const size = currentSize();
      if (size === undefined) return;
      stream.resize(size);
      options.onResize?.(size);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const { forward, detach } = matcher.feed(bytes);
      if (forward.length > 0) stream.write(forward);
      if (detach && !detaching) {
        detaching = true;
        stream.close();
      }
    };
    const onEnd = (): void => stream.closeStdin?.();
    const onOutput = (data: Buffer, channel: 'stdout' | 'stderr'): void => {
      if (channel === 'stderr' && options.stderr) options.stderr.write(data);
      else {
        if (terminal) modes.feed(data);
        stdout.write(data);
      }
      options.onOutput?.(data);
    };

    let unsubscribe: () => void = () => undefined;
    let restored = false;
    const restore = (): void => {
      if (restored) return;
      restored = true;
      unregister();
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdout.off('resize', sendSize);
      unsubscribe();
      if (terminal) {
        try {
          stdout.write(modes.restoreSequence());
        } catch {
          // The terminal went away (hang-up).
        }
      }
      if (interactive && stdin.setRawMode) {
        try {
          stdin.setRawMode(wasRaw);
        } catch {
          // stdin already closed (hang-up): nothing to restore.
        }
      }
      stdin.pause();
    };
    const unregister = registerHandover(restore);

    try {
      if (interactive) stdin.setRawMode?.(true);
      if (terminal) {
        const lines = (options.preamble ?? []).map((line) => `${line}\r\n`).join('');
        stdout.write((options.clearScreen === true ? CLEAR_SCREEN_AND_SCROLLBACK : '') + lines);
      }
      const size = currentSize();
      if (options.redraw === true && size !== undefined) {
        // The kernel signals a size change only when the size changes: one row less, then the real size.
        stream.resize({ columns: size.columns, rows: size.rows > 1 ? size.rows - 1 : size.rows + 1 });
      }
      // The size goes before any output is shown, so a full-screen program in the container draws for this terminal.
      sendSize();
      stdout.on('resize', sendSize);
      unsubscribe = stream.onOutput(onOutput);
      if (options.typeahead) onData(Buffer.from(options.typeahead, 'utf8'));
      stdin.on('data', onData);
      if (!interactive) stdin.on('end', onEnd);
      stdin.resume();
    } catch (error) {
      restore();
      stream.close();
      resolve({ how: 'disconnected', error: error instanceof Error ? error.message : String(error) });
      return;
    }

    void stream.done.then(
      (end) => {
        restore();
        if (detaching || end.how === 'closed') resolve({ how: 'detached' });
        else if (end.how === 'exited') resolve({ how: 'exited', ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}), ...(end.error ? { error: end.error } : {}) });
        else resolve({ how: 'disconnected', ...(end.error ? { error: end.error } : {}) });
      },
      (error: unknown) => {
        restore();
        resolve({ how: 'disconnected', error: error instanceof Error ? error.message : String(error) });
      },
    );
  });
}
