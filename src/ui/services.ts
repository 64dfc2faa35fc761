import type { CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import type { ResourceStore } from '../kube/resourceStore.js';

/** Where the UI is pointed; shown in the header. */
export interface ClusterInfo {
  contextName: string;
  server: string;
  user?: string;
  namespace: string;
  allNamespaces: boolean;
  readonly: boolean;
}

export type PodScope = { namespace: string } | { allNamespaces: true };

/** Everything the UI needs from the outside world, handed in by the composition root. */
export interface UiServices {
  info: ClusterInfo;
  /** Opens a live store; the UI owns it and close()s it when the scope changes or the UI unmounts. */
  podStore(scope: PodScope): ResourceStore<V1Pod>;
  /** May be forbidden (connection().kind === 'forbidden'); the namespace picker then lets the user type one. */
  namespaceStore(): ResourceStore<V1Namespace>;
  /**
   * Events of a scope. The UI opens one store for the whole pod scope and picks the selected pod's
   * events from it in memory (model/eventRows eventsForPod): one watch instead of one per pod,
   * switching pods is instant, and "all events of the namespace" costs nothing more. The
   * composition root backs it with session.eventStore({ ...scope, fieldSelector }).
   */
  eventStore(scope: PodScope, fieldSelector?: string): ResourceStore<CoreV1Event>;
  now(): Date;
}
