import { describe, expect, it, vi } from 'vitest';
import { logBatcher } from '../../../src/kube/logs/logBatcher.js';
import type { LogEvent } from '../../../src/kube/logs/logStream.js';

const line = (container: string, second: number): LogEvent => {
  const timestamp = `2026-12-03T01:00:${String(second).padStart(2, '0')}.000000000Z`;
  return { kind: 'line', container, key: timestamp.slice(0, -1), timestamp, text: `${container} ${second}` };
};
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('logBatcher', () => {
  it('hands one stream’s events over at the end of the turn that read them, in arrival order, without waiting batchMs', async () => {
    const batches: LogEvent[][] = [];
    const batcher = logBatcher(['web'], 60_000, (events) => batches.push(events));
    batcher.emit(line('web', 2));
    batcher.emit(line('web', 1));
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([[line('web', 2), line('web', 1)]]);
    batcher.emit(line('web', 3));
    await turn();
    expect(batches).toEqual([[line('web', 2), line('web', 1)], [line('web', 3)]]);
    batcher.close();
  });

  it('hands over nothing once closed', async () => {
    const batches: LogEvent[][] = [];
    const batcher = logBatcher(['web'], 10, (events) => batches.push(events));
    batcher.emit(line('web', 1));
    batcher.close();
    batcher.emit(line('web', 2));
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toEqual([]);
  });

  it('merges several streams by timestamp after batchMs', async () => {
    const batches: LogEvent[][] = [];
    const batcher = logBatcher(['a', 'b'], 20, (events) => batches.push(events));
    batcher.emit(line('a', 2));
    batcher.emit(line('b', 1));
    await turn();
    expect(batches).toEqual([]);
    await vi.waitFor(() => expect(batches.flat()).toEqual([line('b', 1), line('a', 2)]), { timeout: 10_000 });
    batcher.close();
  });
});
