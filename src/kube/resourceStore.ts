/** What the UI may know about a live list+watch of one kind of object. */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; error: string; since: Date; attempt: number }
  | { kind: 'forbidden'; message: string }
  | { kind: 'failed'; message: string };

/**
 * A read-only, subscribable cache of objects kept current by list + watch.
 * Listeners are called (batched) after the snapshot changed; snapshot() is then a new array.
 */
export interface ResourceStore<T> {
  snapshot(): readonly T[];
  connection(): ConnectionState;
  subscribe(listener: () => void): () => void;
  close(): void;
}
