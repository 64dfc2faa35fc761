import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';

type Rewrite = (source: string) => string;
interface Rewrites {
  lazyRegexes: Rewrite;
  loneClusterFastPath: Rewrite;
  LONE_CLUSTERS: string;
}
type Width = (text: string) => number;

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const originalPath = join(root, 'node_modules', 'string-width', 'index.js');
const original = readFileSync(originalPath, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'podscope-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rewrites(): Promise<Rewrites> {
  return (await import(pathToFileURL(join(root, 'scripts', 'lazyRegexes.mjs')).href)) as Rewrites;
}

/** Every Unicode scalar value as a one-code-point string. */
function* everyCodePoint(): Generator<string> {
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) if (codePoint < 0xd800 || codePoint > 0xdfff) yield String.fromCodePoint(codePoint);
}

async function rewritten(): Promise<{ source: string; width: Width }> {
  const { lazyRegexes, loneClusterFastPath } = await rewrites();
  const source = lazyRegexes(loneClusterFastPath(original));
  // The copy lives outside node_modules: its two imports point at the installed packages.
  const resolvedImports = source.replace(/from '([^'.][^']*)'/g, (_, name: string) => `from '${pathToFileURL(require.resolve(name, { paths: [join(root, 'node_modules', 'string-width')] })).href}'`);
  const file = join(work, 'string-width.mjs');
  writeFileSync(file, resolvedImports);
  const module = (await import(pathToFileURL(file).href)) as { default: Width };
  return { source, width: module.default };
}

