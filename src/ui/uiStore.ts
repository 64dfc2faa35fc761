import { uiReducer, type UiAction, type UiState } from './state.js';

/**
 * The UI state outside React: an action changes it at once, so the next keypress reads the state
 * the previous one left, however far React's rendering lags behind (a burst of keys over SSH, a
 * busy machine). React reads it with useSyncExternalStore and draws whatever is latest.
 */
export class UiStore {
  private state: UiState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: UiState) {
    this.state = initial;
  }

  getState = (): UiState => this.state;

  dispatch = (action: UiAction): void => {
    this.set(uiReducer(this.state, action));
  };

  /** Replaces the state (a settled one, see ExplorerModel). */
  set(next: UiState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}
