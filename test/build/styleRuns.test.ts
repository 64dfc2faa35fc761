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

type Rewrite = (source: string) => string;
type FromTokens = (tokens: ReturnType<typeof tokenize>) => StyledChars;

async function rewritten(): Promise<{ source: string; toString: (chars: StyledChars) => string; fromTokens: FromTokens }> {
  const { sameStyleRuns, sharedStyleLists } = (await import(pathToFileURL(join(root, 'scripts', 'styleRuns.mjs')).href)) as { sameStyleRuns: Rewrite; sharedStyleLists: Rewrite };
  const source = sharedStyleLists(sameStyleRuns(original));
  // The copy lives outside node_modules: its imports point at the installed package's files.
  const file = join(work, 'styledChars.mjs');
  writeFileSync(file, source.replace(/\/\/# sourceMappingURL=.*/, "").replace(/from "\.\/([^"]+)"/g, (_, name: string) => `from "${pathToFileURL(join(build, name)).href}"`));
  const module = (await import(pathToFileURL(file).href)) as { styledCharsToString: (chars: StyledChars) => string; styledCharsFromTokens: FromTokens };
  return { source, toString: module.styledCharsToString, fromTokens: module.styledCharsFromTokens };
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

  it('gives the characters of a run one style list, the same characters as the library, written the same', async () => {
    const { source, fromTokens, toString } = await rewritten();
    expect(source).toContain('styles: codes,');
    for (const line of sampleLines()) {
      const shared = fromTokens(tokenize(line));
      const library = styledCharsFromTokens(tokenize(line));
      expect(shared, JSON.stringify(line)).toEqual(library);
      expect(toString(shared), JSON.stringify(line)).toBe(styledCharsToString(library));
    }
    const run = fromTokens(tokenize('\x1b[31mred\x1b[39m plain'));
    expect(run[0]!.styles).toBe(run[2]!.styles);
    expect(run[3]!.styles).toBe(run[4]!.styles);
    expect(run[0]!.styles).not.toBe(run[3]!.styles);
  });

  it('refuses another ansi-tokenize instead of building a bundle that differs', async () => {
    const { sharedStyleLists } = (await import(pathToFileURL(join(root, 'scripts', 'styleRuns.mjs')).href)) as { sharedStyleLists: Rewrite };
    expect(() => sharedStyleLists('ret.push({ ...token, styles: codes.slice() });')).toThrow(/differs from 0\.2/);
  });

  it('writes a screen row of blank cells and a line ending in a style as the library does', async () => {
    const { toString } = await rewritten();
    const blank: StyledChars = Array.from({ length: 80 }, () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] }));
    const styled = styledCharsFromTokens(tokenize('\x1b[1m\x1b[31mred bold\x1b[0m plain \x1b[2mdim'));
    for (const chars of [blank, styled, [...styled, ...blank], [...blank, ...styled]]) expect(toString(chars)).toBe(styledCharsToString(chars));
  });
});
