import { describe, expect, it } from 'vitest';
import { LogBuffer, initialLogViewState, visibleRows } from '../../src/model/logView.js';
import { parseLineFilter } from '../../src/model/logFilter.js';

// Memory of the log view under a firehose, as sizes, not as RSS: what the buffer and its filter
// index hold and have allocated is set by the bounds, and does not grow with the lines that passed.
const STAMP = '2026-12-03T01:00:00.000000000Z';
const text = (i: number) => `web tick ${i} GET /api/items?page=${i % 97} ${'é'.repeat(i % 13)}${i % 1000 === 0 ? ' ERROR upstream timeout' : ''}`;

describe('the log view’s memory over 400,000 lines', () => {
  it('stays within its line and byte bounds, its filter index too, and keeps counting what it dropped', () => {
    const limits = { maxLines: 5_000, maxBytes: 256 * 1024 };
    const buffer = new LogBuffer(limits);
    const errors = parseLineFilter('error')!;
    const notErrors = parseLineFilter('!error')!;
    const state = { ...initialLogViewState(), filter: 'error' };
    const footprints: { lineSlots: number; storeBytes: number; stored: number; storedInverse: number }[] = [];
    const total = 400_000;
    for (let i = 0; i < total; i++) {
      buffer.appendLine('web', STAMP, text(i), false);
      // A batch (80 ms at 12,500 lines/s) then a frame: the filters brought up to date, the screen read.
      if ((i + 1) % 1_000 === 0) {
        const index = buffer.filtered(errors);
        const inverse = buffer.filtered(notErrors);
        // Shown lines held, and at most as many again (plus 1,024) of lines dropped, before compaction.
        expect(index.stored).toBeLessThanOrEqual(2 * index.count + 1_024 + 1_000);
        expect(inverse.stored).toBeLessThanOrEqual(2 * inverse.count + 1_024 + 1_000);
        expect(visibleRows(buffer, state, 200, 48).length).toBeGreaterThan(0);
        if ((i + 1) % 100_000 === 0) footprints.push({ ...buffer.footprint, stored: index.stored, storedInverse: inverse.stored });
      }
    }
    expect(buffer.end).toBe(total);
    expect(buffer.start + buffer.length).toBe(total);
    expect(buffer.length).toBeLessThanOrEqual(limits.maxLines);
    expect(buffer.bytes).toBeLessThanOrEqual(limits.maxBytes);
    // The newest line is the last one taken in; the oldest held follows the last one dropped.
    expect(buffer.get(total - 1)?.text).toBe(text(total - 1));
    expect(buffer.get(buffer.start)?.text).toBe(text(buffer.start));
    expect(buffer.get(buffer.start - 1)).toBeUndefined();
    for (const footprint of footprints) {
      expect(footprint.lineSlots).toBeLessThanOrEqual(limits.maxLines);
      expect(footprint.storeBytes).toBeLessThanOrEqual(limits.maxBytes);
    }
    // Allocated once it filled, then reused: the same at 200,000 lines as at 400,000.
    expect(footprints.at(-1)?.lineSlots).toBe(footprints[1]?.lineSlots);
    expect(footprints.at(-1)?.storeBytes).toBe(footprints[1]?.storeBytes);
    expect(Math.max(...footprints.map((f) => f.storedInverse))).toBeLessThanOrEqual(2 * limits.maxLines + 1_024 + 1_000);
  });
});
