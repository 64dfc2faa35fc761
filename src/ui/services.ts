import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
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
  namespaceStore(): ResourceStore<V1Namespace>;
  now(): Date;
}
