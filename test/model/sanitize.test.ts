import { describe, expect, it } from 'vitest';
import { codePointWidth, sanitizeInline, sanitizeLogLine, visibleWidth } from '../../src/model/sanitize.js';

const plain = (text: string): string => sanitizeLogLine(text, { keepColors: false });
const colored = (text: string): string => sanitizeLogLine(text, { keepColors: true });

describe('sanitizeLogLine', () => {
  it('leaves ordinary text alone', () => {
    expect(plain('GET /healthz 200 in 3ms – ünïcödé ✓')).toBe('GET /healthz 200 in 3ms – ünïcödé ✓');
    expect(colored('no colours here')).toBe('no colours here');
  });

  it.each([
    ['window title via OSC 0 ended by BEL', 'a\x1b]0;pwned\x07b', 'ab'],
    ['OSC ended by ST', 'a\x1b]2;pwned\x1b\\b', 'ab'],
    ['OSC 8 hyperlink', '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['OSC 52 clipboard write', 'x\x1b]52;c;cm0gLXJmIC8K\x07y', 'xy'],
    ['unterminated OSC swallows the rest', 'safe\x1b]0;never closed', 'safe'],
    ['clear screen', '\x1b[2Jhello', 'hello'],
    ['cursor home + erase line', '\x1b[H\x1b[Kline', 'line'],
    ['alternate screen', '\x1b[?1049hinside\x1b[?1049l', 'inside'],
    ['cursor position report request', 'prompt\x1b[6n$ ', 'prompt$ '],
    ['8-bit CSI', 'a\u009b31mred\u009b0m', 'ared'],
    ['DCS with ST', 'a\x1bP1$r0m\x1b\\b', 'ab'],
    ['8-bit DCS and 8-bit ST', 'a\u0090payload\u009cb', 'ab'],
    ['APC / PM / SOS', 'a\x1b_apc\x1b\\b\x1b^pm\x07c\x1bXsos\x1b\\d', 'abcd'],
    ['bare ESC and two-byte escapes', 'a\x1bcb\x1b7c\x1b(Bd\x1b', 'abcd'],
    ['carriage-return overwrite trick', 'rm -rf / \rharmless', 'rm -rf / harmless'],
    ['backspace overwrite trick', 'evil\b\b\b\bgood', 'evilgood'],
    ['BEL, NUL, DEL and other C0/C1', 'a\x07\x00\x7f\u0085\u008db', 'ab'],
    ['bidi override', 'user\u202eexe.txt', 'userexe.txt'],
    ['CSI cut short by another ESC', '\x1b[31\x1b[2Jx', 'x'],
  ])('strips %s', (_name, input, expected) => {
    expect(plain(input)).toBe(expected);
  });

  it('strips colours unless asked to keep them', () => {
    expect(plain('\x1b[31mred\x1b[0m')).toBe('red');
    expect(colored('\x1b[31mred\x1b[0m')).toBe('\x1b[31mred\x1b[0m');
    expect(colored('\x1b[1;38;5;208mbold orange\x1b[m')).toBe('\x1b[1;38;5;208mbold orange\x1b[m');
    expect(colored('\x1b[32mgreen to the end')).toBe('\x1b[32mgreen to the end\x1b[0m');
    expect(colored('\x1b[38:2::255:0:0mtruecolor')).toBe('\x1b[38:2::255:0:0mtruecolor\x1b[0m');
  });

  it('keeps only SGR when colours are kept', () => {
    expect(colored('\x1b[31mred\x1b[2J\x1b[?25l\x1b]0;t\x07')).toBe('\x1b[31mred\x1b[0m');
    expect(colored('\x1b[?31m')).toBe('');
    expect(colored('\x1b[31 m')).toBe('');
    expect(colored('\u009b31mx')).toBe('x');
    expect(colored(`\x1b[${'1;'.repeat(40)}mx`)).toBe('x');
  });

  it('expands tabs to the next multiple of 8 columns', () => {
    expect(plain('a\tb')).toBe('a       b');
    expect(plain('\tx')).toBe('        x');
    expect(plain('12345678\tx')).toBe('12345678        x');
    expect(colored('\x1b[32mab\x1b[0m\tc')).toBe('\x1b[32mab\x1b[0m      c');
    expect(plain('日本\tx')).toBe('日本    x');
  });
});

describe('visibleWidth', () => {
  it('ignores kept SGR and counts wide and zero-width characters', () => {
    expect(visibleWidth(colored('\x1b[31mred\x1b[0m'))).toBe(3);
    expect(visibleWidth('日本語')).toBe(6);
    expect(visibleWidth('e\u0301')).toBe(1);
    expect(visibleWidth('🙂')).toBe(2);
    expect(codePointWidth(0x41)).toBe(1);
  });
  it('equals the length of what is printed for sanitized hostile input', () => {
    const out = plain('\x1b[2J\x1b]0;x\x07ab\tc\r');
    expect(out).toBe('ab      c');
    expect(visibleWidth(out)).toBe(out.length);
  });
});

describe('sanitizeInline', () => {
  it('turns newlines into spaces for one-line labels', () => {
    expect(sanitizeInline('line one\nline two\r\n\x1b[31mthree')).toBe('line one line two three');
  });
});
