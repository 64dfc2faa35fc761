/**
 * `podscope logs -f web | head -1`: once the reader is gone, writing fails with EPIPE. Like any Unix
 * filter (and kubectl, which dies of SIGPIPE), podscope then ends at once and quietly, with 128 +
 * SIGPIPE, instead of a Node stack trace.
 */
export const CLOSED_PIPE_EXIT_CODE = 141;

let onClosed: (() => void) | undefined;

function isClosedPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED');
}

/** What to do instead of exiting at once (a debug session deletes its copy first); returns the undo. */
export function onClosedPipe(handler: () => void): () => void {
  onClosed = handler;
  return () => {
    if (onClosed === handler) onClosed = undefined;
  };
}

/** Installed once, before any command prints. */
export function exitQuietlyOnClosedPipe(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  stdout.on('error', (error: unknown) => {
    if (!isClosedPipe(error)) {
      stderr.write(`podscope: cannot write to stdout: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
    if (onClosed !== undefined) onClosed();
    else process.exit(CLOSED_PIPE_EXIT_CODE);
  });
  // Nothing can be reported once stderr itself is closed; only a quiet end is left.
  stderr.on('error', () => {
    if (onClosed !== undefined) onClosed();
    else process.exit(CLOSED_PIPE_EXIT_CODE);
  });
}
