/** What the UI may know about a live list+watch of one kind of object. */
export type ConnectionState =
  | { kind: 'connecting' }
  /** The first pages of the list arrived and snapshot() holds them; `received` so far, the rest is coming. */
  | { kind: 'listing'; received: number }
  /** `rejected`: objects the server sent that were not of the kind asked for (left out, counted). */
  | { kind: 'live'; rejected?: number }
  /** The server stopped answering: what snapshot() holds is as of `silentMs` ago (last byte at `since`). */
  | { kind: 'stale'; silentMs: number; since: Date }
  /** The server answered 429 (or 503 with Retry-After): the next try is in `retryInMs`. */
  | { kind: 'throttled'; status: number; retryInMs: number }
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
