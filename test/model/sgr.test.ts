import { describe, expect, it } from 'vitest';
import { cleanLogLineKeepingColours } from '../../src/model/printable.js';
import { applySgr, highlightPieces, sgrPieces, sgrPlainText, wrapPieces } from '../../src/model/sgr.js';

describe('SGR as styles', () => {
  it('reads the common sequences: reset, bold, 16, 256 and true colours, backgrounds', () => {
    expect(applySgr({}, '1;31')).toEqual({ bold: true, color: 'red' });
    expect(applySgr({ bold: true, color: 'red' }, '0')).toEqual({});
    expect(applySgr({ bold: true, dimColor: true }, '22')).toEqual({});
    expect(applySgr({}, '38;5;196;48;2;0;128;255')).toEqual({ color: 'ansi256(196)', backgroundColor: '#0080ff' });
    expect(applySgr({}, '38:2::255:0:0')).toEqual({ color: '#ff0000' });
    expect(applySgr({}, '92;4;7')).toEqual({ color: 'greenBright', underline: true, inverse: true });
    expect(applySgr({ color: 'red' }, '39')).toEqual({});
    expect(applySgr({}, '38;5;999')).toEqual({});
  });

  it('turns a sanitised log line into pieces that hold no escape at all', () => {
    const line = cleanLogLineKeepingColours('plain \x1b[1;32mok\x1b[0m \x1b]0;title\x07done');
    const pieces = sgrPieces(line);
    expect(pieces).toEqual([
      { text: 'plain ', style: {} },
      { text: 'ok', style: { bold: true, color: 'green' } },
      { text: ' done', style: {} },
    ]);
    for (const piece of pieces) expect(piece.text).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(sgrPlainText(line)).toBe('plain ok done');
  });

  it('wraps pieces by columns, a wide character never split', () => {
    const rows = wrapPieces(sgrPieces(cleanLogLineKeepingColours('ab\x1b[31m日本c')), 3);
    expect(rows.map((row) => row.map((piece) => piece.text).join(''))).toEqual(['ab', '日', '本c']);
    expect(rows[1]?.[0]?.style).toEqual({ color: 'red' });
  });

  it('marks search matches across pieces, keeping their colours', () => {
    const pieces = sgrPieces(cleanLogLineKeepingColours('er\x1b[31mror here'));
    expect(highlightPieces(pieces, 'ERROR')).toEqual([
      { text: 'er', style: { inverse: true } },
      { text: 'ror', style: { color: 'red', inverse: true } },
      { text: ' here', style: { color: 'red' } },
    ]);
  });
});
