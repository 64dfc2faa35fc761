// The log firehose: `podscope logs -f` and `kubectl logs -f` on the same container while every demo
// container writes --log-rate lines a second. Lines per second each receives, lines missing from
// the sequence (the demo's web container numbers its lines), and podscope's memory over 1,000,000 lines.
import { spawn } from 'node:child_process';
import { bin, hasKubectl, printHeader, printRow, rssKiB, sleep, startDemoServer } from './measure.js';

const LOG_RATE = Number(process.env.PODSCOPE_BENCH_LOG_RATE ?? 20000);
const SECONDS = 8;
const MILLION = 1_000_000;

/** Follows the log, counting lines and gaps in "web tick N"; stops after `seconds` or `maxLines`. */
function follow(command, args, { seconds, maxLines, onLines }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    let missing = 0;
    let last;
    let started;
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (started === undefined) {
        started = process.hrtime.bigint();
        if (seconds !== undefined) setTimeout(() => child.kill(), seconds * 1000);
      }
      const text = rest + chunk;
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines += 1;
        const tick = Number(/tick (\d+)/.exec(line)?.[1]);
        if (Number.isFinite(tick)) {
          if (last !== undefined && tick > last + 1) missing += tick - last - 1;
          last = tick;
        }
      }
      onLines?.(lines, child.pid);
      if (maxLines !== undefined && lines >= maxLines) child.kill();
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (started === undefined) return reject(new Error(`${command} printed nothing`));
      resolve({ lines, missing, perSecond: lines / (Number(process.hrtime.bigint() - started) / 1e9) });
    });
  });
}

export default async function run() {
  const server = await startDemoServer(['--seed', '1', '--log-rate', String(LOG_RATE)]);
  try {
    await sleep(5_000);
    const common = ['web', '-n', 'lab', '-f', '--tail', '0', '--kubeconfig', server.kubeconfig];
    printHeader();
    const ours = await follow(process.execPath, [bin, 'logs', ...common], { seconds: SECONDS });
    const theirs = hasKubectl() ? await follow('kubectl', ['logs', ...common], { seconds: SECONDS }) : undefined;
    printRow(`\`logs -f\` lines/s, container writing ${LOG_RATE}/s, podscope vs kubectl`, ours.perSecond, theirs?.perSecond, 'lines/s', '≥ 1.0×');
    console.log(`| lines missing from the sequence in ${SECONDS} s | ${ours.missing} | ${theirs === undefined ? 'n/a' : theirs.missing} | | 0 |`);
    const samples = [];
    const million = await follow(process.execPath, [bin, 'logs', ...common], {
      maxLines: MILLION,
      onLines: (lines, pid) => {
        if (samples.length < 10 && lines >= (samples.length + 1) * (MILLION / 10)) samples.push((rssKiB(pid) ?? 0) / 1024);
      },
    });
    console.log(
      `| podscope logs -f RSS over ${million.lines.toLocaleString('en')} lines (each 100,000th) | ${samples.map((value) => value.toFixed(0)).join(', ')} MiB | | | flat |`,
    );
    console.log(`| lines missing from the sequence over those lines | ${million.missing} | | | 0 |`);
  } finally {
    await server.stop();
  }
}