describe('the bundle’s lazy string-width regexes', () => {
  it('builds no Unicode-property regex when the module loads', async () => {
    const { source } = await rewritten();
    expect(original).toMatch(/^const \w+Regex = \/.*\\p\{/m);
    expect(source).not.toMatch(/^const \w+Regex = \/.*\\p\{/m);
    expect(source).toMatch(/\?\?= \/\^\\p\{RGI_Emoji\}\$\/v/);
  });

  it('measures every kind of text as the library itself does', async () => {
    const { width } = await rewritten();
    const samples = ['', 'web-7d4b9c', 'café', '日本語のポッド', '🙂', '👩‍👩‍👧', '1️⃣', '#⃣', 'a\u0301', '\u200b', 'ｶﾞ', '각', '\u0e01\u0e33', '\x1b[31mred\x1b[0m', 'x\u0308y', '한국어'];
    for (const sample of samples) expect(width(sample), JSON.stringify(sample)).toBe(stringWidth(sample));
  });

  it('measures code points alone as the library does: the fast path’s, the emoji planes’ and a sample of the rest', async () => {
    const { width } = await rewritten();
    const { LONE_CLUSTERS } = await rewrites();
    const lone = new RegExp(`^${LONE_CLUSTERS}$`);
    const differ: string[] = [];
    for (const text of everyCodePoint()) {
      const codePoint = text.codePointAt(0)!;
      if (!lone.test(text) && !(codePoint >= 0x1f000 && codePoint <= 0x1faff) && codePoint % 61 !== 0) continue;
      if (width(text) !== stringWidth(text)) differ.push(codePoint.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('a one-code-point RGI emoji is one with Emoji_Presentation that is not a regional indicator', () => {
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    const presentation = /^\p{Emoji_Presentation}$/u;
    const differ: string[] = [];
    for (const text of everyCodePoint()) {
      const codePoint = text.codePointAt(0)!;
      const regional = codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
      if (rgi.test(text) !== (presentation.test(text) && !regional)) differ.push(codePoint.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('the code points walked without the segmenter never join a neighbour into one cluster', async () => {
    const { LONE_CLUSTERS } = await rewrites();
    const lone = new RegExp(`^${LONE_CLUSTERS}$`);
    const segmenter = new Intl.Segmenter();
    const clusters = (text: string): number => [...segmenter.segment(text)].length;
    let checked = 0;
    const joined: string[] = [];
    for (const text of everyCodePoint()) {
      if (!lone.test(text)) continue;
      checked++;
      // Before and after a letter (no Extend, ZWJ, SpacingMark, Prepend), doubled and before a Hangul vowel and final (no jamo).
      if (clusters(`a${text}a`) !== 3 || clusters(text + text) !== 2 || clusters(`${text}\u1161`) !== 2 || clusters(`${text}\u11a8`) !== 2) joined.push(text.codePointAt(0)!.toString(16));
    }
    expect(checked).toBeGreaterThan(20_000);
    expect(joined).toEqual([]);
  });

  it('measures mixed screens, with and without the fast path, as the library does', async () => {
    const { width } = await rewritten();
    const samples = ['web-7d4b9c │ Running', '…', '● lab ▸ ▾ ×3 ▏', '┌──┐│└┘', 'naïve café — “quoted”', '⌚ ✅ ❤', '❤️', '日本 한국 🙂 x', 'e\u0301 │', 'Ω≈ç√∫', '\u2028x', 'a\r\nb', '🇩🇪│'];
    for (const sample of samples) expect(width(sample), JSON.stringify(sample)).toBe(stringWidth(sample));
  });
});

describe('the bundle’s Ink line tokenizer without a segmenter for plain lines', () => {
  const tokenizeDir = join(root, 'node_modules', '@alcalzone', 'ansi-tokenize', 'build');
  type Tokenize = (text: string) => unknown[];
  async function tokenizers(): Promise<{ original: Tokenize; fast: Tokenize; source: string }> {
    const { tokenizeFastPath } = (await import(pathToFileURL(join(root, 'scripts', 'lazyRegexes.mjs')).href)) as { tokenizeFastPath: Rewrite };
    const source = tokenizeFastPath(readFileSync(join(tokenizeDir, 'tokenize.js'), 'utf8'));
    // The copy sits beside the original (its relative imports) under another name, its package import resolved.
    const resolved = source.replace(/from "([^".][^"]*)"/g, (_, name: string) => `from "${pathToFileURL(require.resolve(name, { paths: [tokenizeDir] })).href}"`).replace(/from "\.\//g, `from "${pathToFileURL(tokenizeDir).href}/`).replace(/\/\/# sourceMappingURL=.*$/m, '');
    const file = join(work, 'tokenize.mjs');
    writeFileSync(file, resolved);
    const original = (await import(pathToFileURL(join(tokenizeDir, 'tokenize.js')).href)) as { tokenize: Tokenize };
    const fast = (await import(pathToFileURL(file).href)) as { tokenize: Tokenize };
    return { original: original.tokenize, fast: fast.tokenize, source };
  }

  it('makes no segmenter when it loads', async () => {
    const { source } = await tokenizers();
    expect(source).not.toMatch(/^const segmenter = new Intl\.Segmenter/m);
  });

  it('tokenizes every kind of line as the library does', async () => {
    const { original, fast } = await tokenizers();
    const samples = [
      '',
      'web-7d4b9c   Running   0/1',
      '\x1b[31mred\x1b[0m and \x1b[1;38;5;208mbold orange\x1b[22;39m',
      '\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07',
      '├─ phase Running │ ▸ … × → ●',
      'line\r\nnext',
      'tab\there\x7fdel\x00nul',
      'café a\u0301 x\u0308y',
      '🙂 👩‍👩‍👧 1️⃣ #⃣',
      '日本語のポッド 한국어 각',
      '\x1b[7m▾\x1b[27m ',
    ];
    for (const sample of samples) expect(fast(sample), JSON.stringify(sample)).toEqual(original(sample));
  });

  it('the control characters it walks alone are clusters of their own', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (let code = 0; code <= 0x7f; code++) {
      if (code === 0x0d || (code >= 0x20 && code < 0x7f)) continue;
      const control = String.fromCharCode(code);
      for (const neighbour of ['a', '\x1b', '\n', '│']) {
        expect([...segmenter.segment(`${neighbour}${control}${neighbour}`)].length, `U+${code.toString(16)}`).toBe(3);
      }
    }
  });
});

describe('fzf and slice-ansi with their Unicode tables made on first use', () => {
  type Rewrites2 = { lazyFzfTable: Rewrite; lazySliceAnsiSegmenter: Rewrite };
  /** `file` rewritten, written beside nothing, its bare imports resolved from `dir`. */
  async function load<T>(dir: string, file: string, rewrite: (r: Rewrites2) => Rewrite, name: string): Promise<{ original: T; lazy: T; source: string }> {
    const r = (await import(pathToFileURL(join(root, 'scripts', 'lazyRegexes.mjs')).href)) as Rewrites2;
    const source = rewrite(r)(readFileSync(join(dir, file), 'utf8'));
    const resolved = source.replace(/from '([^'.][^']*)'/g, (_, dep: string) => `from '${pathToFileURL(require.resolve(dep, { paths: [dir] })).href}'`).replace(/\/\/# sourceMappingURL=.*$/m, '');
    const copy = join(work, name);
    writeFileSync(copy, resolved);
    return { original: (await import(pathToFileURL(join(dir, file)).href)) as T, lazy: (await import(pathToFileURL(copy).href)) as T, source };
  }

  it('fzf ranks names with and without diacritics as the library does', async () => {
    type FzfModule = { Fzf: new (items: string[], options?: object) => { find(query: string): { item: string; score: number }[] } };
    const { original, lazy, source } = await load<FzfModule>(join(root, 'node_modules', 'fzf', 'dist'), 'fzf.es.js', (r) => r.lazyFzfTable, 'fzf.mjs');
    expect(source).toContain('podscopeFillNormalized');
    const names = ['crème-brûlée-7d4b9c', 'creme-api', 'ÀÉÎ-worker', 'aei-worker', 'naïve-cache', 'ễ-test', 'web-1'];
    for (const query of ['creme', 'aei', 'naive', 'e', 'ễ', 'web']) {
      const ranked = (module: FzfModule): string[] => new module.Fzf(names, { normalize: true }).find(query).map((entry) => `${entry.item}:${entry.score}`);
      expect(ranked(lazy), query).toEqual(ranked(original));
    }
  });

  it('slice-ansi tokenizes as the library does', async () => {
    type SliceModule = { default: (text: string) => unknown[] };
    const dir = join(root, 'node_modules', 'slice-ansi');
    const { original, lazy } = await load<SliceModule>(dir, 'tokenize-ansi.js', (r) => r.lazySliceAnsiSegmenter, 'tokenize-ansi.mjs');
    for (const sample of ['plain', '\x1b[31mred\x1b[0m', '👩‍👩‍👧 a\u0301 日本', '├─ …']) expect(lazy.default(sample), sample).toEqual(original.default(sample));
  });
});
