import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bufferRaw, bufferText, findMatch, highlightRow, initialLogViewState, LogBuffer, newSincePause, scrollBy, visibleRows, type LogViewState } from '../../src/model/logView.js';
import { clean } from '../../src/model/printable.js';
import { sgrPieces, wrapPieces } from '../../src/model/sgr.js';
import type { SgrText } from '../../src/model/printable.js';

const rowsOf = (text: string, width: number) => wrapPieces(sgrPieces(text as SgrText), width).map((row) => row.map((piece) => [piece.text, piece.style.color ?? '']));

const fill = (buffer: LogBuffer, count: number, from = 0): void => {
  for (let i = from; i < from + count; i++) buffer.appendLine('app', `2026-11-23T09:13:${String(i % 60).padStart(2, '0')}.000000000Z`, `line ${i}`, false);
};

describe('log view model', () => {
  it('shows the newest lines while following, with timestamps and prefixes on demand', () => {
    const buffer = new LogBuffer();
    fill(buffer, 10);
    const state: LogViewState = { ...initialLogViewState(), timestamps: true, prefix: true };
    const rows = visibleRows(buffer, state, 80, 3);
    expect(rows.map((row) => row.prefix + row.text)).toEqual([
      '[app] 2026-11-23T09:13:07.000000000Z line 7',
      '[app] 2026-11-23T09:13:08.000000000Z line 8',
      '[app] 2026-11-23T09:13:09.000000000Z line 9',
    ]);
  });

  it('wraps long lines into rows of styled pieces, colours carried over as styles', () => {
    expect(rowsOf('abcdefgh', 3)).toEqual([[['abc', '']], [['def', '']], [['gh', '']]]);
    expect(rowsOf('\x1b[31mabcd\x1b[0mef', 2)).toEqual([[['ab', 'red']], [['cd', 'red']], [['ef', '']]]);
    expect(rowsOf('漢字漢', 3)).toEqual([[['漢', '']], [['字', '']], [['漢', '']]]);
  });

  it('a pause freezes the view and counts what comes meanwhile', () => {
    const buffer = new LogBuffer();
    fill(buffer, 5);
    const paused: LogViewState = { ...initialLogViewState(), paused: true, pausedEnd: buffer.end };
    fill(buffer, 7, 5);
    expect(visibleRows(buffer, paused, 80, 2).map((row) => row.text)).toEqual(['line 3', 'line 4']);
    expect(newSincePause(buffer, paused)).toBe(7);
  });

  it('scrolls back, finds matches both ways and highlights them', () => {
    const buffer = new LogBuffer();
    fill(buffer, 100);
    let state = scrollBy(buffer, initialLogViewState(), -10, 80, 5);
    expect(state.follow).toBe(false);
    expect(visibleRows(buffer, state, 80, 5)[0]?.text).toBe('line 85');
    state = { ...state, search: 'LINE 4' };
    expect(findMatch(buffer, state, 85, -1)).toBe(49);
    expect(findMatch(buffer, state, 49, 1)).toBeUndefined();
    const row = { line: 0, kind: 'line' as const, container: clean('app'), prefix: clean(''), pieces: [{ text: clean('a line 4 b'), style: { color: 'red' } }], text: clean('a line 4 b'), match: true };
    expect(highlightRow(row, 'line 4')).toEqual([
      { text: 'a ', style: { color: 'red' } },
      { text: 'line 4', style: { color: 'red', inverse: true } },
      { text: ' b', style: { color: 'red' } },
    ]);
    expect(scrollBy(buffer, state, 50, 80, 5).follow).toBe(true);
  });

  it('stores hostile text sanitised: no escape sequence but colours reaches the screen', () => {
    const buffer = new LogBuffer();
    buffer.appendLine('app', '', 'ok\x1b[2J\x1b]0;owned\x07\x1b[31mred\x1b[?1049h\r\x07end', true);
    buffer.appendLine('app', '', 'ok\x1b[2J\x1b[31mred', false);
    expect(buffer.get(0)?.text).toBe('ok\x1b[31mredend\x1b[0m');
    expect(buffer.get(1)?.text).toBe('okred');
  });

  it('one million lines leave the buffer bounded and memory flat', () => {
    const limits = { maxLines: 10_000, maxBytes: 1024 * 1024 };
    const buffer = new LogBuffer(limits);
    const state = initialLogViewState();
    // Exposes a gc() for this test even when node was not started with --expose-gc.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    const heap = (): number => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    let afterFirst = 0;
    let mostLines = 0;
    for (let i = 0; i < 1_000_000; i++) {
      buffer.appendLine('app', '2026-11-23T09:13:00.000000000Z', `firehose line ${i} ${'x'.repeat(i % 200)}`, false);
      if (i % 1000 === 0) visibleRows(buffer, state, 120, 40);
      if (i === 100_000) afterFirst = heap();
      mostLines = Math.max(mostLines, buffer.length);
    }
    expect(mostLines).toBeLessThanOrEqual(limits.maxLines);
    expect(buffer.bytes).toBeLessThanOrEqual(limits.maxBytes);
    expect(buffer.end).toBe(1_000_000);
    expect(buffer.start).toBe(1_000_000 - buffer.length);
    expect(visibleRows(buffer, state, 120, 40).at(-1)?.text).toContain('firehose line 999999');
    expect(gc).toBeTypeOf('function');
    expect(heap() - afterFirst).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});

describe('saving the log', () => {
  const hostile = Buffer.concat([Buffer.from('ok \x1b]52;c;cm0gLXJmIH4=\x07\x1b[31mred\x1b[0m '), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(' ünï')]);

  it('keeps the raw bytes beside the text only where they differ, counted in the byte budget', () => {
    const plain = new LogBuffer();
    plain.appendLine('app', '', 'plain ascii ünï', false, Buffer.from('plain ascii ünï'));
    expect(plain.get(0)?.raw).toBeUndefined();
    const dirty = new LogBuffer();
    dirty.appendLine('app', '', hostile.toString('utf8'), false, hostile);
    expect(dirty.get(0)?.text).toBe('ok red \ufffd\ufffd( ünï');
    expect(dirty.get(0)?.raw).toBeDefined();
    expect(dirty.bytes).toBeGreaterThan(plain.bytes + hostile.length - 10);
  });

  it('as text: what the view shows, no escape left; raw: the bytes as the server sent them', () => {
    const buffer = new LogBuffer();
    buffer.appendLine('app', '2026-11-23T09:13:00.000000000Z', hostile.toString('utf8'), true, hostile);
    buffer.appendMarker('app', clean('── container restarted ──'));
    buffer.appendLine('app', '2026-11-23T09:13:01.000000000Z', 'next', true, Buffer.from('next'));
    const state = { ...initialLogViewState(), timestamps: true };
    expect(bufferText(buffer, state)).toEqual(['2026-11-23T09:13:00.000000000Z ok red \ufffd\ufffd( ünï', '── container restarted ──', '2026-11-23T09:13:01.000000000Z next']);
    expect(bufferRaw(buffer, state)).toEqual(
      Buffer.concat([Buffer.from('2026-11-23T09:13:00.000000000Z '), hostile, Buffer.from('\n2026-11-23T09:13:01.000000000Z next\n')]),
    );
  });
});
