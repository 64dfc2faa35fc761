import { describe, expect, it } from 'vitest';
import { clean, cleanLines, cleanLogLine, cleanLogLineKeepingColours, cleanName, isPrintable, p, slicePrintable } from '../../src/model/printable.js';
import { textWidth } from '../../src/model/textWidth.js';

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

describe('the brand keepers', () => {
  it('never cut a surrogate pair in half', () => {
    const text = clean('a🚀b');
    expect(slicePrintable(text, 0, 2)).toBe('a');
    expect(slicePrintable(text, 2)).toBe('🚀b');
    expect(isPrintable(slicePrintable(text, 0, 2))).toBe(true);
  });

  it('tell printable text from text that needs cleaning', () => {
    expect(isPrintable('pod-7c9f ✓ 日本')).toBe(true);
    expect(isPrintable('a\x1b[2J')).toBe(false);
    expect(isPrintable('a\u202eb')).toBe(false);
    expect(isPrintable('a\nb')).toBe(false);
  });

  it('clean is idempotent: a placeholder is printable as it is', () => {
    const once = clean('\x1b]52;c;cm0=\x07\u009b\u202e\x00');
    expect(clean(once)).toBe(once);
    expect(/^[\x20-\x7e]*$/.test(once)).toBe(true);
  });
});

describe('log lines', () => {
  it('drop escape sequences and invisible controls, keep text', () => {
    expect(cleanLogLine('a\x1b[31mred\x1b[0m\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \u202eok\u2028')).toBe('aredlink ok');
    expect(cleanLogLine('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
  });

  it('keep SGR colours only when asked, closed at the end', () => {
    expect(cleanLogLineKeepingColours('\x1b[31mred\x1b[2J')).toBe('\x1b[31mred\x1b[0m');
  });
});

describe('widths', () => {
  it('count placeholders one column per character and wide text two', () => {
    expect(textWidth(clean('a\x1bb'))).toBe(4);
    expect(textWidth(clean('\u202e'))).toBe(8);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('👩‍👩‍👧')).toBe(2);
  });
});
