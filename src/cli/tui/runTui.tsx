import { render, type Instance } from 'ink';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import { App } from '../../ui/App.js';
import type { UiServices } from '../../ui/services.js';
import type { UiState } from '../../ui/state.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import { TerminalGuard } from '../../terminal/terminalGuard.js';
import type { Connection } from '../connect.js';

export interface TuiOptions {
  allNamespaces: boolean;
  readonly: boolean;
  logs: { tailLines: number; limits: LogRingOptions };
}

/** Ink's frame budget: enough to feel instant, low enough for a slow SSH link. */
const MAX_FPS = 20;

/**
 * Owns the real terminal for the lifetime of the TUI: alternate screen, Ink, and every exit path.
 * UI state is kept here (outside React) so the TUI can be unmounted and mounted again unchanged.
 */
export async function runTui(connection: Connection, options: TuiOptions): Promise<void> {
  const { session } = connection;
  const guard = new TerminalGuard(process.stdout, process.stdin);
  let instance: Instance | undefined;
  let lastState: UiState | undefined;
  const services: UiServices = {
    info: {
      contextName: session.contextName,
      server: session.server,
      user: session.user,
      namespace: session.namespace,
      allNamespaces: options.allNamespaces,
      readonly: options.readonly,
    },
    podStore: (scope) => session.podStore(scope),
    namespaceStore: () => session.namespaceStore(),
    eventStore: (scope, fieldSelector) => session.eventStore({ ...scope, fieldSelector }),
    now: () => new Date(),
  };

  const unmount = (): void => {
    instance?.unmount();
    instance = undefined;
  };
  const removeExitHandlers = installExitHandlers({
    restore: () => {
      unmount();
      guard.leave();
    },
    cleanup: () => connection.close(),
  });

  try {
    await new Promise<void>((resolve) => {
      guard.enter();
      instance = render(
        <App services={services} onQuit={resolve} initialState={lastState} onStateChange={(state) => (lastState = state)} />,
        { exitOnCtrlC: false, patchConsole: true, incrementalRendering: true, maxFps: MAX_FPS },
      );
    });
  } finally {
    unmount();
    guard.leave();
    removeExitHandlers();
    await connection.close();
  }
}
