// Log firehose: lines per second that `podscope logs -f` and `kubectl logs -f` print while every demo
// container writes --log-rate lines a second, measured in the same run, as a ratio.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasKubectl } from './measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'podscope.js');
const LOG_RATE = 5000;
const SECONDS = 5;

/** Newlines a follower prints in SECONDS seconds, after its first line arrived. */
function linesPerSecond(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    let started;
    child.stdout.on('data', (chunk) => {
      if (started === undefined) {
        started = process.hrtime.bigint();
        setTimeout(() => child.kill(), SECONDS * 1000);
        return;
      }
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (started === undefined) return reject(new Error(`${command} printed nothing`));
      resolve(lines / (Number(process.hrtime.bigint() - started) / 1e9));
    });
  });
}

export default async function run() {
  const { startDemoCluster } = await import(join(root, 'dist', 'demo', 'index.js'));
  const cluster = await startDemoCluster({ seed: 1, logRate: LOG_RATE });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const common = ['web', '-n', 'lab', '-f', '--tail', '0', '--kubeconfig', cluster.kubeconfigPath];
  try {
    const ours = await linesPerSecond(process.execPath, [bin, 'logs', ...common]);
    const theirs = hasKubectl() ? await linesPerSecond('kubectl', ['logs', ...common]) : 0;
    console.log('| measurement | podscope | kubectl | podscope / kubectl |');
    console.log('| --- | --- | --- | --- |');
    const ratio = theirs ? (ours / theirs).toFixed(2) : 'n/a';
    console.log(`| logs -f on a ${LOG_RATE} lines/s container (lines/s) | ${ours.toFixed(0)} | ${theirs ? theirs.toFixed(0) : 'kubectl missing'} | ${ratio} |`);
  } finally {
    await cluster.close();
  }
}
