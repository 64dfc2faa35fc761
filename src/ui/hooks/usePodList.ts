import { useMemo } from 'react';
import type { V1Pod } from '@kubernetes/client-node';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { podKeyOf, sortPods } from '../podOrder.js';
import type { PodScope, UiServices } from '../services.js';
import type { PodKey } from '../state.js';
import { useOwnedStore, useStoreConnection, useStoreSnapshot } from './useStore.js';

export interface PodList {
  /** In display order. */
  pods: readonly V1Pod[];
  keys: readonly PodKey[];
  connection: ConnectionState;
}

function scopeKey(scope: PodScope): string {
  return 'allNamespaces' in scope ? '*' : `ns:${scope.namespace}`;
}

/** The live pods of a scope: opens the scope's store, follows it, closes it when the scope changes. */
export function usePodList(services: UiServices, scope: PodScope): PodList {
  const key = scopeKey(scope);
  const store = useOwnedStore(() => services.podStore(scope), key);
  const snapshot = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  const pods = useMemo(() => sortPods(snapshot), [snapshot]);
  const keys = useMemo(() => pods.map(podKeyOf), [pods]);
  return { pods, keys, connection };
}
