import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The kubectl binary on PATH, or undefined. */
export function findKubectl(): string | undefined {
  for (const directory of (process.env['PATH'] ?? '').split(delimiter)) {
    if (directory === '') continue;
    const candidate = join(directory, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  run(...args: string[]): Promise<KubectlResult>;
  spawn(...args: string[]): ChildProcess;
}

/** Runs kubectl against one kubeconfig only, with its caches in `scratch` (never the user's ~/.kube). */
export function kubectlFor(binary: string, kubeconfigPath: string, scratch: string): Kubectl {
  const env = { PATH: process.env['PATH'] ?? '', HOME: scratch, KUBECONFIG: kubeconfigPath };
  const fullArgs = (args: string[]): string[] => ['--kubeconfig', kubeconfigPath, '--cache-dir', join(scratch, 'cache'), ...args];
  return {
    run: (...args) =>
      new Promise((resolve) => {
        execFile(binary, fullArgs(args), { env, timeout: 60_000 }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout, stderr });
        });
      }),
    spawn: (...args) => spawn(binary, fullArgs(args), { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  };
}

/** Splits kubectl's aligned table output into rows of cells keyed by header, using the header's column starts. */
export function parseKubectlTable(output: string): Array<Record<string, string>> {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0] ?? '';
  const columns: Array<{ name: string; start: number }> = [];
  for (const match of header.matchAll(/\S+(?: \S+)*/g)) columns.push({ name: match[0], start: match.index ?? 0 });
  return lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    columns.forEach((column, index) => {
      const end = columns[index + 1]?.start ?? line.length;
      row[column.name] = line.slice(column.start, end).trim();
    });
    return row;
  });
}
