import type { LogEntry } from '../controlPlane/index.js';

/**
 * The kubelet's `timestamps=true` prefix: RFC 3339 with a fixed nine-digit fraction (RFC3339NanoFixed),
 * e.g. `2026-11-23T09:16:09.500000000Z`. Simulated times are whole milliseconds, so the last six digits are 0.
 */
export function formatLogTimestamp(millis: number): string {
  return new Date(millis).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** One line as the kubelet writes it into the response: optional timestamp, the text, a newline. */
export function formatLogLine(entry: LogEntry, timestamps: boolean): string {
  return timestamps ? `${formatLogTimestamp(entry.time)} ${entry.text}\n` : `${entry.text}\n`;
}

export interface LineSelection {
  /** Only the last N lines (0: none); undefined: all. */
  tailLines?: number;
  /** Lines written before this time (ms) are skipped; a line written exactly then is kept. */
  sinceMillis?: number;
}

/** What the kubelet reads of a log file: first the tail, then lines older than `since` are dropped. */
export function selectEntries(entries: readonly LogEntry[], selection: LineSelection): LogEntry[] {
  const tail = selection.tailLines;
  const fromTail = tail === undefined ? entries : tail === 0 ? [] : entries.slice(-tail);
  const since = selection.sinceMillis;
  return since === undefined ? [...fromTail] : fromTail.filter((entry) => entry.time >= since);
}

/**
 * `limitBytes`: passes bytes through until the budget is spent, cutting the last chunk at the exact byte
 * (even inside a UTF-8 character, as the kubelet does).
 */
export class ByteBudget {
  private remaining: number;

  constructor(limitBytes: number | undefined) {
    this.remaining = limitBytes ?? Number.POSITIVE_INFINITY;
  }

  get exhausted(): boolean {
    return this.remaining <= 0;
  }

  /** The part of `text` that still fits. */
  take(text: string): Buffer {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= this.remaining) {
      this.remaining -= bytes.length;
      return bytes;
    }
    const cut = bytes.subarray(0, Math.max(0, this.remaining));
    this.remaining = 0;
    return cut;
  }
}
