import { useEffect, useMemo, useRef } from 'react';
import type { Key } from 'ink';
import { clean, p } from '../../model/printable.js';
import { useUiActions } from '../contexts/UiStateContext.js';
import { useKeys } from '../input/KeyInput.js';
import type { ContainerTarget, DebugServices, SessionStart } from '../services.js';
import type { Overlay } from '../state.js';

export interface SessionOpener {
  /**
   * `s` / `a`: opens the session while the explorer stays on screen (keys wait, Esc gives up); a
   * refusal (no shell, 403, 404, an exited container) stays on the status line. False if one is
   * already opening.
   */
  open(action: 'shell' | 'attach', target: ContainerTarget): boolean;
  opening(): boolean;
}

/** A keypress as the terminal sent it, for text and line editing; other keys (arrows, function keys) are left out. */
function terminalBytes(input: string, key: Key): string {
  if (key.return) return '\r';
  if (key.backspace || key.delete) return '\x7f';
  if (key.tab) return '\t';
  if (key.ctrl && /^[a-z]$/.test(input)) return String.fromCharCode(input.charCodeAt(0) - 96);
  if (key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return '';
  return input;
}

function openingText(action: 'shell' | 'attach', target: ContainerTarget) {
  const container = clean(target.container);
  return action === 'shell' ? p`opening a shell in ${container}… (Esc gives up)` : p`attaching to ${container}… (Esc gives up)`;
}

/** One shell or attach opening at a time, shown as the `session` overlay until the hand-over or the refusal. */
export function useSessionOpener(debug: DebugServices | undefined, overlay: Overlay): SessionOpener {
  const { dispatch } = useUiActions();
  const current = useRef<AbortController | null>(null);
  /** What is typed while the session opens, for the process once it has the terminal. */
  const typed = useRef('');

  // Unmounted while opening (quitting): give it up.
  useEffect(() => () => current.current?.abort(), []);

  useKeys(
    (input, key) => {
      if (current.current === null) return;
      if (key.escape) current.current.abort();
      else typed.current += terminalBytes(input, key);
    },
    { isActive: overlay.kind === 'session' },
  );

  return useMemo<SessionOpener>(
    () => ({
      opening: () => current.current !== null,
      open(action, target) {
        if (debug === undefined || current.current !== null) return false;
        const controller = new AbortController();
        current.current = controller;
        typed.current = '';
        dispatch({ type: 'overlay.open', overlay: { kind: 'session', action, target } });
        dispatch({ type: 'message.show', message: { text: openingText(action, target), level: 'info' } });
        let promise: Promise<SessionStart>;
        try {
          promise = action === 'shell' ? debug.shell(target, controller.signal, () => typed.current) : debug.attach(target, controller.signal, () => typed.current);
        } catch (error) {
          promise = Promise.reject(error);
        }
        const finish = (start: SessionStart): void => {
          if (current.current === controller) current.current = null;
          dispatch({ type: 'overlay.close' });
          // Handed over: the explorer is unmounted and comes back with the session's own line.
          if (start.started) return;
          dispatch({ type: 'message.show', message: { text: start.text, level: start.level } });
        };
        promise.then(finish, (error: unknown) => finish({ started: false, text: clean(error instanceof Error ? error.message : String(error)), level: 'error' }));
        return true;
      },
    }),
    [debug, dispatch],
  );
}
