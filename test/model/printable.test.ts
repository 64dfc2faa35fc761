import { describe, expect, it } from 'vitest';
import { clean, cleanLines, cleanName, p } from '../../src/model/printable.js';

describe('clean', () => {
  it.each([
    ['OSC 52 clipboard write', 'a\x1b]52;c;cm0gLXJmIH4=\x07b', 'a^[]52;c;cm0gLXJmIH4=^Gb'],
    ['OSC 8 link ended by ST', '\x1b]8;;https://evil\x1b\\x', '^[]8;;https://evil^[\\x'],
    ['CSI clear screen', '\x1b[2J', '^[[2J'],
    ['8-bit CSI', 'a\u009b2Jb', 'a<U+009B>2Jb'],
    ['NUL and DEL', 'a\x00b\x7f', 'a^@b^?'],
    ['bidi override', 'user\u202eexe.txt', 'user<U+202E>exe.txt'],
    ['zero-width space', 'we\u200bb', 'we<U+200B>b'],
    ['lone surrogate', 'a\ud800b', 'a<U+D800>b'],
    ['line breaks and tabs in free text', 'one\r\ntwo\nthree\tfour', 'one two three four'],
  ])('makes %s visible', (_name, input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('keeps ordinary text, wide characters and emoji as they are', () => {
    expect(clean('Back-off pulling image "registry.invalid/nope:1" – ünï 日本 ✓ 🚀')).toBe(
      'Back-off pulling image "registry.invalid/nope:1" – ünï 日本 ✓ 🚀',
    );
    expect(clean(undefined)).toBe('');
    expect(clean(42)).toBe('42');
  });

  it('shows a line break in a name instead of making it a space', () => {
    expect(cleanName('web\nfake-row')).toBe('web^Jfake-row');
  });

  it('splits multi-line text into clean lines', () => {
    expect(cleanLines('first\n\x1b[2Jsecond')).toEqual(['first', '^[[2Jsecond']);
  });

  it('interpolates only printable values into our own text', () => {
    const name = clean('evil\x1b]0;title\x07');
    expect(p`pod ${name} restarted ${3}×`).toBe('pod evil^[]0;title^G restarted 3×');
  });
});
