import { restoreActiveHandovers } from './activeHandovers.js';
import { BRACKETED_PASTE_ON, CLEAR_SCREEN_HOME, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, RESET_MODES, SHOW_CURSOR } from './screen.js';

interface GuardedStdout {
  write(chunk: string): boolean;
  isTTY?: boolean;
}

interface GuardedStdin {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Owns the full-screen state of the real terminal. `leave()` is idempotent and synchronous so it can
 * run from signal handlers and the process 'exit' event, where nothing asynchronous completes.
 */
export class TerminalGuard {
  private fullscreen = false;

  constructor(
    private readonly stdout: GuardedStdout,
    private readonly stdin: GuardedStdin,
  ) {}

  get isFullscreen(): boolean {
    return this.fullscreen;
  }

  enter(): void {
    if (this.fullscreen || !this.stdout.isTTY) return;
    this.fullscreen = true;
    this.safeWrite(ENTER_ALT_SCREEN + CLEAR_SCREEN_HOME + HIDE_CURSOR + BRACKETED_PASTE_ON);
  }

  /** Also gives back the terminal from a hand-over in progress (a signal while a shell has it). */
  leave(): void {
    restoreActiveHandovers();
    if (this.stdin.isTTY && this.stdin.setRawMode) {
      try {
        this.stdin.setRawMode(false);
      } catch {
        // stdin may already be closed (SIGHUP); nothing left to restore there.
      }
    }
    if (!this.fullscreen) return;
    this.fullscreen = false;
    this.safeWrite(RESET_MODES + SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }

  private safeWrite(text: string): void {
    try {
      this.stdout.write(text);
    } catch {
      // The terminal went away (hang-up): there is nothing to restore any more.
    }
  }
}
