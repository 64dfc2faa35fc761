import type { StreamEnd, TerminalSize } from '../kube/debug/streamSession.js';
import { DEFAULT_DETACH_KEYS, DetachKeyMatcher } from './detachKeys.js';
import { cleanName, p, type Printable } from '../model/printable.js';

/** What handTerminalTo needs of an attach/exec session (a StreamSession fits). */
export interface HandoverStream {
  write(data: Uint8Array): void;
  resize(size: TerminalSize): void;
  onOutput(listener: (data: Buffer, channel: 'stdout' | 'stderr') => void): () => void;
  readonly done: Promise<StreamEnd>;
  close(): void;
}

export interface HandoverStdin {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
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
  /** One line printed before the first output, e.g. attachBanner(...). */
  banner?: Printable;
  /** Default Ctrl-P Ctrl-Q; an empty list turns detaching off. Only looked for when stdin is a TTY. */
  detachKeys?: readonly number[];
  /** Sees every output chunk as written (a recorder). */
  onOutput?: (data: Buffer) => void;
  /** Sees every size sent to the container, the first one included (a recorder). */
  onResize?: (size: TerminalSize) => void;
}

export interface HandoverResult {
  how: 'exited' | 'detached' | 'disconnected';
  /** From the stream's Status; over attach always 0 (see containerExitCode). */
  exitCode?: number;
  /** The process could not run (exec), or the connection failed. */
  error?: string;
}

export function attachBanner(pod: string, container: string, detachable = true): Printable {
  return detachable
    ? p`attached to pod/${cleanName(pod)} container ${cleanName(container)} — Ctrl-P Ctrl-Q to detach; exit the shell to return`
    : p`attached to pod/${cleanName(pod)} container ${cleanName(container)} — exit the shell to return`;
}

/**
 * Gives the real terminal to a container session until the process exits, the user detaches or
 * the connection drops. The caller has already unmounted Ink and left the alternate screen.
 * Raw mode is on for the duration; whatever happens, the terminal is back in cooked mode with
 * every listener removed and stdin paused, so Ink can take it again.
 */
export function handTerminalTo(stream: HandoverStream, options: HandoverOptions): Promise<HandoverResult> {
  const { stdin, stdout } = options;
  const interactive = stdin.isTTY === true;
  const matcher = new DetachKeyMatcher(interactive ? (options.detachKeys ?? DEFAULT_DETACH_KEYS) : []);
  const wasRaw = stdin.isRaw === true;
  let detaching = false;

  return new Promise<HandoverResult>((resolve) => {
    const sendSize = (): void => {
      if (!stdout.isTTY || !stdout.columns || !stdout.rows) return;
      const size = { columns: stdout.columns, rows: stdout.rows };
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
    const onOutput = (data: Buffer, channel: 'stdout' | 'stderr'): void => {
      if (channel === 'stderr' && options.stderr) options.stderr.write(data);
      else stdout.write(data);
      options.onOutput?.(data);
    };

    let unsubscribe: () => void = () => undefined;
    const restore = (): void => {
      stdin.off('data', onData);
      stdout.off('resize', sendSize);
      unsubscribe();
      if (interactive && stdin.setRawMode) {
        try {
          stdin.setRawMode(wasRaw);
        } catch {
          // stdin already closed (hang-up): nothing to restore.
        }
      }
      stdin.pause();
    };

    try {
      if (interactive) stdin.setRawMode?.(true);
      if (options.banner) stdout.write(`${options.banner}\r\n`);
      // The size goes first, so a full-screen program in the container draws for this terminal.
      sendSize();
      stdout.on('resize', sendSize);
      unsubscribe = stream.onOutput(onOutput);
      stdin.on('data', onData);
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
