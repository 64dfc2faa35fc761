/** Exit codes a shell reports for a process ended by a signal: 128 + the signal number. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface ExitHandlerOptions {
  /** Synchronous: puts the terminal back. Called at most once per exit path, and always before exiting. */
  restore: () => void;
  /** Best-effort asynchronous cleanup (close watches, stop the demo cluster) before exiting on a signal. */
  cleanup?: () => Promise<void>;
  writeError?: (line: string) => void;
  exit?: (code: number) => void;
}

/**
 * Makes every way out of the process restore the terminal: normal exit, SIGINT, SIGTERM, SIGHUP,
 * an uncaught exception and an unhandled rejection. Returns a function that removes the handlers.
 */
export function installExitHandlers(options: ExitHandlerOptions): () => void {
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(line + '\n'));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let exiting = false;

  const finish = (code: number, message?: string): void => {
    if (exiting) return;
    exiting = true;
    options.restore();
    if (message) writeError(message);
    const cleanup = options.cleanup?.() ?? Promise.resolve();
    const bounded = Promise.race([cleanup, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    bounded.catch(() => undefined).finally(() => exit(code));
  };

  const onSignal = (signal: HandledSignal) => () => finish(SIGNAL_EXIT_CODES[signal]);
  const signalHandlers = (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((signal) => {
    const handler = onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const onCrash = (error: unknown): void => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    finish(1, `podscope crashed: ${text}`);
  };
  const onExit = (): void => options.restore();

  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onExit);

  return () => {
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
  };
}
