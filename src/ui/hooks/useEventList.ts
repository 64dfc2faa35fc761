import { useMemo } from 'react';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { eventsForPod } from '../../model/eventRows.js';
import { useExplorerModel, useUiState } from '../contexts/UiStateContext.js';
import type { EventsMode } from '../state.js';
import { useStoreConnection, useStoreSnapshot } from './useStore.js';

export interface EventList {
  /** The events to show (unordered; model/eventRows orders them). */
  events: readonly CoreV1Event[];
  connection: ConnectionState;
}

/**
 * Events for the events pane. One store per pod scope (see UiServices.eventStore), held by the
 * explorer model; the selected pod's events are picked from it in memory, by uid so an earlier pod
 * of the same name is left out.
 */
export function useEventList(mode: EventsMode, pod: V1Pod | undefined): EventList {
  const model = useExplorerModel();
  const store = model.eventStore(useUiState());
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
