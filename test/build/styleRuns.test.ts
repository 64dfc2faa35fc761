import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';
import { afterAll, describe, expect, it } from 'vitest';

type StyledChars = ReturnType<typeof styledCharsFromTokens>;

const root = join(import.meta.dirname, '..', '..');
const build = join(root, 'node_modules', '@alcalzone', 'ansi-tokenize', 'build');
const original = readFileSync(join(build, 'styledChars.js'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'podscope-runs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rewritten(): Promise<{ source: string; toString: (chars: StyledChars) => string }> {
  const { sameStyleRuns } = (await import(pathToFileURL(join(root, 'scripts', 'styleRuns.mjs')).href)) as { sameStyleRuns: (source: string) => string };
  const source = sameStyleRuns(original);
  // The copy lives outside node_modules: its imports point at the installed package's files.
  const file = join(work, 'styledChars.mjs');
  writeFileSync(file, source.replace(/\/\/# sourceMappingURL=.*/, "").replace(/from "\.\/([^"]+)"/g, (_, name: string) => `from "${pathToFileURL(join(build, name)).href}"`));
  const module = (await import(pathToFileURL(file).href)) as { styledCharsToString: (chars: StyledChars) => string };
  return { source, toString: module.styledCharsToString };
}

/** Lines as Ink draws them: runs of styles (colours, bold and dim together, inverse, resets, links) and blank cells. */
function sampleLines(): string[] {
  const styles = ['', '\x1b[1m', '\x1b[2m', '\x1b[1m\x1b[2m', '\x1b[31m', '\x1b[38;5;208m', '\x1b[38;2;1;2;3m', '\x1b[44m', '\x1b[7m', '\x1b[0m', '\x1b[22m', '\x1b[39m', '\x1b]8;;https://x.invalid\x07', '\x1b]8;;\x07'];
  const texts = ['web-7d4b9c', ' ', 'Running', '│', '日本', '🙂', 'a\u0301', '…', '  '];
  const lines: string[] = [];
  let seed = 7;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let line = 0; line < 400; line++) {
    let text = '';
    for (let piece = next(12); piece >= 0; piece--) text += styles[next(styles.length)]! + texts[next(texts.length)]!;
    lines.push(text);
  }
  return lines;
}

describe('the bundle’s style runs in ansi-tokenize', () => {
  it('skips the diff only between neighbours with the same styles', async () => {
    const { source } = await rewritten();
    expect(source).toContain('if (!podscopeSameStyles(chars[i - 1].styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(');
  });

  it('writes every line as the library does', async () => {
    const { toString } = await rewritten();
    for (const line of sampleLines()) {
      const chars = styledCharsFromTokens(tokenize(line));
      expect(toString(chars), JSON.stringify(line)).toBe(styledCharsToString(chars));
    }
  });

  it('writes a screen row of blank cells and a line ending in a style as the library does', async () => {
    const { toString } = await rewritten();
    const blank: StyledChars = Array.from({ length: 80 }, () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
    const styled = styledCharsFromTokens(tokenize('\x1b[1m\x1b[31mred bold\x1b[0m plain \x1b[2mdim'));
    for (const chars of [blank, styled, [...styled, ...blank], [...blank, ...styled]]) expect(toString(chars)).toBe(styledCharsToString(chars));
  });
});
