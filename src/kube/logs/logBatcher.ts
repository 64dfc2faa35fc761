import { LogMerger } from './logMerger.js';
import type { LogEvent } from './logStream.js';

export interface LogBatcher {
  /** One event of any stream; it is handed over merged, in the next batch that may show it. */
  emit(event: LogEvent): void;
  /** A stream that will send nothing more: the merger stops waiting for it. */
  forget(stream: string): void;
  close(): void;
}

/** What the batcher gathers events in: LogMerger's add / forget / release / size. */
type Gatherer = Pick<LogMerger, 'add' | 'forget' | 'release' | 'size'>;

/**
 * One stream's events in the order they came: its timeline already (a container's log is in
 * timestamp order, and its other events take their place in it, as LogMerger places them), with no
 * per-line wrapper or sort, which a firehose pays for on every line.
 */
class ArrivalOrder implements Gatherer {
  private held: LogEvent[] = [];

  get size(): number {
    return this.held.length;
  }

  add(event: LogEvent): void {
    this.held.push(event);
  }

  forget(): void {}

  release(): LogEvent[] {
    const out = this.held;
    this.held = [];
    return out;
  }
}

/**
 * Gathers the events of several streams in a LogMerger (of one, in arrival order) and hands them
 * over in batches every `batchMs`, so a firehose costs one UI update per batch instead of one per line.
 */
export function logBatcher(streams: readonly string[], batchMs: number, onBatch: (events: LogEvent[]) => void): LogBatcher {
  const merger: Gatherer = streams.length === 1 ? new ArrivalOrder() : new LogMerger(streams, batchMs * 3);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const flush = (): void => {
    timer = undefined;
    if (closed) return;
    const batch = merger.release(Date.now());
    if (merger.size > 0) timer = setTimeout(flush, batchMs);
    if (batch.length > 0) onBatch(batch);
  };
  return {
    emit: (event) => {
      if (closed) return;
      merger.add(event, Date.now());
      timer ??= setTimeout(flush, batchMs);
    },
    forget: (stream) => merger.forget(stream),
    close: () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
