import { afterEach, describe, expect, it, vi } from 'vitest';
import { LingeringStores } from '../../src/kube/lingeringStores.js';
import type { ConnectionState, ResourceStore } from '../../src/kube/resourceStore.js';

function countingStore(closed: string[], key: string): ResourceStore<string> {
  return {
    snapshot: () => [key],
    connection: (): ConnectionState => ({ kind: 'live' }),
    subscribe: () => () => undefined,
    close: () => closed.push(key),
  };
}

afterEach(() => vi.useRealTimers());

describe('LingeringStores', () => {
  it('gives an owner that comes back within the linger time the same store, still open', () => {
    vi.useFakeTimers();
    const closed: string[] = [];
    const opened: string[] = [];
    const stores = new LingeringStores((key) => (opened.push(key), countingStore(closed, key)), 5_000);
    const first = stores.lease('pods/lab');
    first.close();
    first.close();
    vi.advanceTimersByTime(4_000);
    const again = stores.lease('pods/lab');
    expect(again.snapshot()).toEqual(['pods/lab']);
    expect(opened).toEqual(['pods/lab']);
    expect(closed).toEqual([]);
    again.close();
    vi.advanceTimersByTime(5_000);
    expect(closed).toEqual(['pods/lab']);
  });

  it('keeps a store open while any owner holds it, and closes everything at the end of the session', () => {
    vi.useFakeTimers();
    const closed: string[] = [];
    const stores = new LingeringStores((key) => countingStore(closed, key), 1_000);
    const a = stores.lease('pods/lab');
    stores.lease('pods/lab');
    stores.lease('events/lab');
    a.close();
    vi.advanceTimersByTime(10_000);
    expect(closed).toEqual([]);
    stores.closeAll();
    expect(closed.sort()).toEqual(['events/lab', 'pods/lab']);
  });

  it('hold() keeps every idle store open however long (a shell session), and the linger starts again after it', () => {
    vi.useFakeTimers();
    const closed: string[] = [];
    const stores = new LingeringStores((key) => countingStore(closed, key), 1_000);
    const release = stores.hold();
    stores.lease('pods/lab').close();
    vi.advanceTimersByTime(3_600_000);
    expect(closed).toEqual([]);
    release();
    release();
    vi.advanceTimersByTime(999);
    expect(closed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closed).toEqual(['pods/lab']);
  });
});
