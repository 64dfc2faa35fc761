import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built bundle (scripts/build.mjs) every command runs. */
export const bundlePath = fileURLToPath(new URL('../../dist/podscope.cjs', import.meta.url));

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

interface CoverageFile {
  result: { url: string; functions: { ranges: Range[] }[] }[];
}

/**
 * What parts of the bundle a process ran, from V8's coverage (run it with `env()`). The bundle is one
 * file in which esbuild wraps each lazily loaded module in a function (its `__esm` / `__commonJS`
 * helpers): a module was loaded when its wrapper ran. Code outside any wrapper (functions esbuild
 * hoisted to the top) counts as run when the function around it ran.
 */
export interface BundleCoverage {
  dir: string;
  /** Environment for the process to measure: coverage into `dir`, and a code cache of its own. */
  env(): Record<string, string>;
  /** Of `marks` (texts in the bundle), those in code the process ran. */
  ran(marks: readonly string[]): string[];
  /** Forgets what earlier processes ran. */
  reset(): void;
  remove(): void;
}

function helperNames(source: string): string[] {
  // esbuild's (minified) helpers: `var w=(t,e,i)=>()=>{if(i)throw i[0];try{return t&&(e=t(t=0)),e}…`
  // and `pe=(t,e)=>()=>{try{return e||t((e={exports:{}}).exports,e),e.exports}…`.
  const esm = /(\w+)=\(\w,\w,\w\)=>\(\)=>\{if\(\w\)throw \w\[0\];try\{return \w&&\(\w=\w\(\w=0\)\),\w\}/.exec(source)?.[1];
  const cjs = /(\w+)=\(\w,\w\)=>\(\)=>\{try\{return \w\|\|\w\(\(\w=\{exports:\{\}\}\)\.exports,\w\),\w\.exports\}/.exec(source)?.[1];
  if (esm === undefined || cjs === undefined) throw new Error('the bundle has no esbuild module wrappers this helper knows: update test/helpers/bundleCoverage.ts');
  return [esm, cjs];
}

export function makeBundleCoverage(prefix: string): BundleCoverage {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const coverage = join(dir, 'coverage');
  const source = readFileSync(bundlePath, 'latin1');
  const helpers = helperNames(source);
  const innermost = (ranges: Range[], at: number): Range | undefined => {
    let best: Range | undefined;
    for (const range of ranges) {
      if (range.startOffset <= at && at < range.endOffset && (best === undefined || range.endOffset - range.startOffset < best.endOffset - best.startOffset)) best = range;
    }
    return best;
  };
  return {
    dir,
    env: () => ({ NODE_V8_COVERAGE: coverage, XDG_CACHE_HOME: join(dir, 'cache') }),
    ran(marks) {
      const wrappers: Range[] = [];
      const functions: Range[] = [];
      for (const file of readdirSync(coverage)) {
        const data = JSON.parse(readFileSync(join(coverage, file), 'utf8')) as CoverageFile;
        for (const script of data.result) {
          if (!script.url.endsWith('/dist/podscope.cjs')) continue;
          for (const fn of script.functions) {
            const range = fn.ranges[0];
            if (range === undefined) continue;
            const before = source.slice(Math.max(0, range.startOffset - 16), range.startOffset);
            (helpers.some((name) => new RegExp(`[^\\w$]${name}\\($`).test(before)) ? wrappers : functions).push(range);
          }
        }
      }
      if (wrappers.length === 0) throw new Error('no coverage of dist/podscope.cjs was written');
      return marks.filter((mark) => {
        for (let at = source.indexOf(mark); at !== -1; at = source.indexOf(mark, at + 1)) {
          const range = innermost(wrappers, at) ?? innermost(functions, at);
          if (range !== undefined && range.count > 0) return true;
        }
        return false;
      });
    },
    reset: () => rmSync(coverage, { recursive: true, force: true }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
