// Keys typed while podscope starts (loading, connecting) belong to the explorer: without this, the
// terminal's line discipline echoes them onto the screen and holds them until Enter, and the first
// frame never sees them. Kept tiny: bin/podscope.js loads it before anything else.

interface HeldStdin {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'readable', listener: () => void): unknown;
  removeListener(event: 'readable', listener: () => void): unknown;
  read(): Buffer | string | null;
  unref?(): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  unshift(chunk: string): void;
}

const CTRL_C = '\x03';

let held: { stdin: HeldStdin; chunks: string[]; onReadable: () => void; restore: () => void } | undefined;

function stop(current: NonNullable<typeof held>): void {
  // Read in paused mode ('readable', not 'data'): the next reader (Ink) takes over the same way, and
  // no pause() stops the terminal's pending read under it.
  current.stdin.removeListener('readable', current.onReadable);
  // Whoever reads next takes a reference of its own (Ink does); the hold must not keep the process alive.
  current.stdin.unref?.();
  process.removeListener('exit', current.restore);
  held = undefined;
}

/**
 * From now until the explorer takes the terminal, stdin is raw and what is typed is kept. Ctrl-C
 * still interrupts (raw mode turns off the terminal's own). No-op without a terminal.
 */
export function holdEarlyKeys(stdin: HeldStdin = process.stdin): void {
  if (held !== undefined || stdin.isTTY !== true || stdin.setRawMode === undefined) return;
  const chunks: string[] = [];
  const restore = (): void => {
    try {
      stdin.setRawMode?.(false);
    } catch {
      // The terminal went away: nothing to restore.
    }
  };
  const onReadable = (): void => {
    let chunk: Buffer | string | null;
    while ((chunk = stdin.read()) !== null) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (text.includes(CTRL_C)) {
        restore();
        process.kill(process.pid, 'SIGINT');
        return;
      }
      chunks.push(text);
    }
  };
  stdin.setRawMode(true);
  stdin.on('readable', onReadable);
  process.on('exit', restore);
  held = { stdin, chunks, onReadable, restore };
}

/**
 * The explorer takes over: stops holding and puts what was typed back at the front of stdin, for
 * the explorer's first read. Raw mode stays on (Ink keeps it).
 */
export function releaseEarlyKeys(): void {
  const current = held;
  if (current === undefined) return;
  stop(current);
  const typed = current.chunks.join('');
  if (typed !== '') {
    current.stdin.setEncoding('utf8');
    current.stdin.unshift(typed);
  }
}

/** Not the explorer after all (an error before it started): the terminal back as it was, the keys dropped. */
export function stopHoldingKeys(): void {
  const current = held;
  if (current === undefined) return;
  stop(current);
  current.restore();
}

/** Whether the command line opens the explorer (no subcommand, no --help or --version). */
export function opensExplorer(argv: readonly string[]): boolean {
  const others = new Set(['tree', 'events', 'logs', 'debug', 'demo-server', '--help', '-h', '--version', '-v', 'help', 'completion']);
  return !argv.some((arg) => others.has(arg));
}
