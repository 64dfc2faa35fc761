import { useCallback, useRef } from 'react';
import type { Key } from 'ink';
import { useKeys } from '../input/KeyInput.js';
import { commandForKey, keyNamesOf, keymap, type Command, type KeyBinding, type KeyName } from '../keymap.js';
import type { Pane } from '../state.js';

export type CommandHandlers = Partial<Record<Command, () => void>>;

export interface KeymapOptions {
  isActive?: boolean;
  /** The focused pane: its own bindings come before the global ones. */
  pane?: Pane;
  bindings?: readonly KeyBinding[];
  /** Called before the handler of every command that runs. */
  onCommand?: (command: Command) => void;
  /** Called for a key that no binding (or no handler) takes. */
  onUnhandled?: (key: KeyName) => void;
}

/** The one place keys become commands: looks each keypress up in the keymap and runs its handler. */
export function useKeymap(handlers: CommandHandlers, options: KeymapOptions = {}): void {
  // Latest handlers without re-subscribing to stdin on every render.
  const latest = useRef({ handlers, options });
  latest.current = { handlers, options };

  const runKey = useCallback((name: KeyName) => {
    const { handlers: current, options: opts } = latest.current;
    const command = commandForKey(name, opts.pane ?? 'pods', opts.bindings ?? keymap);
    const handler = command === undefined ? undefined : current[command];
    if (command === undefined || handler === undefined) {
      opts.onUnhandled?.(name);
      return;
    }
    opts.onCommand?.(command);
    handler();
  }, []);

  const onInput = useCallback((input: string, key: Key) => {
    for (const name of keyNamesOf(input, key)) runKey(name);
  }, []);

  useKeys(onInput, { isActive: options.isActive ?? true });
}
