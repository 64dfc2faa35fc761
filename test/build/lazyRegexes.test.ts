import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';

type Rewrite = (source: string) => string;
type Width = (text: string) => number;

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const originalPath = join(root, 'node_modules', 'string-width', 'index.js');
const original = readFileSync(originalPath, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'podscope-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function rewritten(): Promise<{ source: string; width: Width }> {
  const { lazyRegexes } = (await import(pathToFileURL(join(root, 'scripts', 'lazyRegexes.mjs')).href)) as { lazyRegexes: Rewrite };
  const source = lazyRegexes(original);
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
});
