import type { ConnectionState } from '../../kube/resourceStore.js';
import { useExplorerModel } from '../contexts/UiStateContext.js';
import type { PodListView } from '../podList.js';
import type { UiState } from '../state.js';
import { useStoreConnection } from './useStore.js';

export interface PodList {
  /** The pods the filter lets through, in display order (see podList). */
  list: PodListView;
  connection: ConnectionState;
}

/**
 * The live pods of the state's scope, sorted and filtered. The explorer model holds the scope's
 * store (opened when the scope changes, closed with the model) and the rows derived from it, the
 * same rows the keys act on.
 */
export function usePodList(state: UiState): PodList {
  const model = useExplorerModel();
  const connection = useStoreConnection(model.podStore(state));
  return { list: model.podList(state), connection };
}
