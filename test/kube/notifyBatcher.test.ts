import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { NotifyBatcher } from '../../src/kube/notifyBatcher.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('sends the first notification on the next tick and then at most one per interval', () => {
  const batcher = new NotifyBatcher(50);
  const calls: number[] = [];
  batcher.subscribe(() => calls.push(Date.now()));
  const start = Date.now();

  for (let i = 0; i < 500; i++) batcher.notify();
  expect(calls).toEqual([]);
  vi.advanceTimersByTime(0);
  expect(calls).toEqual([start]);

  vi.advanceTimersByTime(10);
  for (let i = 0; i < 500; i++) batcher.notify();
  vi.advanceTimersByTime(39);
  expect(calls).toHaveLength(1);
  vi.advanceTimersByTime(1);
  expect(calls).toEqual([start, start + 50]);

  // After a quiet spell the next change goes out promptly again.
  vi.advanceTimersByTime(500);
  batcher.notify();
  vi.advanceTimersByTime(0);
  expect(calls).toEqual([start, start + 50, start + 550]);
});

it('stops notifying after unsubscribe and after close, leaving no timer behind', () => {
  const batcher = new NotifyBatcher(50);
  const first = vi.fn();
  const second = vi.fn();
  const unsubscribe = batcher.subscribe(first);
  batcher.subscribe(second);
  unsubscribe();
  batcher.notify();
  vi.advanceTimersByTime(0);
  expect(first).not.toHaveBeenCalled();
  expect(second).toHaveBeenCalledTimes(1);

  batcher.notify();
  batcher.close();
  expect(vi.getTimerCount()).toBe(0);
  vi.advanceTimersByTime(100);
  batcher.notify();
  expect(vi.getTimerCount()).toBe(0);
  expect(second).toHaveBeenCalledTimes(1);
});
