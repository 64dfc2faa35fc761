import { describe, expect, test } from 'vitest';
import { clean as c } from '../../src/model/printable.js';
import { fit, fitEnd, fitPadded, fitSegments, singleLine, textWidth } from '../../src/ui/text.js';

describe('fit', () => {
  test('leaves text that fits alone', () => {
    expect(fit(c('crashy'), 6, c('…'))).toBe('crashy');
  });

  test('cuts with the mark, within the width', () => {
    expect(fit(c('very-long-pod-name'), 8, c('…'))).toBe('very-lo…');
    expect(fit(c('very-long-pod-name'), 8, c('~'))).toBe('very-lo~');
    expect(fit(c('abc'), 0, c('~'))).toBe('');
  });

  test('counts wide characters as two columns', () => {
    expect(textWidth('日本')).toBe(4);
    expect(fit(c('日本語のテキスト'), 5, c('~'))).toBe('日本~');
  });

  test('fitPadded is exactly the width', () => {
    expect(fitPadded(c('ab'), 4, c('~'))).toBe('ab  ');
    expect(fitPadded(c('abcdef'), 4, c('~'))).toBe('abc~');
  });

  test('singleLine turns newlines and escapes into plain text', () => {
    const line = singleLine('first\nsecond\u001b[2J\u0007');
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('first second');
  });
});

describe('fitSegments', () => {
  const segments = [
    { text: c('podscope'), priority: 1 },
    { text: c('context: lab-admin'), priority: 5 },
    { text: c('server: https://127.0.0.1:6443'), priority: 3 },
  ];
  const width = (kept: { text: string }[]) => kept.map((s) => s.text).join(' | ').length;

  test('keeps everything when it fits', () => {
    expect(fitSegments(segments, 80, c(' | '), c('~')).map((s) => s.text)).toEqual(segments.map((s) => s.text));
  });

  test('shortens the lowest priority first, and drops what would become a stub', () => {
    // 62 columns in all: dropping "podscope" and its separator leaves exactly 51.
    const kept = fitSegments(segments, 51, c(' | '), c('~'));
    expect(kept.map((s) => s.index)).toEqual([1, 2]);
    expect(kept[1]?.text).toBe('server: https://127.0.0.1:6443');
    expect(width(kept)).toBe(51);

    const narrow = fitSegments(segments, 30, c(' | '), c('~'));
    expect(narrow.map((s) => s.index)).toEqual([1, 2]);
    expect(narrow[1]?.text.endsWith('~')).toBe(true);
    expect(width(narrow)).toBeLessThanOrEqual(30);
  });

  test('never exceeds the width, whatever the width', () => {
    for (let w = 0; w <= 70; w++) expect(width(fitSegments(segments, w, c(' | '), c('~')))).toBeLessThanOrEqual(w);
  });
});

describe('fitEnd', () => {
  test('keeps the end and marks the cut at the start', () => {
    expect(fitEnd(c('spec.containers{crashy}'), 12, c('…'))).toBe('…ers{crashy}');
    expect(fitEnd(c('pod/web'), 12, c('~'))).toBe('pod/web');
    expect(fitEnd(c('abcdef'), 1, c('~'))).toBe('f');
    expect(fitEnd(c('abc'), 0, c('~'))).toBe('');
  });
});
