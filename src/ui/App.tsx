import { useEffect, useMemo, useRef, useState } from 'react';
import { useStdout } from 'ink';
import { PodScreen } from './components/PodScreen.js';
import { DisplayContext, displayValue } from './contexts/DisplayContext.js';
import { UiStateProvider } from './contexts/UiStateContext.js';
import { ExplorerModel } from './explorer/explorerModel.js';
import { explorerKeyTarget } from './explorer/keys/explorerKeys.js';
import { detectDisplay, type Display } from './glyphs.js';
import { createDebugLaunch } from './hooks/useDebugLaunch.js';
import { createSessionOpener } from './hooks/useSessionOpener.js';
import { KeyInputProvider } from './input/KeyInput.js';
import type { KeyRouterOptions } from './input/keyRouter.js';
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
  /** How keys wait for loading lists and share time with frames (tests shorten the wait). */
  keys?: KeyRouterOptions;
}

const FALLBACK_SIZE = { columns: 80, rows: 24 };

export function App({ services, onQuit, initialState, onStateChange, display, keys }: AppProps) {
  const resolved = useMemo(() => display ?? detectDisplay(process.env), [display]);
  const displayContext = useMemo(() => displayValue(resolved), [resolved]);
  const { stdout } = useStdout();
  // Made once: later changes of `initialState` are the owner echoing onStateChange back.
  const [model] = useState(() => {
    const created = new ExplorerModel({
      services,
      initialState: initialState ?? initialUiState(scopeOf(services.info)),
      size: () => ({ columns: stdout.columns || FALLBACK_SIZE.columns, rows: stdout.rows || FALLBACK_SIZE.rows }),
      display: resolved,
    });
    created.flush();
    return created;
  });
  useEffect(() => () => model.dispose(), [model]);
  const quit = useRef(onQuit);
  quit.current = onQuit;
  const launch = useMemo(() => createDebugLaunch(services.debug, model.dispatch), [services.debug, model]);
  // Unmounted (e.g. quitting) while waiting: stop the wait, the container stays either way.
  useEffect(() => () => launch.abandon(), [launch]);
  const sessions = useMemo(() => createSessionOpener(services.debug, model.dispatch), [services.debug, model]);
  useEffect(() => () => sessions.abandon(), [sessions]);
  const target = useMemo(() => explorerKeyTarget({ model, onQuit: () => quit.current(), launch, sessions }), [model, launch, sessions]);
  return (
    <DisplayContext.Provider value={displayContext}>
      <UiStateProvider model={model} onStateChange={onStateChange}>
        <KeyInputProvider target={target} options={keys}>
          <PodScreen services={services} launch={launch} sessions={sessions} />
        </KeyInputProvider>
      </UiStateProvider>
    </DisplayContext.Provider>
  );
}
