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

/** When the gathered events are handed over: a timer, or the end of this turn of the event loop. */
interface Pace {
  schedule(flush: () => void): void;
  cancel(): void;
}

/** Runs the flush once per schedule() until it ran: `start` arranges a call, `stop` cancels it. */
function pace<Handle>(start: (run: () => void) => Handle, stop: (handle: Handle) => void): Pace {
  let pending: Handle | undefined;
  return {
    schedule: (flush) => {
      pending ??= start(() => {
        pending = undefined;
        flush();
      });
    },
    cancel: () => {
      if (pending !== undefined) stop(pending);
      pending = undefined;
    },
  };
}

const timerPace = (ms: number): Pace => pace((run) => setTimeout(run, ms), clearTimeout);
const turnPace = (): Pace => pace((run) => setImmediate(run), clearImmediate);

/**
 * Gathers the events of several streams in a LogMerger and hands them over in batches every
 * `batchMs` (the merger must wait that long for the slower streams to place their lines). One
 * stream's events need no wait: they are handed over at the end of the turn of the event loop that
 * read them (a socket chunk's lines in one batch), so a line is garbage before the next young
 * collection instead of living 80 ms in a batch, long enough to be copied twice and promoted (a
 * firehose then spent a fifth of its time collecting). The UI bounds its frames itself.
 */
export function logBatcher(streams: readonly string[], batchMs: number, onBatch: (events: LogEvent[]) => void): LogBatcher {
  const single = streams.length === 1;
  const merger: Gatherer = single ? new ArrivalOrder() : new LogMerger(streams, batchMs * 3);
  const timing = single ? turnPace() : timerPace(batchMs);
  let closed = false;
  const flush = (): void => {
    if (closed) return;
    const batch = merger.release(Date.now());
    if (merger.size > 0) timing.schedule(flush);
    if (batch.length > 0) onBatch(batch);
  };
  return {
    emit: (event) => {
      if (closed) return;
      // Arrival order needs no clock: no Date.now() a line.
      merger.add(event, single ? 0 : Date.now());
      timing.schedule(flush);
    },
    forget: (stream) => merger.forget(stream),
    close: () => {
      closed = true;
      timing.cancel();
    },
  };
}
