import { useMemo, useState } from 'react';
import { PodScreen } from './components/PodScreen.js';
import { DisplayContext, displayValue } from './contexts/DisplayContext.js';
import { UiStateProvider } from './contexts/UiStateContext.js';
import { detectDisplay, type Display } from './glyphs.js';
import { KeyInputProvider } from './input/KeyInput.js';
import type { UiServices } from './services.js';
import { initialUiState, scopeOf, type UiState } from './state.js';

export interface AppProps {
  services: UiServices;
  /** Called for q and Ctrl-C; the caller unmounts Ink and restores the terminal. */
  onQuit: () => void;
  /** State to resume from, e.g. what onStateChange reported before the UI was unmounted. */
  initialState?: UiState;
  onStateChange?: (state: UiState) => void;
  /** Unicode and colour; detected from process.env (locale, NO_COLOR) when absent. */
  display?: Display;
}

export function App({ services, onQuit, initialState, onStateChange, display }: AppProps) {
  const displayContext = useMemo(() => displayValue(display ?? detectDisplay(process.env)), [display]);
  // Read once: later changes of `initialState` are the owner echoing onStateChange back.
  const [startState] = useState(() => initialState ?? initialUiState(scopeOf(services.info)));
  return (
    <DisplayContext.Provider value={displayContext}>
      <UiStateProvider initialState={startState} onStateChange={onStateChange}>
        <KeyInputProvider>
          <PodScreen services={services} onQuit={onQuit} />
        </KeyInputProvider>
      </UiStateProvider>
    </DisplayContext.Provider>
  );
}
