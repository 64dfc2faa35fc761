import type { StatusMessage } from '../../ui/state.js';
import type { TerminalSessionResult } from '../../terminal/handoverSession.js';
import type { CopyOutcome } from '../../kube/debug/copyPod.js';
import { DebugError } from '../../kube/debug/debugError.js';
import { SessionFilesError } from '../../audit/sessionFiles.js';
import { clean, p, type Printable } from '../../model/printable.js';

export const NO_SHELL = /executable file not found/;

export type { CopyOutcome };

/** What the terminal was handed to: a shell exec'd in a container (`s`), or a container's own process (`a`, `d`). */
export type SessionKind = 'shell' | 'attach';

/**
 * The tail of a status line that says what became of the copy. A copy left behind says how to delete
 * it by hand; `attachable`: the debugger in a kept copy may still run, so the tail says how to get
 * back in (the TUI's `a` attaches only to ephemeral containers, not to the copy's regular one).
 */
export function copyOutcomeText(outcome: CopyOutcome, attachable?: string): string {
  const noun = outcome.noun ?? 'copy';
  if (outcome.deleted) return `; ${noun} ${outcome.name} deleted`;
  const remove = `kubectl delete pod ${outcome.name} -n ${outcome.namespace}`;
  if (outcome.error !== undefined) return `; could not delete ${noun} ${outcome.name}: ${outcome.error} (${remove} deletes it)`;
  const attach = attachable === undefined ? '' : `kubectl attach ${outcome.name} -c ${attachable} -it -n ${outcome.namespace} gets back in, `;
  return `; ${noun} ${outcome.name} kept (${attach}${remove} deletes it)`;
}

/** The session's line with what became of its copy; a failed delete makes it a warning at least. */
export function withCopyOutcome(message: StatusMessage, outcome: CopyOutcome): StatusMessage {
  const failed = !outcome.deleted && outcome.error !== undefined;
  return { text: clean(message.text + copyOutcomeText(outcome)), level: failed && message.level === 'info' ? 'warning' : message.level };
}

/** `shell in web` for an exec, the container itself for an attach: a shell that exits is not a container that crashed. */
function subject(kind: SessionKind, container: string): Printable {
  return kind === 'shell' ? p`shell in ${clean(container)}` : clean(container);
}

/**
 * The status line after the terminal comes back from a session: how it ended, in one line. `copy`:
 * the container is the debugger in a copy of a stopped pod, which `a` does not attach to again (and
 * which no longer runs once the copy is deleted).
 */
export function sessionMessage(kind: SessionKind, container: string, result: TerminalSessionResult, copy?: { deleteAfter: boolean }): StatusMessage {
  const who = subject(kind, container);
  const name = clean(container);
  if (result.how === 'detached') {
    if (kind === 'shell') return { text: p`left the ${who}; it ends with the connection`, level: 'info' };
    const after = copy === undefined ? p`; it keeps running (a attaches again)` : copy.deleteAfter ? p`` : p`; it keeps running`;
    return { text: p`detached from ${name}${after}`, level: 'info' };
  }
  if (result.podGone) return { text: p`${who} ended: the pod was deleted`, level: 'warning' };
  if (result.error !== undefined) {
    if (NO_SHELL.test(result.error)) return noShell(container);
    return { text: p`${who}: ${clean(result.error)}`, level: result.how === 'disconnected' ? 'warning' : 'error' };
  }
  if (result.how === 'disconnected') {
    const still = kind === 'shell' ? p`` : copy?.deleteAfter === true ? p`` : p`; it may still run (a attaches again)`;
    return { text: p`connection to the ${who} dropped${still}`, level: 'warning' };
  }
  const code = result.exitCode === undefined ? p`exit code unknown` : p`exit code ${result.exitCode}`;
  // A shell's exit code is its last command's: not alarming. A debug container's own process ending non-zero is worth a look.
  const level = kind === 'shell' || result.exitCode === 0 || result.exitCode === undefined ? 'info' : 'warning';
  return { text: p`${who} exited (${code})`, level };
}

function noShell(container: string): StatusMessage {
  return { text: p`${clean(container)} has no shell (executable file not found); press d to debug it with an ephemeral container`, level: 'warning' };
}

/**
 * Why a session never started (the explorer stayed on screen): the server's reason, and for a shell
 * the way out, a debug container.
 */
export function failureMessage(kind: SessionKind, container: string, error: unknown): StatusMessage {
  const text = error instanceof Error ? error.message : String(error);
  if (NO_SHELL.test(text)) return noShell(container);
  if (error instanceof SessionFilesError) return { text: clean(text), level: 'error' };
  const name = clean(container);
  const offer = kind === 'shell' ? p`; d adds a debug container instead` : p``;
  const what = kind === 'shell' ? p`cannot open a shell in ${name}` : p`cannot attach to ${name}`;
  const forbidden = error instanceof DebugError && error.kind === 'forbidden';
  return { text: p`${what}: ${clean(text)}${offer}`, level: forbidden || kind === 'attach' ? 'warning' : 'error' };
}
