import type { StatusMessage } from '../../ui/state.js';
import type { TerminalSessionResult } from '../../terminal/handoverSession.js';
import type { CopyOutcome } from '../../kube/debug/copyPod.js';

export const NO_SHELL = /executable file not found/;

export type { CopyOutcome };

/**
 * The tail of a status line that says what became of the copy. A copy left behind says how to delete
 * it by hand; `attachable`: the debugger in a kept copy may still run, so the tail says how to get
 * back in (the TUI's `a` attaches only to ephemeral containers, not to the copy's regular one).
 */
export function copyOutcomeText(outcome: CopyOutcome, attachable?: string): string {
  if (outcome.deleted) return `; copy ${outcome.name} deleted`;
  const remove = `kubectl delete pod ${outcome.name} -n ${outcome.namespace}`;
  if (outcome.error !== undefined) return `; could not delete copy ${outcome.name}: ${outcome.error} (${remove} deletes it)`;
  const attach = attachable === undefined ? '' : `kubectl attach ${outcome.name} -c ${attachable} -it -n ${outcome.namespace} gets back in, `;
  return `; copy ${outcome.name} kept (${attach}${remove} deletes it)`;
}

/** The session's line with what became of its copy; a failed delete makes it a warning at least. */
export function withCopyOutcome(message: StatusMessage, outcome: CopyOutcome): StatusMessage {
  const failed = !outcome.deleted && outcome.error !== undefined;
  return { text: message.text + copyOutcomeText(outcome), level: failed && message.level === 'info' ? 'warning' : message.level };
}

/**
 * The status line after the terminal comes back from a shell: how it ended, in one line. `copy`: the
 * container is the debugger in a copy of a stopped pod, which `a` does not attach to again (and
 * which no longer runs once the copy is deleted).
 */
export function sessionMessage(container: string, result: TerminalSessionResult, copy?: { deleteAfter: boolean }): StatusMessage {
  if (result.how === 'detached') {
    const after = copy === undefined ? '; it keeps running (a attaches again)' : copy.deleteAfter ? '' : '; it keeps running';
    return { text: `detached from ${container}${after}`, level: 'info' };
  }
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
