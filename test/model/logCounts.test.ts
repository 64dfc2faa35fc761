import { describe, expect, it } from 'vitest';
import { groupedCount, logCountsText } from '../../src/model/logCounts.js';
import { LineRate } from '../../src/model/logRate.js';
import { LogBuffer } from '../../src/model/logView.js';

/** Lines of every kind of size: ASCII, multi-byte, long, empty, and hostile ones whose raw bytes are kept too. */
function lineOf(i: number): { text: string; raw?: Uint8Array } {
  switch (i % 5) {
    case 0:
      return { text: `line ${i}` };
    case 1:
      return { text: `line ${i} 日本語 ${'é'.repeat(i % 40)}` };
    case 2:
      // Stretches of short lines, then of long ones: now one bound bites first, now the other.
      return { text: `line ${i} ${'x'.repeat(i % 1000 < 500 ? (i * 7) % 30 : 800)}` };
    case 3:
      // Invalid UTF-8 and an escape sequence: the raw bytes are kept beside the sanitised text.
      return { text: `line ${i} \x1b]0;title\x07 \ufffd`, raw: Buffer.concat([Buffer.from(`line ${i} \x1b]0;title\x07 `), Buffer.from([0xff])]) };
    default:
      return { text: `line ${i}${i % 2 === 0 ? '' : ' \x1b[31mred\x1b[0m'}` };
  }
}

const append = (buffer: LogBuffer, i: number): void => {
  const { text, raw } = lineOf(i);
  buffer.appendLine('web', '2026-11-23T10:00:00.000000000Z', text, true, raw);
};

/**
 * What the bounds must let go, worked out from each entry's own size (measured in a buffer with no
 * bound): the oldest go first, only as many as it takes to fit the newest. Says which bound did it.
 */
function expectedDrops(sizes: readonly number[], maxLines: number, maxBytes: number): { dropped: number[]; byLines: number; byBytes: number } {
  let start = 0;
  let bytes = 0;
  const dropped: number[] = [];
  const why = { byLines: 0, byBytes: 0 };
  sizes.forEach((size, end) => {
    while (end > start && (end - start >= maxLines || bytes + size > maxBytes)) {
      if (end - start >= maxLines) why.byLines++;
      else why.byBytes++;
      bytes -= sizes[start++] ?? 0;
    }
    bytes += size;
    dropped.push(start);
  });
  return { dropped, ...why };
}

describe('the log buffer counts every line it lets go', () => {
  const total = 5_000;
  const sizes: number[] = [];
  const unbounded = new LogBuffer({ maxLines: 1_000_000, maxBytes: 1024 * 1024 * 1024 });
  for (let i = 0; i < total; i++) {
    const before = unbounded.bytes;
    append(unbounded, i);
    sizes.push(unbounded.bytes - before);
  }

  it.each([
    ['lines', { maxLines: 700, maxBytes: 1024 * 1024 * 1024 }, { lines: true, bytes: false }],
    ['bytes', { maxLines: 1_000_000, maxBytes: 20_000 }, { lines: false, bytes: true }],
    ['lines and bytes by turns', { maxLines: 120, maxBytes: 20_000 }, { lines: true, bytes: true }],
    ['one line at a time', { maxLines: 1, maxBytes: 1024 * 1024 }, { lines: true, bytes: false }],
  ])('bounded in %s: exactly the oldest lines, counted, after every line', (_name, limits, bounds) => {
    const expected = expectedDrops(sizes, limits.maxLines, limits.maxBytes);
    expect({ lines: expected.byLines > 0, bytes: expected.byBytes > 0 }).toEqual(bounds);
    const buffer = new LogBuffer(limits);
    for (let i = 0; i < total; i++) {
      append(buffer, i);
      if (buffer.start !== expected.dropped[i]) expect({ line: i, dropped: buffer.start }).toEqual({ line: i, dropped: expected.dropped[i] });
      expect(buffer.end).toBe(i + 1);
    }
    expect(buffer.start + buffer.length).toBe(total);
    expect(buffer.bytes).toBeLessThanOrEqual(limits.maxBytes);
    // The oldest held is the line right after the last one dropped; the newest is the last appended.
    expect(buffer.get(buffer.start)?.text).toMatch(new RegExp(`^line ${buffer.start}\\b`));
    expect(buffer.get(buffer.start - 1)).toBeUndefined();
    expect(buffer.get(buffer.end - 1)?.text).toMatch(new RegExp(`^line ${total - 1}\\b`));
  });

  it('starts counting again when the view clears it for a new stream', () => {
    const buffer = new LogBuffer({ maxLines: 10, maxBytes: 1024 });
    for (let i = 0; i < 25; i++) append(buffer, i * 5);
    expect([buffer.start, buffer.end]).toEqual([15, 25]);
    buffer.clear();
    append(buffer, 0);
    expect([buffer.start, buffer.end]).toEqual([0, 1]);
  });
});

describe('the log view status counts', () => {
  it('say how many lines came, how many of the oldest were dropped, and the rate', () => {
    expect(logCountsText({ received: 0, dropped: 0, perSecond: 0 })).toEqual(['0 lines']);
    expect(logCountsText({ received: 1, dropped: 0, perSecond: 0.4 })).toEqual(['1 line']);
    expect(logCountsText({ received: 12_345, dropped: 0, perSecond: 20_001.6 })).toEqual(['12,345 lines', '20,002/s']);
    expect(logCountsText({ received: 1_234_567, dropped: 1_134_567, perSecond: 0 })).toEqual(['1,234,567 lines, 1,134,567 dropped']);
    expect([groupedCount(999), groupedCount(1000), groupedCount(100_000_000)]).toEqual(['999', '1,000', '100,000,000']);
  });
});

describe('LineRate', () => {
  it('is the lines per second of the batches noted, the first batch (a tail) only its baseline', () => {
    const rate = new LineRate();
    rate.note(0, 500);
    expect(rate.perSecond(0)).toBe(0);
    for (let at = 80; at <= 4000; at += 80) rate.note(at, 500 + at * 20);
    expect(rate.perSecond(4000)).toBeCloseTo(20_000, 0);
  });

  it('falls while nothing comes, to nothing after the window, and starts over on a new stream', () => {
    const rate = new LineRate();
    for (let at = 0; at <= 2000; at += 100) rate.note(at, at * 10);
    expect(rate.perSecond(2000)).toBeCloseTo(10_000, 0);
    expect(rate.perSecond(3000)).toBeCloseTo(20_000 / 3, 0);
    expect(rate.perSecond(4000)).toBe(0);
    rate.note(4100, 3);
    expect(rate.perSecond(4100)).toBe(0);
    rate.note(4200, 103);
    expect(rate.perSecond(4200)).toBeCloseTo(1000, 0);
    rate.reset();
    expect(rate.perSecond(4200)).toBe(0);
  });
});
