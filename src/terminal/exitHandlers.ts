import { cleanLines } from '../model/printable.js';

/** Exit codes a shell reports for a process ended by a signal: 128 + the signal number. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** How long a signal's cleanup may take: enough to delete a debug copy, short enough for a closing terminal. */
export const CLEANUP_BUDGET_MS = 3_000;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface ExitHandlerOptions {
  /** Synchronous: puts the terminal back. Called at most once per exit path, and always before exiting. */
  restore: () => void;
  /**
   * Best-effort asynchronous cleanup (delete debug copies, close watches, stop the demo cluster) after
   * `restore`, before exiting on a signal; cut off after `cleanupBudgetMs`.
   */
  cleanup?: () => Promise<void>;
  /** Default CLEANUP_BUDGET_MS. */
  cleanupBudgetMs?: number;
  writeError?: (line: string) => void;
  exit?: (code: number) => void;
}

/** Removes the handlers when called; `exit` takes the same way out as a signal (restore, cleanup, exit). */
export interface ExitHandlers {
  (): void;
  exit(code: number, message?: string): void;
}

/**
 * Makes every way out of the process restore the terminal: normal exit, SIGINT, SIGTERM, SIGHUP,
 * an uncaught exception and an unhandled rejection. Returns a function that removes the handlers.
 */
export function installExitHandlers(options: ExitHandlerOptions): ExitHandlers {
  // A crash's message may quote cluster text: every line of it cleaned (the stack keeps its lines).
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(cleanLines(line).join('\n') + '\n'));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let exiting = false;

  const finish = (code: number, message?: string): void => {
    if (exiting) return;
    exiting = true;
    options.restore();
    if (message) writeError(message);
    const cleanup = options.cleanup?.() ?? Promise.resolve();
    const budget = options.cleanupBudgetMs ?? CLEANUP_BUDGET_MS;
    const bounded = Promise.race([cleanup, new Promise((resolve) => setTimeout(resolve, budget).unref())]);
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

  const remove = (): void => {
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
  };
  return Object.assign(remove, { exit: finish });
}
