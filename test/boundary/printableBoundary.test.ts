import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers/ptyScreen.js';

/**
 * The boundary for cluster text (src/model/printable.ts) holds only if nothing goes around it. These
 * tests fail when someone writes to the terminal some other way.
 */

const src = join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles(src).map((path) => ({ path: relative(repoRoot, path), text: readFileSync(path, 'utf8') }));

/** Every name a file imports from 'ink' as a value (type-only imports draw nothing). */
function inkValueImports(text: string): string[] {
  const names: string[] = [];
  const source = ts.createSourceFile('file.tsx', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'ink') continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (clause.name !== undefined) names.push('default');
    const bindings = clause.namedBindings;
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.push('*');
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (!element.isTypeOnly) names.push((element.propertyName ?? element.name).text);
    }
  }
  return names;
}

describe('the printable boundary', () => {
  it('finds the source files it guards', () => {
    expect(files.some((f) => f.path === join('src', 'ui', 'components', 'Line.tsx'))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it("no module but Line.tsx imports Ink's Text (or all of Ink, or its Transform), so every string on screen is a Printable", () => {
    const offenders = files
      .filter((f) => f.path !== join('src', 'ui', 'components', 'Line.tsx'))
      .flatMap((f) => inkValueImports(f.text).filter((name) => ['Text', 'Transform', 'default', '*'].includes(name)).map((name) => `${f.path}: ${name}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees a Text import however it is written', () => {
    expect(inkValueImports("import { Box, Text } from 'ink';")).toContain('Text');
    expect(inkValueImports("import {\n  Text as T,\n} from 'ink';")).toContain('Text');
    expect(inkValueImports("import * as Ink from 'ink';")).toContain('*');
    expect(inkValueImports("import type { Text } from 'ink';")).toEqual([]);
  });

  /**
   * The CLI and the UI write to the terminal only through src/cli/output.ts (typed: Printable,
   * sanitised log lines, and `logs --raw`'s bytes) and Ink. The other raw path is src/terminal: the
   * shell hand-over passes a remote shell's output through as the session the user asked for, and
   * the guard writes podscope's own mode sequences (alternate screen, bracketed paste, cursor).
   * src/cli/entry.ts prints the package's own version before anything else loads (`--version`
   * must cost no more than Node's start-up); it holds no cluster text.
   */
  it('no direct process.stdout/stderr.write or console output in src/cli, src/ui, src/model, src/kube, src/audit but the output module', () => {
    const guarded = files.filter((f) => /^src[\\/](cli|ui|model|kube|audit)[\\/]/.test(f.path) && ![join('src', 'cli', 'output.ts'), join('src', 'cli', 'entry.ts')].includes(f.path));
    const raw = /\bprocess\s*\.\s*(stdout|stderr)\s*\.\s*write\b|\bconsole\s*\.\s*(log|error|warn|info|debug|trace|dir)\b|\buse(Stdout|Stderr)\s*\(\s*\)\s*\.\s*write\b|\bwrite\s*:\s*writeToStd/;
    const offenders = guarded.flatMap((f) =>
      f.text
        .split('\n')
        .map((line, i) => ({ line, at: `${f.path}:${i + 1}` }))
        .filter(({ line }) => raw.test(line.replace(/\/\/.*$/, '')))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no module mints a Printable by casting: only printable.ts may say `as Printable`', () => {
    const casts = files
      .filter((f) => f.path !== join('src', 'model', 'printable.ts'))
      .flatMap((f) => (/\bas\s+(Printable|SgrText|LogOutputText)\b/.test(f.text) ? [f.path] : []));
    expect(casts).toEqual([]);
  });
});
