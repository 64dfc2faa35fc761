// Start-up and one-shot reads against the demo cluster (no scale fleet): podscope side by side with
// `node -e 0` and with kubectl doing the same job, in the same run, as ratios.
//
// NODE_EXTRA_CA_CERTS makes every Node process read and parse that file before its first line of
// JavaScript (kubectl reads no such thing). Where it is set the table is printed twice: without it,
// as on a machine that does not set it, and as this machine is set up, with a row for what it costs.
import { firstFrame } from './firstFrame.js';
import { startLatencyRelay } from './latencyRelay.js';
import { alternate, bin, hasKubectl, printHeader, printRow, sleep, startDemoServer, timeCommand } from './measure.js';

const RUNS = 9;
/** Each way, through the relay: a cluster 2 × this away. */
const DISTANT_MS = 25;

export default async function run() {
  const node = process.execPath;
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const withoutExtraCa = { ...process.env };
  delete withoutExtraCa.NODE_EXTRA_CA_CERTS;
  const environments = extraCa === undefined || extraCa === ''
    ? [['', process.env]]
    : [['without NODE_EXTRA_CA_CERTS (as on a machine that does not set it)', withoutExtraCa], [`as this machine is set up (NODE_EXTRA_CA_CERTS=${extraCa})`, process.env]];
  if (environments.length > 1) {
    printHeader();
    const cost = await alternate(RUNS, () => ms(node, ['-e', '0'], process.env), () => ms(node, ['-e', '0'], withoutExtraCa));
    printRow('`node -e 0` with this machine\'s NODE_EXTRA_CA_CERTS vs without', cost.a, cost.b, 'ms', '(Node\'s own start)');
  }

  const server = await startDemoServer(['--seed', '1']);
  try {
    await sleep(5_000);
    const kubectl = hasKubectl();
    if (!kubectl) console.log('kubectl is not on PATH: podscope is measured alone.');
    for (const [title, env] of environments) {
      if (title !== '') console.log(`\n### ${title}`);
      printHeader();
      await table(env, server.kubeconfig, kubectl);
    }
    // Where clusters usually are: a round trip away. Node's start weighs less there, round trips more.
    const relay = await startLatencyRelay(server.kubeconfig, DISTANT_MS);
    try {
      console.log(`\n### the same cluster ${2 * DISTANT_MS} ms away (a relay holding each chunk ${DISTANT_MS} ms each way)${environments.length > 1 ? ', without NODE_EXTRA_CA_CERTS' : ''}`);
      printHeader();
      await clusterRows(environments[0][1], relay.kubeconfig, kubectl);
    } finally {
      await relay.stop();
    }
  } finally {
    await server.stop();
  }
}

function ms(command, args, env) {
  return timeCommand(command, args, env).then((result) => result.ms);
}

async function table(env, kubeconfig, kubectl) {
  const node = process.execPath;
  const nodeStart = () => ms(node, ['-e', '0'], env);
  const version = await alternate(RUNS, () => ms(node, [bin, '--version'], env), nodeStart);
  printRow('`podscope --version` vs `node -e 0`', version.a, version.b, 'ms', '≤ 2×');
  const help = await alternate(RUNS, () => ms(node, [bin, '--help'], env), nodeStart);
  printRow('`podscope --help` vs `node -e 0`', help.a, help.b, 'ms', '≤ 2×');
  await clusterRows(env, kubeconfig, kubectl);
}

async function clusterRows(env, kubeconfig, kubectl) {
  const node = process.execPath;
  const k = (...args) => () => ms('kubectl', ['--kubeconfig', kubeconfig, ...args], env);
  const p = (...args) => () => ms(node, [bin, ...args, '--kubeconfig', kubeconfig], env);
  const frame = await alternate(5, async () => (await firstFrame(kubeconfig, ['-n', 'lab'], { baseEnv: env })).ms, kubectl ? k('get', 'pods', '-n', 'lab') : undefined);
  printRow('first frame, 16-pod namespace, vs `kubectl get pods -n lab`', frame.a, frame.b, 'ms', '≤ 3×');
  const tree = await alternate(RUNS, p('tree', 'crashy', '-n', 'lab'), kubectl ? k('describe', 'pod', 'crashy', '-n', 'lab') : undefined);
  printRow('`podscope tree` vs `kubectl describe pod`', tree.a, tree.b, 'ms', '≤ 2×');
  const events = await alternate(RUNS, p('events', 'crashy', '-n', 'lab'), kubectl ? k('get', 'events', '-n', 'lab', '--field-selector', 'involvedObject.name=crashy') : undefined);
  printRow('`podscope events` vs `kubectl get events --field-selector`', events.a, events.b, 'ms', '≤ 2×');
  const logs = await alternate(RUNS, p('logs', 'web', '-n', 'lab', '--tail', '100'), kubectl ? k('logs', 'web', '-n', 'lab', '--tail', '100') : undefined);
  printRow('`podscope logs --tail 100` vs `kubectl logs --tail 100`', logs.a, logs.b, 'ms', '≤ 2×');
}
