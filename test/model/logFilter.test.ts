import { describe, expect, it } from 'vitest';
import { LogMerger } from '../../src/kube/logs/logMerger.js';
import { parseLineFilter } from '../../src/model/logFilter.js';
import { bufferText, findMatch, initialLogViewState, LogBuffer, scrollBy, shownCount, visibleRows, type LogViewState } from '../../src/model/logView.js';
import { clean } from '../../src/model/printable.js';

const stamp = (i: number): string => `2026-11-23T09:${String(13 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000000000Z`;

/** Every fifth line is an error; the rest are ok. */
function filled(count: number, limits?: { maxLines: number; maxBytes: number }): LogBuffer {
  const buffer = new LogBuffer(limits);
  for (let i = 0; i < count; i++) buffer.appendLine(`web-${i % 3}`, stamp(i), i % 5 === 0 ? `ERROR request ${i} failed` : `ok request ${i}`, false);
  return buffer;
}

const texts = (buffer: LogBuffer, state: LogViewState, height = 5): string[] => visibleRows(buffer, state, 80, height).map((row) => `${row.prefix}${row.text}`);

describe('the line filter', () => {
  it('parses `text` as only the lines with it and `!text` as only those without; empty means none', () => {
    expect(parseLineFilter('')).toBeUndefined();
    expect(parseLineFilter('!')).toBeUndefined();
    expect(parseLineFilter('Error')).toEqual({ needle: 'error', invert: false });
    expect(parseLineFilter('!Error')).toEqual({ needle: 'error', invert: true });
  });

  it('shows only the matching lines (case-insensitive) while following, markers always', () => {
    const buffer = filled(40);
    buffer.appendMarker('web-1', clean('── web-1 went away ──'));
    const state: LogViewState = { ...initialLogViewState(), filter: 'error', prefix: true };
    expect(texts(buffer, state, 4)).toEqual(['[web-1] ERROR request 25 failed', '[web-0] ERROR request 30 failed', '[web-2] ERROR request 35 failed', '── web-1 went away ──']);
    expect(shownCount(buffer, state)).toBe(9);
    const inverse: LogViewState = { ...state, filter: '!ERROR' };
    expect(texts(buffer, inverse, 3)).toEqual(['[web-2] ok request 38', '[web-0] ok request 39', '── web-1 went away ──']);
    expect(shownCount(buffer, inverse)).toBe(33);
  });

  it('scrolls and searches over the shown lines only, and resumes following at their end', () => {
    const buffer = filled(100);
    const state: LogViewState = { ...initialLogViewState(), filter: 'error' };
    const up = scrollBy(buffer, state, -3, 80, 4);
    expect(up.follow).toBe(false);
    expect(texts(buffer, up, 4)).toEqual(['ERROR request 65 failed', 'ERROR request 70 failed', 'ERROR request 75 failed', 'ERROR request 80 failed']);
    expect(scrollBy(buffer, up, 1, 80, 4).follow).toBe(false);
    expect(scrollBy(buffer, up, 3, 80, 4).follow).toBe(true);
    // Search only finds what the filter lets through: 'request 7' matches 70 and 75 here, not 71-79.
    const search: LogViewState = { ...up, search: 'request 7' };
    const first = findMatch(buffer, search, 0, 1);
    expect(buffer.get(first ?? -1)?.text).toBe('ERROR request 70 failed');
    expect(buffer.get(findMatch(buffer, search, first ?? 0, 1) ?? -1)?.text).toBe('ERROR request 75 failed');
    expect(findMatch(buffer, search, 75, 1)).toBeUndefined();
    // Saved as shown.
    expect(bufferText(buffer, state)).toHaveLength(20);
  });

  it('stays right as old lines fall off the bounded buffer and after a clear', () => {
    const buffer = filled(50, { maxLines: 20, maxBytes: 1 << 20 });
    const state: LogViewState = { ...initialLogViewState(), filter: 'error' };
    expect(shownCount(buffer, state)).toBe(4);
    for (let i = 50; i < 200; i++) buffer.appendLine('web-0', stamp(i), i % 5 === 0 ? `ERROR request ${i} failed` : `ok ${i}`, false);
    expect(shownCount(buffer, state)).toBe(4);
    expect(texts(buffer, { ...state, follow: false, top: 0 }, 10)).toEqual(['ERROR request 180 failed', 'ERROR request 185 failed', 'ERROR request 190 failed', 'ERROR request 195 failed']);
    buffer.clear();
    buffer.appendLine('web-0', stamp(1), 'ok again', false);
    expect(texts(buffer, state)).toEqual([]);
    expect(texts(buffer, { ...state, filter: '!error' })).toEqual(['ok again']);
  });

  it('cuts a long prefix at its start to a third of the width, keeping the end that tells replicas apart', () => {
    const buffer = new LogBuffer();
    buffer.appendLine('checkout-payments-reconciler-7d9f8c6b5d-x2z9q', stamp(0), 'hello', false);
    const [row] = visibleRows(buffer, { ...initialLogViewState(), prefix: true }, 60, 1);
    expect(row?.prefix).toBe('[~7d9f8c6b5d-x2z9q] ');
    expect(row?.text).toBe('hello');
    const [wide] = visibleRows(buffer, { ...initialLogViewState(), prefix: true }, 200, 1);
    expect(wide?.prefix).toBe('[checkout-payments-reconciler-7d9f8c6b5d-x2z9q] ');
  });
});

describe('LogMerger with streams that come and go', () => {
  it('waits for a stream that joined once it sent something, and no longer for one that left', () => {
    const text = (events: ReturnType<LogMerger['release']>) => events.map((event) => (event.kind === 'line' ? event.text : event.kind));
    const merger = new LogMerger([], 1000);
    merger.add({ kind: 'line', container: 'a', key: '2026-11-23T09:13:05.000000000', timestamp: '', text: 'a5' }, 0);
    expect(text(merger.release(0))).toEqual(['a5']);
    // b joins with older lines: a's next line waits until b has caught up with it.
    merger.add({ kind: 'line', container: 'b', key: '2026-11-23T09:13:01.000000000', timestamp: '', text: 'b1' }, 1);
    merger.add({ kind: 'line', container: 'a', key: '2026-11-23T09:13:06.000000000', timestamp: '', text: 'a6' }, 1);
    expect(text(merger.release(1))).toEqual(['b1']);
    // b leaves: nothing waits for it any more.
    merger.forget('b');
    expect(text(merger.release(2))).toEqual(['a6']);
  });
});
