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

  it('no module mints a Printable by casting or by a type guard: only printable.ts may (checked on the syntax tree)', () => {
    const casts = files.filter((f) => f.path !== join('src', 'model', 'printable.ts')).flatMap((f) => brandedCasts(f.text, f.path.endsWith('.tsx')).map((at) => `${f.path}:${at}`));
    expect(casts).toEqual([]);
  });

  it('the cast check sees a cast however it is written', () => {
    const sample = (text: string): number => brandedCasts(`import type { Printable, SgrText as S } from '../model/printable.js';\n${text}`).length;
    expect(sample("const a = 'x' as Printable;")).toBe(1);
    expect(sample("const a = <Printable>'x';")).toBe(1);
    expect(sample("const a = ('x' as unknown) as Printable;")).toBe(1);
    expect(sample("const a = ['x'] as readonly Printable[];")).toBe(1);
    expect(sample("const a = 'x' as S;")).toBe(1);
    expect(sample("type Safe = Printable; const a = 'x' as Safe;")).toBe(1);
    expect(sample('function ok(x: string): x is Printable { return true; }')).toBe(1);
    expect(sample("const a = { t: 'x' } as { t: Printable };")).toBe(1);
    expect(sample("const a: Printable = clean('x'); const b = a as string;")).toBe(0);
    expect(brandedCasts("const a = 'x' as Printable;")).toHaveLength(0); // not the brand: a name of its own
  });
});

const BRANDS = ['Printable', 'SgrText', 'LogOutputText'];

/**
 * Where a file makes a branded text type out of something else: `as T`, `<T>x` and `x is T`, where
 * T names one of the brands (imported under any name, or through a local type alias) anywhere in it.
 */
function brandedCasts(text: string, tsx = false): string[] {
  const source = ts.createSourceFile(tsx ? 'file.tsx' : 'file.ts', text, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !/printable(\.js)?$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (BRANDS.includes((element.propertyName ?? element.name).text)) names.add(element.name.text);
    }
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.add(`${bindings.name.text}.*`);
  }
  const mentionsBrand = (node: ts.Node): boolean => {
    let found = false;
    const visit = (child: ts.Node): void => {
      if (found) return;
      if (ts.isTypeReferenceNode(child)) {
        const name = child.typeName;
        if (ts.isIdentifier(name) && names.has(name.text)) found = true;
        if (ts.isQualifiedName(name) && ts.isIdentifier(name.left) && names.has(`${name.left.text}.*`) && BRANDS.includes(name.right.text)) found = true;
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  };
  // Local aliases of a brand count as the brand (repeated until no new one: aliases of aliases).
  for (let grew = true; grew; ) {
    grew = false;
    ts.forEachChild(source, function visit(node): void {
      if (ts.isTypeAliasDeclaration(node) && !names.has(node.name.text) && mentionsBrand(node.type)) {
        names.add(node.name.text);
        grew = true;
      }
      ts.forEachChild(node, visit);
    });
  }
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const type = ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) ? node.type : ts.isTypePredicateNode(node) ? node.type : undefined;
    if (type !== undefined && mentionsBrand(type)) found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 80)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('React keys', () => {
  /** Cluster words: a key built from one can collide (names the same once cleaned, repeated uids) and React's development warning quotes it raw. */
  const CLUSTER_WORDS = new Set(['name', 'namespace', 'uid', 'container', 'image', 'reason', 'message', 'type', 'metadata', 'pattern', 'context']);

  function clusterKeys(text: string): string[] {
    const source = ts.createSourceFile('file.tsx', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && node.name.text === 'key' && node.initializer !== undefined) {
        let bad = false;
        const look = (child: ts.Node): void => {
          if (ts.isIdentifier(child) && CLUSTER_WORDS.has(child.text)) bad = true;
          ts.forEachChild(child, look);
        };
        look(node.initializer);
        if (bad) found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it('no component keys its rows by cluster text (names, namespaces, uids): positions instead', () => {
    const offenders = files.filter((f) => f.path.endsWith('.tsx')).flatMap((f) => clusterKeys(f.text).map((at) => `${f.path}:${at}`));
    expect(offenders).toEqual([]);
  });

  it('the key check sees a key built from a name', () => {
    expect(clusterKeys('const a = <Line key={`${row.namespace}/${row.name}`} />;')).toHaveLength(1);
    expect(clusterKeys('const a = <Line key={context.name} />;')).toHaveLength(1);
    expect(clusterKeys('const a = <Line key={name} />;')).toHaveLength(1);
    expect(clusterKeys('const a = <Line key={top + i} />;')).toEqual([]);
  });
});
