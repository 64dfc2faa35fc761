import type { ClusterSession } from '../../kube/clusterSession.js';
import type { ClusterInfo, ContextServices } from '../../ui/services.js';
import { initialUiState, scopeOf, type UiState } from '../../ui/state.js';
import type { Connection } from '../connect.js';

/** How long a context switch (or exit) waits for the stopped forwards' audit lines. */
export const FORWARD_STOP_MS = 2_000;

export interface SwitchedContext {
  session: ClusterSession;
  /** The UI state the explorer starts from on the new context: its namespace, a line saying so. */
  initialState(info: ClusterInfo): UiState;
}

/**
 * `:ctx` for the TUI: the kubeconfig's contexts (read again each time, never written) and a switch
 * that connects to the new context before anything is torn down, so a cluster that cannot be reached
 * leaves the current one working. `swap` then moves the UI over.
 */
export function contextServices(connection: Connection, swap: (next: SwitchedContext) => Promise<void>): ContextServices {
  let switching = false;
  return {
    list: () =>
      connection.contexts().map((context) => ({
        name: context.name,
        cluster: context.cluster,
        user: context.user,
        ...(context.namespace === undefined ? {} : { namespace: context.namespace }),
        active: context.name === connection.session.contextName,
      })),
    switchTo: async (name) => {
      if (switching) throw new Error('a context switch is already under way');
      if (name === connection.session.contextName) throw new Error(`already on context ${name}`);
      switching = true;
      try {
        const session = await connection.openContext(name);
        await swap({
          session,
          initialState: (info) => ({
            ...initialUiState(scopeOf(info)),
            message: { text: `switched to context ${name} (user ${session.user || 'none'}, namespace ${session.namespace})`, level: 'info' },
          }),
        });
      } finally {
        switching = false;
      }
    },
  };
}
