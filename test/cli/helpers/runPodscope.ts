import { execFile } from 'node:child_process';
import { binPath } from '../../e2e/helpers/ptyScreen.js';

export interface PodscopeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built podscope, piped (no terminal), against the cluster of `kubeconfigPath`, in a UTF-8 locale unless `env` says otherwise. */
export function runPodscope(kubeconfigPath: string, args: readonly string[], env: Record<string, string> = {}): Promise<PodscopeRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args, '--kubeconfig', kubeconfigPath],
      { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...env }, timeout: 30_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}
