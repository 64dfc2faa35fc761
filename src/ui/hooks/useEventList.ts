import { useMemo } from 'react';
import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { eventsForPod } from '../../model/eventRows.js';
import type { PodScope, UiServices } from '../services.js';
import type { EventsMode } from '../state.js';
import { useOwnedStore, useStoreConnection, useStoreSnapshot } from './useStore.js';

export interface EventList {
  /** The events to show (unordered; model/eventRows orders them). */
  events: readonly KubeEvent[];
  connection: ConnectionState;
}

function scopeKey(scope: PodScope): string {
  return 'allNamespaces' in scope ? '*' : `ns:${scope.namespace}`;
}

/**
 * Events for the events pane. One store per pod scope (see UiServices.eventStore); the selected
 * pod's events are picked from it in memory, by uid so an earlier pod of the same name is left out.
 */
export function useEventList(services: UiServices, scope: PodScope, mode: EventsMode, pod: Pod | undefined): EventList {
  const store = useOwnedStore(() => services.eventStore(scope), scopeKey(scope));
  const all = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  const namespace = pod?.metadata?.namespace;
  const name = pod?.metadata?.name;
  const uid = pod?.metadata?.uid;
  const events = useMemo(() => {
    if (mode === 'scope') return all;
    if (namespace === undefined || name === undefined) return [];
    return eventsForPod(all, namespace, name, uid);
  }, [all, mode, namespace, name, uid]);
  return { events, connection };
}
