import type { StatusMessage } from '../../ui/state.js';
import type { TerminalSessionResult } from '../../terminal/handoverSession.js';

export const NO_SHELL = /executable file not found/;

/** The status line after the terminal comes back from a shell: how it ended, in one line. */
export function sessionMessage(container: string, result: TerminalSessionResult): StatusMessage {
  if (result.how === 'detached') return { text: `detached from ${container}; it keeps running (a attaches again)`, level: 'info' };
  if (result.error !== undefined) {
    if (NO_SHELL.test(result.error)) return { text: `${container} has no shell (executable file not found); press d to debug it with an ephemeral container`, level: 'warning' };
    return { text: `${container}: ${result.error}`, level: result.how === 'disconnected' ? 'warning' : 'error' };
  }
  if (result.how === 'disconnected') return { text: `connection to ${container} dropped`, level: 'warning' };
  const code = result.exitCode === undefined ? 'exit code unknown' : `exit code ${result.exitCode}`;
  return { text: `${container} exited (${code})`, level: result.exitCode === 0 || result.exitCode === undefined ? 'info' : 'warning' };
}

export function failureMessage(container: string, error: unknown): StatusMessage {
  const text = error instanceof Error ? error.message : String(error);
  if (NO_SHELL.test(text)) return { text: `${container} has no shell (executable file not found); press d to debug it with an ephemeral container`, level: 'warning' };
  return { text: `${container}: ${text}`, level: 'error' };
}
