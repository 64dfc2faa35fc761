/**
 * The hand-overs in progress, so an exit path that cannot wait for one to end (a signal, a crash,
 * process exit) can still give the terminal back: each registers a synchronous restore.
 */
const active = new Set<() => void>();

/** Adds `restore`; the returned function removes it again. */
export function registerHandover(restore: () => void): () => void {
  active.add(restore);
  return () => active.delete(restore);
}

/** Runs (and forgets) every registered restore; synchronous, for signal handlers and 'exit'. */
export function restoreActiveHandovers(): void {
  for (const restore of [...active]) {
    active.delete(restore);
    try {
      restore();
    } catch {
      // The terminal went away: nothing left to restore.
    }
  }
}
