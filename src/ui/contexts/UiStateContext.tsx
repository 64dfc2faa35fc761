import { createContext, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { PodScope } from '../services.js';
import { uiReducer, type Pane, type RowsView, type StatusMessage, type UiAction, type UiState } from '../state.js';

/** Named ways to change the UI state; each is one reducer action. */
export interface UiActions {
  /** Any reducer action; the named ones below are shorthands. */
  dispatch(action: UiAction): void;
  rowsChanged(view: RowsView): void;
  moveCursor(delta: number, view: RowsView): void;
  jumpCursor(to: 'first' | 'last', view: RowsView): void;
  setScope(scope: PodScope): void;
  focusPane(pane: Pane): void;
  showMessage(message: StatusMessage): void;
  clearMessage(): void;
}

const UiStateContext = createContext<UiState | null>(null);
const UiActionsContext = createContext<UiActions | null>(null);

export interface UiStateProviderProps {
  initialState: UiState;
  /** Told about every state change after the first render, so the owner can remount with it. */
  onStateChange?: (state: UiState) => void;
  children?: ReactNode;
}

export function UiStateProvider({ initialState, onStateChange, children }: UiStateProviderProps) {
  const [state, dispatch] = useReducer(uiReducer, initialState);
  const actions = useMemo<UiActions>(
    () => ({
      dispatch,
      rowsChanged: (view) => dispatch({ type: 'rows.changed', ...view }),
      moveCursor: (delta, view) => dispatch({ type: 'cursor.move', delta, ...view }),
      jumpCursor: (to, view) => dispatch({ type: 'cursor.jump', to, ...view }),
      setScope: (scope) => dispatch({ type: 'scope.set', scope }),
      focusPane: (pane) => dispatch({ type: 'pane.focus', pane }),
      showMessage: (message) => dispatch({ type: 'message.show', message }),
      clearMessage: () => dispatch({ type: 'message.clear' }),
    }),
    [],
  );

  const reported = useRef(initialState);
  const onChange = useRef(onStateChange);
  onChange.current = onStateChange;
  useEffect(() => {
    if (state === reported.current) return;
    reported.current = state;
    onChange.current?.(state);
  }, [state]);

  return (
    <UiActionsContext.Provider value={actions}>
      <UiStateContext.Provider value={state}>{children}</UiStateContext.Provider>
    </UiActionsContext.Provider>
  );
}

export function useUiState(): UiState {
  const state = useContext(UiStateContext);
  if (state === null) throw new Error('useUiState needs a <UiStateProvider> above it');
  return state;
}

export function useUiActions(): UiActions {
  const actions = useContext(UiActionsContext);
  if (actions === null) throw new Error('useUiActions needs a <UiStateProvider> above it');
  return actions;
}
