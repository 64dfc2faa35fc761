import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { leadingColumns, NARROW_TEXT, textWidth, trailingColumns } from '../../src/model/textWidth.js';

/** Every BMP character the fast path takes as one column. */
function narrowCharacters(): string[] {
  const out: string[] = [];
  for (let code = 0x20; code <= 0xffff; code++) {
    const character = String.fromCharCode(code);
    if (NARROW_TEXT.test(character)) out.push(character);
  }
  return out;
}

describe('the narrow-text fast path', () => {
  it('takes only characters string-width also measures one column, alone and between others', () => {
    const wrong = narrowCharacters().filter((character) => stringWidth(character) !== 1 || stringWidth(`a${character}${character}b`) !== 4);
    expect(wrong.map((character) => character.charCodeAt(0).toString(16))).toEqual([]);
  });

  it('covers the marks podscope prints (table rules, tree branches, counts, ellipsis)', () => {
    for (const text of ['├─ crashy', '└─ web', '│', '×11', '…', 'a → b', '▸ ▾ ● ▏', '—', '–', 'µs', '’']) expect(NARROW_TEXT.test(text), text).toBe(true);
  });

  it('leaves wide, combining and emoji text to string-width', () => {
    for (const text of ['日本', 'e\u0301', '\u{1f600}', '\u2764\ufe0f', '\u25fd', 'a\u200db']) {
      expect(NARROW_TEXT.test(text), text).toBe(false);
      expect(textWidth(text)).toBe(stringWidth(text));
    }
  });

  it('cuts narrow text by columns at the same index', () => {
    expect(leadingColumns('├─ crashy ×11', 5)).toEqual({ end: 5, width: 5 });
    expect(trailingColumns('├─ crashy ×11', 3)).toEqual({ start: 10, width: 3 });
    expect(textWidth('├─ crashy ×11')).toBe(13);
  });
});
