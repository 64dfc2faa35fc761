// Start-up and one-shot reads against the demo cluster: podscope's commands and TUI first frame
// side by side with kubectl doing the same job in the same run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasKubectl, median, printHeader, printRow, timeCommand } from './measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'podscope.js');
const RUNS = 7;

async function medianOf(run) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  return median(times);
}

/** Milliseconds from spawn until the TUI's pod table shows a Running pod, in a pseudo-terminal. */
async function firstFrameMs(kubeconfig) {
  const { spawn } = await import('node-pty');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const env = { ...process.env, LANG: 'C.UTF-8' };
    delete env.CI;
    const pty = spawn(process.execPath, [bin, '--kubeconfig', kubeconfig, '-n', 'lab'], { cols: 120, rows: 40, env });
    let output = '';
    const timer = setTimeout(() => { pty.kill(); reject(new Error('no first frame within 20 s')); }, 20_000);
    pty.onData((data) => {
      output += data;
      if (/Running/.test(output)) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        clearTimeout(timer);
        pty.write('q');
        pty.onExit(() => resolve(ms));
      }
    });
  });
}

export default async function run() {
  const { startDemoCluster } = await import(join(root, 'dist', 'demo', 'index.js'));
  const cluster = await startDemoCluster({ seed: 1 });
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const kubeconfig = cluster.kubeconfigPath;
  const kubectl = hasKubectl();
  if (!kubectl) console.log('kubectl is not on PATH: podscope is measured alone.');
  printHeader();
  try {
    const kubectlGet = kubectl ? await medianOf(async () => (await timeCommand('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-n', 'lab'])).ms) : 0;
    printRow('first pod table (TUI first frame vs kubectl get pods)', await medianOf(() => firstFrameMs(kubeconfig)), kubectlGet);
    const kubectlDescribe = kubectl ? await medianOf(async () => (await timeCommand('kubectl', ['--kubeconfig', kubeconfig, 'describe', 'pod', 'crashy', '-n', 'lab'])).ms) : 0;
    printRow('pod tree (podscope tree vs kubectl describe pod)', await medianOf(async () => (await timeCommand(process.execPath, [bin, 'tree', 'crashy', '-n', 'lab', '--kubeconfig', kubeconfig])).ms), kubectlDescribe);
    const kubectlEvents = kubectl ? await medianOf(async () => (await timeCommand('kubectl', ['--kubeconfig', kubeconfig, 'get', 'events', '-n', 'lab', '--field-selector', 'involvedObject.name=crashy'])).ms) : 0;
    printRow('pod events (podscope events vs kubectl get events)', await medianOf(async () => (await timeCommand(process.execPath, [bin, 'events', 'crashy', '-n', 'lab', '--kubeconfig', kubeconfig])).ms), kubectlEvents);
  } finally {
    await cluster.close();
  }
}
