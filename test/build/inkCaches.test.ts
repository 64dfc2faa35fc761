import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The bundle's rewrites of Ink's caches (scripts/inkCaches.mjs), applied to the installed Ink as
// scripts/build.mjs applies them, and run: under a stream of new text (a log firehose) what the
// caches hold stays bounded, while text drawn again is still served from them.
type Rewrite = (source: string) => string;
interface InkCaches {
  inkFrameCaches: Rewrite;
  inkMeasureTextCache: Rewrite;
  inkWrapTextCache: Rewrite;
  inkRenderMeasuredWidth: Rewrite;
  inkOutputCells: Rewrite;
  INK_TEXT_CACHE_ENTRIES: number;
  INK_OUTPUT_CACHE_CHARS: number;
}
interface Sized {
  size: number;
  get(key: string): unknown;
  current: Map<string, unknown>;
  previous: Map<string, unknown>;
}
interface OutputInstance {
  caches: { styledChars: Sized; widths: Sized; blockWidths: Sized };
  write(x: number, y: number, text: string, options: { transformers: unknown[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputInstance;
type Measure = (text: string) => { width: number; height: number };
type Wrap = (text: string, maxWidth: number, wrapType: string) => string;

const root = join(import.meta.dirname, '..', '..');
const inkBuild = join(root, 'node_modules', 'ink', 'build');
const work = mkdtempSync(join(tmpdir(), 'podscope-ink-caches-'));
// Ink's own imports resolve from there as from Ink.
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rewrites = (await import(pathToFileURL(join(root, 'scripts', 'inkCaches.mjs')).href)) as InkCaches;

let loaded = 0;

/** Ink's build/<file>, rewritten, as a module beside the installed packages (a fresh one each call: its caches are module-wide). */
async function rewrittenInk<T>(file: string, rewrite: Rewrite): Promise<T> {
  const source = rewrite(readFileSync(join(inkBuild, file), 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
  const path = join(work, file.replace(/\.js$/, `-${++loaded}.mjs`));
  writeFileSync(path, source);
  return ((await import(pathToFileURL(path).href)) as { default: T }).default;
}

/** The characters of the texts a cache holds (both generations). */
function chars(cache: Sized): number {
  let total = 0;
  for (const map of [cache.current, cache.previous]) for (const key of map.keys()) total += key.length;
  return total;
}

const WIDTH = 200;
const HEIGHT = 50;
const logLine = (n: number) => `2026-12-03T01:00:00Z web tick ${n} ${'x'.repeat(n % 150)}`;

describe('Ink’s output caches in the bundle', () => {
  it('hold at most two generations of text, however many new lines were drawn', async () => {
    const Output = await rewrittenInk<OutputClass>('output.js', rewrites.inkFrameCaches);
    let next = HEIGHT;
    let output: OutputInstance | undefined;
    // 400 frames of a firehose: each frame the screen scrolls by ten new lines.
    for (let frame = 0; frame < 400; frame++) {
      output = new Output({ width: WIDTH, height: HEIGHT });
      for (let y = 0; y < HEIGHT; y++) output.write(0, y, logLine(next - HEIGHT + y), { transformers: [] });
      output.get();
      next += 10;
    }
    const caches = output!.caches;
    // A generation is let go at a frame's end once it holds the bound: each holds at most the bound and one frame.
    const frameChars = HEIGHT * (WIDTH + 1);
    for (const cache of [caches.styledChars, caches.blockWidths]) {
      expect(chars(cache)).toBeLessThanOrEqual(2 * (rewrites.INK_OUTPUT_CACHE_CHARS + frameChars));
      // Far fewer than the 400 frames' 4,050 lines.
      expect(cache.size).toBeLessThan(1000);
    }
    // Widths: every line, and every distinct character of them.
    expect(caches.widths.size).toBeLessThan(1000 + 64);
  });

  it('still tokenizes a line that stays on screen only once, and forgets lines long gone', async () => {
    const Output = await rewrittenInk<OutputClass>('output.js', rewrites.inkFrameCaches);
    const header = 'a header that never changes';
    const frames: string[] = [];
    let tokenized: unknown;
    const count = (frame: number) => `a count that does: ${frame}`;
    const lineChars = count(0).length;
    const framesToForget = Math.ceil((2 * rewrites.INK_OUTPUT_CACHE_CHARS) / lineChars) + 10;
    for (let frame = 0; frame < framesToForget; frame++) {
      const output = new Output({ width: WIDTH, height: 3 });
      output.write(0, 0, header, { transformers: [] });
      output.write(0, 1, count(frame), { transformers: [] });
      frames.push(output.get().output);
      // The header's cells are the ones made for the first frame, carried from frame to frame.
      tokenized ??= output.caches.styledChars.get(header);
      expect(output.caches.styledChars.get(header)).toBe(tokenized);
      if (frame === framesToForget - 1) expect(output.caches.styledChars.get(count(0))).toBeUndefined();
    }
    expect(tokenized).toBeDefined();
    expect(frames.at(-1)).toContain('a header that never changes');
    expect(frames.at(-1)).toContain(`a count that does: ${framesToForget - 1}`);
  });

  it('keeps the lines of a frame before the last: j then k draws the rows and pane it left without tokenizing them again', async () => {
    const Output = await rewrittenInk<OutputClass>('output.js', rewrites.inkFrameCaches);
    const screens = [0, 1].map((pod) => Array.from({ length: 40 }, (_, row) => `pod-${pod} detail line ${row} ${'-'.repeat(80)}`));
    const first = new Map<string, unknown>();
    for (let key = 0; key < 60; key++) {
      const output = new Output({ width: 120, height: 40 });
      const screen = screens[key % 2]!;
      screen.forEach((line, y) => output.write(0, y, line, { transformers: [] }));
      output.get();
      for (const line of screen) {
        const cells = output.caches.styledChars.get(line);
        if (!first.has(line)) first.set(line, cells);
        expect(cells).toBe(first.get(line));
      }
    }
  });

  it('measure-text forgets old texts once it holds its bound, and keeps what it measured until then', async () => {
    const measure = await rewrittenInk<Measure>('measure-text.js', rewrites.inkMeasureTextCache);
    const first = measure('the first text');
    expect(measure('the first text')).toBe(first);
    for (let i = 0; i < rewrites.INK_TEXT_CACHE_ENTRIES; i++) measure(logLine(i));
    // Started afresh: measured again (the same size, a new answer), so the cache did not keep it.
    const again = measure('the first text');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('wrap-text still cuts and wraps text past its bound', async () => {
    const wrap = await rewrittenInk<Wrap>('wrap-text.js', rewrites.inkWrapTextCache);
    const long = 'a line far too long for the ten columns it is given';
    expect(wrap(long, 10, 'truncate-end')).toBe('a line fa…');
    for (let i = 0; i < 3 * rewrites.INK_TEXT_CACHE_ENTRIES; i++) wrap(logLine(i), 40, 'truncate-end');
    expect(wrap(long, 10, 'truncate-end')).toBe('a line fa…');
    expect(wrap(long, 10, 'wrap').split('\n').every((row) => row.length <= 10)).toBe(true);
  });

  it('drawing takes each text’s width from measure-text, the number widestLine gives', async () => {
    const source = readFileSync(join(inkBuild, 'render-node-to-output.js'), 'utf8');
    const rewritten = rewrites.inkRenderMeasuredWidth(source);
    expect(rewritten).toContain("import podscopeMeasureText from './measure-text.js';");
    expect(rewritten).toContain('const currentWidth = podscopeMeasureText(text).width;');
    expect(rewritten).not.toContain('const currentWidth = widestLine(text);');
    const measure = await rewrittenInk<Measure>('measure-text.js', rewrites.inkMeasureTextCache);
    const { default: widestLine } = (await import('widest-line')) as { default: (text: string) => number };
    const texts = ['plain', '\u001b[1mbold\u001b[22m │ web-7d4b9c8f6d-x2x9k', 'two\nlines, the second longer', '全角 wide', '● Running ✓', 'e\u0301 combining'];
    for (const text of texts) expect(measure(text).width, text).toBe(widestLine(text));
  });

  it('a frame of shared blank cells and unlooked-up ASCII widths is the text Ink draws', async () => {
    const Ink = await rewrittenInk<OutputClass>('output.js', (source) => source);
    const Shared = await rewrittenInk<OutputClass>('output.js', (source) => rewrites.inkOutputCells(rewrites.inkFrameCaches(source)));
    const lines = ['\u001b[1mpodscope\u001b[22m │ context: demo', 'web-7d4b9c8f6d-x2x9k   1/1   Running   0   3m', '全角 wide 🙂 emoji e\u0301', '\u001b[7m selected row \u001b[27m', 'tab\there', ''];
    const draw = (Output: OutputClass) => {
      const output = new Output({ width: 40, height: 8 });
      lines.forEach((line, y) => output.write(y % 3, y, line, { transformers: [] }));
      output.clip({ x1: 2, x2: 20, y1: 6, y2: 8 });
      output.write(0, 6, '全角 clipped across the pane edge', { transformers: [] });
      output.unclip();
      output.write(30, 7, 'cut at the screen edge', { transformers: [] });
      return output.get();
    };
    for (let frame = 0; frame < 3; frame++) expect(draw(Shared)).toEqual(draw(Ink));
  });

  it('refuses another Ink’s code instead of building a bundle without the bounds', () => {
    expect(() => rewrites.inkOutputCells('get() { const output = []; }')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkRenderMeasuredWidth('const currentWidth = widestLine(text);')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkFrameCaches('export default class Output {}')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkMeasureTextCache('const cache = new Map();')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkWrapTextCache('const cache = {};')).toThrow(/differs from ink 6\.8/);
  });
});
