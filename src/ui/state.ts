import type { PodScope } from './services.js';

export interface PodKey {
  namespace: string;
  name: string;
}

/** The panes that can hold the keyboard focus. Issue 3 adds 'containers' and 'events'. */
export type Pane = 'pods';

export interface StatusMessage {
  text: string;
  level: 'info' | 'warning' | 'error';
}

/**
 * Everything the UI remembers. Kept outside the components (see App's initialState and
 * onStateChange) so it survives Ink being unmounted for a debug shell and mounted again.
 */
export interface UiState {
  scope: PodScope;
  /** The selected pod, followed by identity when the list changes. */
  selection: PodKey | null;
  /** Row of the selection when last seen: where the cursor lands if the selected pod vanishes. */
  cursor: number;
  /** First pod row shown in the table viewport. */
  scrollTop: number;
  activePane: Pane;
  message: StatusMessage | null;
}

/** The rows on screen when a navigation action happens, in display order, and how many fit. */
export interface RowsView {
  rows: readonly PodKey[];
  viewport: number;
}

export type UiAction =
  | ({ type: 'rows.changed' } & RowsView)
  | ({ type: 'cursor.move'; delta: number } & RowsView)
  | ({ type: 'cursor.jump'; to: 'first' | 'last' } & RowsView)
  | { type: 'scope.set'; scope: PodScope }
  | { type: 'pane.focus'; pane: Pane }
  | { type: 'message.show'; message: StatusMessage }
  | { type: 'message.clear' };

export function initialUiState(scope: PodScope): UiState {
  return { scope, selection: null, cursor: 0, scrollTop: 0, activePane: 'pods', message: null };
}

export function scopeOf(info: { namespace: string; allNamespaces: boolean }): PodScope {
  return info.allNamespaces ? { allNamespaces: true } : { namespace: info.namespace };
}

export function samePod(a: PodKey | null, b: PodKey | null): boolean {
  return a === b || (a !== null && b !== null && a.namespace === b.namespace && a.name === b.name);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Row of the selection in `rows`: where the selected pod is now, else the nearest row to where it
 * was (the row that took its place, or the last row), or -1 when there are no rows.
 */
export function selectedIndex(state: Pick<UiState, 'selection' | 'cursor'>, rows: readonly PodKey[]): number {
  if (rows.length === 0) return -1;
  const { selection } = state;
  if (selection !== null) {
    const found = rows.findIndex((r) => samePod(r, selection));
    if (found >= 0) return found;
  }
  return clamp(state.cursor, 0, rows.length - 1);
}

/** The first row to show so that row `selected` is inside a viewport of `viewport` rows, scrolling as little as possible. */
export function scrollWindow(scrollTop: number, selected: number, viewport: number, total: number): number {
  const height = Math.max(1, viewport);
  const maxTop = Math.max(0, total - height);
  let top = clamp(scrollTop, 0, maxTop);
  if (selected < 0) return top;
  if (selected < top) top = selected;
  if (selected >= top + height) top = selected - height + 1;
  return top;
}

/** Selects row `index` (which must exist) and scrolls just enough to show it. */
function selectRow(state: UiState, index: number, view: RowsView): UiState {
  const row = view.rows[index];
  if (row === undefined) return state;
  const selection = { namespace: row.namespace, name: row.name };
  const cursor = index;
  const scrollTop = scrollWindow(state.scrollTop, index, view.viewport, view.rows.length);
  if (samePod(selection, state.selection) && cursor === state.cursor && scrollTop === state.scrollTop) {
    return state;
  }
  return { ...state, selection: samePod(selection, state.selection) ? state.selection : selection, cursor, scrollTop };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'rows.changed':
      // An empty list (a new store still connecting, e.g. after a remount) keeps the wanted pod.
      if (action.rows.length === 0) return state;
      return selectRow(state, selectedIndex(state, action.rows), action);
    case 'cursor.move': {
      const current = selectedIndex(state, action.rows);
      if (current < 0) return state;
      return selectRow(state, clamp(current + action.delta, 0, action.rows.length - 1), action);
    }
    case 'cursor.jump':
      if (action.rows.length === 0) return state;
      return selectRow(state, action.to === 'first' ? 0 : action.rows.length - 1, action);
    case 'scope.set':
      return { ...initialUiState(action.scope), activePane: state.activePane, message: state.message };
    case 'pane.focus':
      return action.pane === state.activePane ? state : { ...state, activePane: action.pane };
    case 'message.show':
      return { ...state, message: action.message };
    case 'message.clear':
      return state.message === null ? state : { ...state, message: null };
  }
}
