import type { ResourceStore } from './resourceStore.js';

/**
 * Shares one live store per key between the UI's owners and keeps it open a little while after the
 * last owner closed it, so an owner that comes back at once (the explorer remounted after a shell
 * session) finds the cache warm instead of listing again behind a "connecting…" screen.
 */
export class LingeringStores<T> {
  private readonly entries = new Map<string, { store: ResourceStore<T>; leases: number; timer?: NodeJS.Timeout }>();
  private holds = 0;

  constructor(
    private readonly open: (key: string) => ResourceStore<T>,
    private readonly lingerMs: number,
  ) {}

  lease(key: string): ResourceStore<T> {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { store: this.open(key), leases: 0 };
      this.entries.set(key, entry);
    }
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.leases++;
    const { store } = entry;
    let released = false;
    return {
      snapshot: () => store.snapshot(),
      connection: () => store.connection(),
      subscribe: (listener) => store.subscribe(listener),
      close: () => {
        if (released) return;
        released = true;
        this.release(key);
      },
    };
  }

  /**
   * Keeps every store open, however long, until the returned function is called: a shell session
   * can last hours, and the explorer must come back with its rows even if the API server is gone
   * by then (a new store could list nothing). The linger starts again when the hold ends.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0) return;
      for (const [key, entry] of this.entries) if (entry.leases === 0 && entry.timer === undefined) this.expireLater(key, entry);
    };
  }

  /** Closes every store at once (the session ends). */
  closeAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.store.close();
    }
    this.entries.clear();
  }

  private release(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.leases--;
    if (entry.leases > 0 || this.holds > 0) return;
    this.expireLater(key, entry);
  }

  private expireLater(key: string, entry: { store: ResourceStore<T>; leases: number; timer?: NodeJS.Timeout }): void {
    entry.timer = setTimeout(() => {
      this.entries.delete(key);
      entry.store.close();
    }, this.lingerMs);
    entry.timer.unref();
  }
}
