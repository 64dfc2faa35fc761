import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ConnectionState, ResourceStore } from '../../kube/resourceStore.js';

export function useStoreSnapshot<T>(store: ResourceStore<T>): readonly T[] {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  return useSyncExternalStore(subscribe, () => store.snapshot());
}

/** States are plain data (Dates become their ISO text): equal keys, equal states. */
function connectionKey(c: ConnectionState): string {
  return JSON.stringify(c);
}

/**
 * The store's connection state. Compared by value: a store may build a new object on every
 * connection() call, which useSyncExternalStore would otherwise take for a change on each render.
 */
export function useStoreConnection(store: ResourceStore<unknown>): ConnectionState {
  const last = useRef<{ key: string; value: ConnectionState } | null>(null);
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  const read = useCallback((): ConnectionState => {
    const value = store.connection();
    const key = connectionKey(value);
    if (last.current?.key === key) return last.current.value;
    last.current = { key, value };
    return value;
  }, [store]);
  return useSyncExternalStore(subscribe, read);
}

/**
 * A store opened for `key` and closed when the key changes or the component unmounts. `open` is
 * called once per key; the caller passes a new key whenever it wants a new store.
 */
export function useOwnedStore<T>(open: () => ResourceStore<T>, key: string): ResourceStore<T> {
  // `key` stands for everything `open` depends on.
  const store = useMemo(open, [key]);
  useEffect(() => () => store.close(), [store]);
  return store;
}
