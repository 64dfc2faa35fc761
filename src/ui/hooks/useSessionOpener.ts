import type { Key } from 'ink';
import { clean, p } from '../../model/printable.js';
import type { Keypress } from '../input/keypress.js';
import type { ContainerTarget, DebugServices, SessionStart } from '../services.js';
import type { UiAction } from '../state.js';

export interface SessionOpener {
  /**
   * `s` / `a`: opens the session while the explorer stays on screen (the `session` overlay: keys
   * are kept for the shell, Esc gives up); a refusal (no shell, 403, 404, an exited container) stays
   * on the status line. False if one is already opening.
   */
  open(action: 'shell' | 'attach', target: ContainerTarget): boolean;
  opening(): boolean;
  /** A key while the session opens. */
  key(keypress: Keypress): void;
  /** Unmounted (quitting) while opening: give it up. */
  abandon(): void;
}

/** A keypress as the terminal sent it, for text and line editing; other keys (arrows, function keys) are left out. */
function terminalBytes({ input, key }: Keypress): string {
  if (key.return) return '\r';
  if (key.backspace || key.delete) return '\x7f';
  if (key.tab) return '\t';
  if (key.ctrl && /^[a-z]$/.test(input)) return String.fromCharCode(input.charCodeAt(0) - 96);
  if (isMovement(key)) return '';
  return input;
}

function isMovement(key: Key): boolean {
  return key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end;
}

function openingText(action: 'shell' | 'attach', target: ContainerTarget) {
  const container = clean(target.container);
  return action === 'shell' ? p`opening a shell in ${container}… (Esc gives up)` : p`attaching to ${container}… (Esc gives up)`;
}

/** One shell or attach opening at a time, shown as the `session` overlay until the hand-over or the refusal. */
export function createSessionOpener(debug: DebugServices | undefined, dispatch: (action: UiAction) => void): SessionOpener {
  let current: AbortController | null = null;
  /** What is typed while the session opens, for the process once it has the terminal. */
  let typed = '';
  return {
    opening: () => current !== null,
    key(keypress) {
      if (current === null) return;
      if (keypress.key.escape) current.abort();
      else typed += terminalBytes(keypress);
    },
    abandon() {
      current?.abort();
    },
    open(action, target) {
      if (debug === undefined || current !== null) return false;
      const controller = new AbortController();
      current = controller;
      typed = '';
      dispatch({ type: 'overlay.open', overlay: { kind: 'session', action, target } });
      dispatch({ type: 'message.show', message: { text: openingText(action, target), level: 'info' } });
      let promise: Promise<SessionStart>;
      try {
        promise = action === 'shell' ? debug.shell(target, controller.signal, () => typed) : debug.attach(target, controller.signal, () => typed);
      } catch (error) {
        promise = Promise.reject(error);
      }
      const finish = (start: SessionStart): void => {
        if (current === controller) current = null;
        dispatch({ type: 'overlay.close' });
        // Handed over: the explorer is unmounted and comes back with the session's own line.
        if (start.started) {
          dispatch({ type: 'message.clear' });
          return;
        }
        dispatch({ type: 'message.show', message: { text: start.text, level: start.level } });
      };
      promise.then(finish, (error: unknown) => finish({ started: false, text: clean(error instanceof Error ? error.message : String(error)), level: 'error' }));
      return true;
    },
  };
}
