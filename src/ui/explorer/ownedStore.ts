import type { ResourceStore } from '../../kube/resourceStore.js';

/** What can be owned: a store, or anything else that tells of changes and is closed (a usage feed). */
interface Subscribable {
  subscribe(listener: () => void): () => void;
  close(): void;
}

/**
 * The one store open for a key (a scope, say): asking for another key opens its store and closes
 * the previous one; changes of the open store are passed to `onChange`.
 */
export class OwnedStore<T, S extends Subscribable = ResourceStore<T>> {
  private current: { key: string; store: S; unsubscribe: () => void } | undefined;

  constructor(private readonly onChange: () => void) {}

  get(key: string, open: () => S): S {
    if (this.current?.key === key) return this.current.store;
    this.close();
    const store = open();
    this.current = { key, store, unsubscribe: store.subscribe(this.onChange) };
    return store;
  }

  /** The open store, if any (without opening one). */
  peek(): S | undefined {
    return this.current?.store;
  }

  close(): void {
    const current = this.current;
    this.current = undefined;
    if (current === undefined) return;
    current.unsubscribe();
    current.store.close();
  }
}
