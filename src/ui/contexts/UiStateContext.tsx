import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { ExplorerModel } from '../explorer/explorerModel.js';
import type { PodScope } from '../services.js';
import type { Pane, RowsView, StatusMessage, UiAction, UiState } from '../state.js';

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

const ModelContext = createContext<ExplorerModel | null>(null);

export interface UiStateProviderProps {
  model: ExplorerModel;
  /** Told about every state change after the first render, so the owner can remount with it. */
  onStateChange?: (state: UiState) => void;
  children?: ReactNode;
}

/** Gives the components the explorer model; they draw its settled state (see ExplorerModel.flush). */
export function UiStateProvider({ model, onStateChange, children }: UiStateProviderProps) {
  const state = useSyncExternalStore(model.subscribe, model.publishedState);
  // The state as first drawn is already settled against the rows (the model flushes before): the owner hears of it too.
  const reported = useRef<UiState | null>(null);
  const onChange = useRef(onStateChange);
  onChange.current = onStateChange;
  useEffect(() => {
    if (state === reported.current) return;
    reported.current = state;
    onChange.current?.(state);
  }, [state]);
  return <ModelContext.Provider value={model}>{children}</ModelContext.Provider>;
}

export function useExplorerModel(): ExplorerModel {
  const model = useContext(ModelContext);
  if (model === null) throw new Error('useExplorerModel needs a <UiStateProvider> above it');
  return model;
}

/** The settled state, re-rendering on every change of the model. */
export function useUiState(): UiState {
  const model = useExplorerModel();
  useSyncExternalStore(model.subscribe, model.getVersion);
  return model.publishedState();
}

export function useUiActions(): UiActions {
  const model = useExplorerModel();
  return useMemo<UiActions>(() => {
    const { dispatch } = model;
    return {
      dispatch,
      rowsChanged: (view) => dispatch({ type: 'rows.changed', ...view }),
      moveCursor: (delta, view) => dispatch({ type: 'cursor.move', delta, ...view }),
      jumpCursor: (to, view) => dispatch({ type: 'cursor.jump', to, ...view }),
      setScope: (scope) => dispatch({ type: 'scope.set', scope }),
      focusPane: (pane) => dispatch({ type: 'pane.focus', pane }),
      showMessage: (message) => dispatch({ type: 'message.show', message }),
      clearMessage: () => dispatch({ type: 'message.clear' }),
    };
  }, [model]);
}
