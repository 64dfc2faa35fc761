import { LogMerger } from './logMerger.js';
import type { LogEvent } from './logStream.js';

export interface LogBatcher {
  /** One event of any stream; it is handed over merged, in the next batch that may show it. */
  emit(event: LogEvent): void;
  /** A stream that will send nothing more: the merger stops waiting for it. */
  forget(stream: string): void;
  close(): void;
}

/**
 * Gathers the events of several streams in a LogMerger and hands them over in batches every
 * `batchMs`, so a firehose costs one UI update per batch instead of one per line.
 */
export function logBatcher(streams: readonly string[], batchMs: number, onBatch: (events: LogEvent[]) => void): LogBatcher {
  const merger = new LogMerger(streams, batchMs * 3);
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
