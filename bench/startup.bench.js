// Start-up and one-shot reads against the demo cluster (no scale fleet): podscope side by side with
// `node -e 0` and with kubectl doing the same job, in the same run, as ratios.
import { firstFrame } from './firstFrame.js';
import { alternate, bin, hasKubectl, printHeader, printRow, sleep, startDemoServer, timeCommand } from './measure.js';

const RUNS = 9;

export default async function run() {
  const node = process.execPath;
  const ms = (command, args) => async () => (await timeCommand(command, args)).ms;
  printHeader();
  const version = await alternate(RUNS, ms(node, [bin, '--version']), ms(node, ['-e', '0']));
  printRow('`podscope --version` vs `node -e 0`', version.a, version.b, 'ms', '≤ 2×');
  const help = await alternate(RUNS, ms(node, [bin, '--help']), ms(node, ['-e', '0']));
  printRow('`podscope --help` vs `node -e 0`', help.a, help.b, 'ms', '≤ 2×');

  const server = await startDemoServer(['--seed', '1']);
  try {
    await sleep(5_000);
    const kubectl = hasKubectl();
    if (!kubectl) console.log('kubectl is not on PATH: podscope is measured alone.');
    const k = (...args) => ms('kubectl', ['--kubeconfig', server.kubeconfig, ...args]);
    const p = (...args) => ms(node, [bin, ...args, '--kubeconfig', server.kubeconfig]);
    const frame = await alternate(5, async () => (await firstFrame(server.kubeconfig, ['-n', 'lab'])).ms, kubectl ? k('get', 'pods', '-n', 'lab') : undefined);
    printRow('first frame, 16-pod namespace, vs `kubectl get pods -n lab`', frame.a, frame.b, 'ms', '≤ 3×');
    const tree = await alternate(RUNS, p('tree', 'crashy', '-n', 'lab'), kubectl ? k('describe', 'pod', 'crashy', '-n', 'lab') : undefined);
    printRow('`podscope tree` vs `kubectl describe pod`', tree.a, tree.b, 'ms', '≤ 2×');
    const events = await alternate(RUNS, p('events', 'crashy', '-n', 'lab'), kubectl ? k('get', 'events', '-n', 'lab', '--field-selector', 'involvedObject.name=crashy') : undefined);
    printRow('`podscope events` vs `kubectl get events --field-selector`', events.a, events.b, 'ms', '≤ 2×');
    const logs = await alternate(RUNS, p('logs', 'web', '-n', 'lab', '--tail', '100'), kubectl ? k('logs', 'web', '-n', 'lab', '--tail', '100') : undefined);
    printRow('`podscope logs --tail 100` vs `kubectl logs --tail 100`', logs.a, logs.b, 'ms', '≤ 2×');
  } finally {
    await server.stop();
  }
}
