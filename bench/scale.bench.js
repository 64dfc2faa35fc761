// The explorer on a big cluster: the demo cluster with 5,000 and 20,000 pods under 500 status
// updates a second. First frame of `podscope -A` vs `kubectl get pods -A -o wide` (which must read
// the whole list before it prints), and memory vs kubectl's peak for the same list.
import { firstFrame } from './firstFrame.js';
import { alternate, hasKubectl, memoryProbe, peakRssKiB, printHeader, printRow, sleep, startDemoServer, timeCommand } from './measure.js';

const SIZES = (process.env.PODSCOPE_BENCH_SIZES ?? '5000,20000').split(',').map(Number);
const CHURN = Number(process.env.PODSCOPE_BENCH_CHURN ?? 500);
const RUNS = 3;

export default async function run() {
  const kubectl = hasKubectl();
  if (!kubectl) console.log('kubectl is not on PATH: podscope is measured alone.');
  printHeader();
  const memory = new Map();
  const live = new Map();
  for (const pods of SIZES) {
    const server = await startDemoServer(['--scale-pods', String(pods), '--churn', String(CHURN)]);
    try {
      await measureSize(server, pods, memory, live, kubectl);
    } catch (error) {
      console.log(`| ${pods.toLocaleString('en')} pods: not measured | ${error instanceof Error ? error.message : String(error)} | | | |`);
    } finally {
      await server.stop();
    }
  }
  printSlope(memory, 'memory (peak RSS)');
  printSlope(live, 'live heap');
}

async function measureSize(server, pods, memory, live, kubectl) {
  {
    {
      await sleep(3_000);
      const label = `${pods.toLocaleString('en')} pods, ${CHURN} updates/s`;
      const rss = [];
      const frame = await alternate(
        RUNS,
        async () => {
          const result = await firstFrame(server.kubeconfig, ['-A'], { settleMs: 4_000 });
          rss.push(result.rssKiB);
          return result.ms;
        },
        kubectl ? async () => (await timeCommand('kubectl', ['--kubeconfig', server.kubeconfig, 'get', 'pods', '-A', '-o', 'wide'])).ms : undefined,
      );
      printRow(`first frame \`podscope -A\` vs \`kubectl get pods -A -o wide\`, ${label}`, frame.a, frame.b, 'ms', '≤ 1.0×');
      const ours = Math.max(...rss.filter((value) => value !== undefined)) / 1024;
      const theirs = kubectl ? (peakRssKiB('kubectl', ['--kubeconfig', server.kubeconfig, 'get', 'pods', '-A', '-o', 'wide']) ?? 0) / 1024 : undefined;
      printRow(`memory: podscope RSS after the first frame vs kubectl peak RSS, ${label}`, ours, theirs || undefined, 'MiB', pods === 5000 ? '≤ 1.0×' : '');
      memory.set(pods, ours);
      // What is kept, apart from garbage not collected yet: the heap after two full collections, the list and watch in.
      const probe = memoryProbe();
      try {
        const sampled = await firstFrame(server.kubeconfig, ['-A'], { settleMs: 8_000, nodeArgs: probe.nodeArgs, extraEnv: probe.env, beforeQuit: async (pid) => ({ sample: await probe.sample(pid) }) });
        live.set(pods, sampled.sample.after.heapUsed);
        console.log(`| live heap after two full collections (heapUsed), ${label} | ${sampled.sample.after.heapUsed.toFixed(1)} MiB | | | (RSS then ${sampled.sample.after.rss.toFixed(0)} MiB) |`);
      } finally {
        probe.dispose();
      }
    }
  }
}

function printSlope(memory, what) {
  const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
  if (small !== large && memory.has(small) && memory.has(large)) {
    const slope = (memory.get(large) - memory.get(small)) / ((large - small) / 1000);
    console.log(`| ${what} per further 1,000 pods (${small.toLocaleString('en')} → ${large.toLocaleString('en')}) | ${slope.toFixed(1)} MiB | | | ≤ 10 MiB |`);
  }
}
