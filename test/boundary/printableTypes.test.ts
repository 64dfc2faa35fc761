import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers/ptyScreen.js';

describe('the type checker guards the boundary', () => {
  it('refuses every raw string in printableTypes.tsx where it is marked, and accepts the cleaned ones', () => {
    const configPath = join(repoRoot, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
    const file = join(repoRoot, 'test', 'boundary', 'printableTypes.tsx');
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // An `@ts-expect-error` with no error under it is itself an error: none may be left.
    expect(messages).toEqual([]);
    expect(program.getSourceFile(file)?.text.match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(12);
  }, 60_000);
});
