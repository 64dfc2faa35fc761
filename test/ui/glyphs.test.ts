import { describe, expect, test } from 'vitest';
import { detectDisplay, glyphsFor } from '../../src/ui/glyphs.js';

describe('detectDisplay', () => {
  test('Unicode when the locale says UTF-8, in any spelling', () => {
    expect(detectDisplay({ LANG: 'en_US.UTF-8' }).unicode).toBe(true);
    expect(detectDisplay({ LC_CTYPE: 'de_DE.utf8' }).unicode).toBe(true);
    expect(detectDisplay({ LANG: 'C' }).unicode).toBe(false);
    expect(detectDisplay({}).unicode).toBe(false);
  });

  test('LC_ALL wins over LC_CTYPE, which wins over LANG', () => {
    expect(detectDisplay({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }).unicode).toBe(false);
    expect(detectDisplay({ LC_CTYPE: 'POSIX', LANG: 'en_US.UTF-8' }).unicode).toBe(false);
    expect(detectDisplay({ LC_ALL: '', LC_CTYPE: 'C.UTF-8', LANG: 'C' }).unicode).toBe(true);
  });

  test('NO_COLOR (non-empty) and dumb terminals turn colour off', () => {
    expect(detectDisplay({}).color).toBe(true);
    expect(detectDisplay({ NO_COLOR: '1' }).color).toBe(false);
    expect(detectDisplay({ NO_COLOR: '' }).color).toBe(true);
    expect(detectDisplay({ TERM: 'dumb' }).color).toBe(false);
  });

  test('ASCII glyphs are ASCII', () => {
    const glyphs = glyphsFor({ unicode: false, color: true });
    expect(Object.values(glyphs).join('')).toMatch(/^[\x20-\x7e]+$/);
    expect(glyphs.truncated).toBe('~');
    expect(glyphsFor({ unicode: true, color: true }).truncated).toBe('…');
  });
});
