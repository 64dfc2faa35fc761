import { useEffect, useMemo } from 'react';
import { useUiActions } from '../contexts/UiStateContext.js';
import type { PodScope } from '../services.js';
import type { ListView, RowsView, TreeView, UiState } from '../state.js';
import { foldFor, type FoldAction, type TreeScreenLine } from '../treeView.js';
import type { CommandHandlers } from './useKeymap.js';

export interface ScreenView {
  state: UiState;
  pods: RowsView;
  tree: TreeView & { lines: readonly TreeScreenLine[]; selected: number };
  events: ListView;
  /** The namespace `A` goes back to when nothing else was used. */
  defaultNamespace: string;
  onQuit(): void;
}

/** One page keeps a line of context from the previous one. */
const page = (viewport: number): number => Math.max(1, viewport - 1);

/**
 * What every command of the keymap does on this screen. Cursor commands act on the focused pane:
 * the pod selection, the tree cursor, or the events scroll position.
 */
export function useScreenCommands(view: ScreenView): CommandHandlers {
  const actions = useUiActions();
  const { dispatch } = actions;
  const { state, pods, tree, events, defaultNamespace, onQuit } = view;

  useEffect(() => {
    actions.rowsChanged(pods);
  }, [actions, pods]);

  return useMemo<CommandHandlers>(() => {
    const move = (delta: number): void => {
      if (state.activePane === 'pods') actions.moveCursor(delta, pods);
      else if (state.activePane === 'tree') dispatch({ type: 'tree.move', delta, ids: tree.ids, viewport: tree.viewport });
      else dispatch({ type: 'events.scroll', delta, total: events.total, viewport: events.viewport });
    };
    const jump = (to: 'first' | 'last'): void => {
      if (state.activePane === 'pods') actions.jumpCursor(to, pods);
      else if (state.activePane === 'tree') dispatch({ type: 'tree.jump', to, ids: tree.ids, viewport: tree.viewport });
      else dispatch({ type: 'events.jump', to });
    };
    const viewport = state.activePane === 'pods' ? pods.viewport : state.activePane === 'tree' ? tree.viewport : events.viewport;
    const fold = (action: FoldAction): void => {
      const target = foldFor(tree.lines, tree.selected, action);
      if (target !== undefined) dispatch({ type: 'tree.fold', ...target });
    };
    const allNamespaces: PodScope = { allNamespaces: true };
    return {
      'cursor.down': () => move(1),
      'cursor.up': () => move(-1),
      'cursor.pageDown': () => move(page(viewport)),
      'cursor.pageUp': () => move(-page(viewport)),
      'cursor.first': () => jump('first'),
      'cursor.last': () => jump('last'),
      'focus.next': () => dispatch({ type: 'pane.cycle', delta: 1 }),
      'focus.previous': () => dispatch({ type: 'pane.cycle', delta: -1 }),
      'tree.toggle': () => fold('toggle'),
      'tree.collapse': () => fold('collapse'),
      'tree.expand': () => fold('expand'),
      'namespace.pick': () => dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } }),
      'namespace.all': () =>
        actions.setScope('allNamespaces' in state.scope ? { namespace: state.lastNamespace || defaultNamespace } : allNamespaces),
      'filter.edit': () => dispatch({ type: 'overlay.open', overlay: { kind: 'filter' } }),
      'filter.clear': () => dispatch({ type: 'filter.set', text: '' }),
      'sort.next': () => dispatch({ type: 'sort.cycle', delta: 1 }),
      'sort.previous': () => dispatch({ type: 'sort.cycle', delta: -1 }),
      'sort.reverse': () => dispatch({ type: 'sort.reverse' }),
      'events.scope': () => {
        dispatch({ type: 'events.mode', mode: state.events.mode === 'pod' ? 'scope' : 'pod' });
        dispatch({ type: 'pane.show', pane: 'events' });
      },
      'help.show': () => dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop: 0 } }),
      'command.open': () => dispatch({ type: 'overlay.open', overlay: { kind: 'command', text: '' } }),
      'app.quit': onQuit,
    };
  }, [actions, dispatch, state.activePane, state.scope, state.lastNamespace, state.events.mode, pods, tree, events, defaultNamespace, onQuit]);
}
