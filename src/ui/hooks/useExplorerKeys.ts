import { useCallback, useMemo } from 'react';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useUiActions } from '../contexts/UiStateContext.js';
import { keyLabel, type KeyBinding } from '../keymap.js';
import { useDebugCommands, type DebugCommandView } from './useDebugCommands.js';
import { useKeymap } from './useKeymap.js';
import { useScreenCommands, type ScreenView } from './useScreenCommands.js';

export interface ExplorerKeysView {
  screen: ScreenView;
  debug: DebugCommandView;
  /** The keymap without the hidden commands. */
  bindings: readonly KeyBinding[];
}

/**
 * The explorer's keyboard while no overlay has it: runs the command each key is bound to in the
 * focused pane, and says so for a key bound to nothing.
 */
export function useExplorerKeys({ screen, debug, bindings }: ExplorerKeysView): void {
  const actions = useUiActions();
  const { display } = useDisplay();
  const screenHandlers = useScreenCommands(screen);
  const debugHandlers = useDebugCommands(debug);
  const handlers = useMemo(() => ({ ...screenHandlers, ...debugHandlers }), [screenHandlers, debugHandlers]);
  const onUnhandled = useCallback(
    (key: string) => {
      // Esc with nothing to clear is not worth a message.
      if (key === 'escape') return;
      actions.showMessage({ text: `no command for ${keyLabel(key, display.unicode)} (? shows every key)`, level: 'info' });
    },
    [actions, display.unicode],
  );
  const { state } = screen;
  // A message stays until the next command.
  useKeymap(handlers, { onUnhandled, onCommand: actions.clearMessage, pane: state.activePane, bindings, isActive: state.overlay.kind === 'none' });
}
