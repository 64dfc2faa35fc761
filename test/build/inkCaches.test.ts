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
  INK_TEXT_CACHE_ENTRIES: number;
}
interface Sized {
  size: number;
  get(key: string): unknown;
}
interface OutputInstance {
  caches: { styledChars: Sized; widths: Sized; blockWidths: Sized };
  write(x: number, y: number, text: string, options: { transformers: unknown[] }): void;
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

const WIDTH = 200;
const HEIGHT = 50;
const logLine = (n: number) => `2026-12-03T01:00:00Z web tick ${n} ${'x'.repeat(n % 150)}`;

describe('Ink’s output caches in the bundle', () => {
  it('hold no more than the last frame’s text, however many new lines were drawn', async () => {
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
    // Two generations of at most one screen each (the frame before and this one).
    expect(caches.styledChars.size).toBeLessThanOrEqual(2 * HEIGHT);
    expect(caches.blockWidths.size).toBeLessThanOrEqual(2 * HEIGHT);
    // Widths: every line, and every distinct character of them.
    expect(caches.widths.size).toBeLessThanOrEqual(2 * HEIGHT + 64);
  });

  it('still tokenizes a line that stays on screen only once', async () => {
    const Output = await rewrittenInk<OutputClass>('output.js', rewrites.inkFrameCaches);
    const header = 'a header that never changes';
    const frames: string[] = [];
    let tokenized: unknown;
    for (let frame = 0; frame < 20; frame++) {
      const output = new Output({ width: WIDTH, height: 3 });
      output.write(0, 0, header, { transformers: [] });
      output.write(0, 1, `a count that does: ${frame}`, { transformers: [] });
      frames.push(output.get().output);
      // The header's cells are the ones made for the first frame, carried from frame to frame.
      tokenized ??= output.caches.styledChars.get(header);
      expect(output.caches.styledChars.get(header)).toBe(tokenized);
      // This frame's two rows and the last frame's: the old counts are gone.
      expect(output.caches.styledChars.size).toBeLessThanOrEqual(4);
    }
    expect(tokenized).toBeDefined();
    expect(frames[19]).toContain('a header that never changes');
    expect(frames[19]).toContain('a count that does: 19');
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

  it('refuses another Ink’s code instead of building a bundle without the bounds', () => {
    expect(() => rewrites.inkFrameCaches('export default class Output {}')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkMeasureTextCache('const cache = new Map();')).toThrow(/differs from ink 6\.8/);
    expect(() => rewrites.inkWrapTextCache('const cache = {};')).toThrow(/differs from ink 6\.8/);
  });
});
