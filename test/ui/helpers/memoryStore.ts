import type { ConnectionState, ResourceStore } from '../../../src/kube/resourceStore.js';

/** An in-memory ResourceStore the tests drive by hand: set the objects, set the connection state. */
export class MemoryStore<T> implements ResourceStore<T> {
  private items: readonly T[];
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  closed = false;

  constructor(items: readonly T[] = [], connection: ConnectionState = { kind: 'live' }) {
    this.items = [...items];
    this.state = connection;
  }

  snapshot(): readonly T[] {
    return this.items;
  }

  connection(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  set(items: readonly T[]): void {
    this.items = [...items];
    this.notify();
  }

  setConnection(connection: ConnectionState): void {
    this.state = connection;
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
