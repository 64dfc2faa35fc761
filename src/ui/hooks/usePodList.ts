import { useMemo } from 'react';
import type { Pod } from '../../model/apiObjects.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { filterPods, podKeyOf, sortPods } from '../podOrder.js';
import type { PodScope, UiServices } from '../services.js';
import type { PodKey, SortOrder } from '../state.js';
import { useOwnedStore, useStoreConnection, useStoreSnapshot } from './useStore.js';

export interface PodList {
  /** The pods the filter lets through, in display order. */
  pods: readonly Pod[];
  keys: readonly PodKey[];
  /** How many the store holds. */
  total: number;
  connection: ConnectionState;
}

function scopeKey(scope: PodScope): string {
  return 'allNamespaces' in scope ? '*' : `ns:${scope.namespace}`;
}

/** The live pods of a scope: opens the scope's store, follows it, closes it when the scope changes. */
export function usePodList(services: UiServices, scope: PodScope, sort: SortOrder, filter: string): PodList {
  const key = scopeKey(scope);
  const store = useOwnedStore(() => services.podStore(scope), key);
  const snapshot = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  const sorted = useMemo(() => sortPods(snapshot, sort), [snapshot, sort]);
  const pods = useMemo(() => filterPods(sorted, filter), [sorted, filter]);
  const keys = useMemo(() => pods.map(podKeyOf), [pods]);
  return { pods, keys, total: snapshot.length, connection };
}
