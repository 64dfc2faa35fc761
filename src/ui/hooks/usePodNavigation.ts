import { useEffect, useMemo } from 'react';
import { useUiActions } from '../contexts/UiStateContext.js';
import type { PodKey, RowsView } from '../state.js';
import type { CommandHandlers } from './useKeymap.js';

/**
 * Keeps the selection on its pod as the list changes, and gives the cursor commands their
 * meaning for the pod table.
 */
export function usePodNavigation(keys: readonly PodKey[], viewport: number, onQuit: () => void): CommandHandlers {
  const actions = useUiActions();
  const view: RowsView = useMemo(() => ({ rows: keys, viewport }), [keys, viewport]);

  useEffect(() => {
    actions.rowsChanged(view);
  }, [actions, view]);

  return useMemo<CommandHandlers>(
    () => ({
      'cursor.down': () => actions.moveCursor(1, view),
      'cursor.up': () => actions.moveCursor(-1, view),
      // A page keeps one row of context from the previous page.
      'cursor.pageDown': () => actions.moveCursor(Math.max(1, view.viewport - 1), view),
      'cursor.pageUp': () => actions.moveCursor(-Math.max(1, view.viewport - 1), view),
      'cursor.first': () => actions.jumpCursor('first', view),
      'cursor.last': () => actions.jumpCursor('last', view),
      'app.quit': onQuit,
    }),
    [actions, view, onQuit],
  );
}
