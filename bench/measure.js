import { execFile } from 'node:child_process';
import { spawnSync } from 'node:child_process';

/** Wall time of one run of a command, in milliseconds. */
export function timeCommand(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function hasKubectl() {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

/** Prints one row: what, podscope's median, kubectl's median, and podscope/kubectl. */
export function printRow(what, podscopeMs, kubectlMs) {
  const ratio = kubectlMs ? (podscopeMs / kubectlMs).toFixed(2) : 'n/a';
  console.log(`| ${what} | ${podscopeMs.toFixed(0)} ms | ${kubectlMs ? kubectlMs.toFixed(0) + ' ms' : 'kubectl missing'} | ${ratio} |`);
}

export function printHeader() {
  console.log('| measurement | podscope (median) | kubectl (median) | podscope / kubectl |');
  console.log('| --- | --- | --- | --- |');
}
