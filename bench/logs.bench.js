// The log firehose: `podscope logs -f`, the TUI's log view and `kubectl logs -f` on the same
// container while the demo's web pod writes --log-rate lines a second (the other pods keep their own
// pace, so the demo server is not what limits). Lines per second each receives, lines missing from
// the sequence (the web container numbers its lines), and podscope's memory over
// PODSCOPE_BENCH_LOG_MILLIONS (3) million lines: RSS, heap, and the heap live after forced collections.
import { spawn } from 'node:child_process';
import { openLogView } from './logViewPty.js';
import { bin, hasKubectl, memoryProbe, printHeader, printRow, rssKiB, sleep, startDemoServer } from './measure.js';

const LOG_RATE = Number(process.env.PODSCOPE_BENCH_LOG_RATE ?? 20000);
const SECONDS = 8;
const MILLION = 1_000_000;
/** Memory is followed over this many millions of lines. */
const MILLIONS = Number(process.env.PODSCOPE_BENCH_LOG_MILLIONS ?? 3);

/** Follows the log, counting lines and gaps in "web tick N"; stops after `seconds` or `maxLines`. */
function follow(command, args, { seconds, maxLines, onLines, onStart, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
    let lines = 0;
    let missing = 0;
    let last;
    let started;
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (started === undefined) {
        started = process.hrtime.bigint();
        onStart?.();
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
  const server = await startDemoServer(['--seed', '1', '--log-rate', String(LOG_RATE), '--log-rate-pod', 'lab/web']);
  try {
    await sleep(5_000);
    const common = ['web', '-n', 'lab', '-f', '--tail', '0', '--kubeconfig', server.kubeconfig];
    printHeader();
    const ours = await follow(process.execPath, [bin, 'logs', ...common], { seconds: SECONDS });
    const theirs = hasKubectl() ? await follow('kubectl', ['logs', ...common], { seconds: SECONDS }) : undefined;
    printRow(`\`logs -f\` lines/s, container writing ${LOG_RATE}/s, podscope vs kubectl`, ours.perSecond, theirs?.perSecond, 'lines/s', '≥ 1.0×');
    console.log(`| lines missing from the sequence in ${SECONDS} s | ${ours.missing} | ${theirs === undefined ? 'n/a' : theirs.missing} | | 0 |`);
    const probe = memoryProbe();
    const memory = new MemorySamples(probe);
    let stopping = false;
    const many = await follow(process.execPath, [...probe.nodeArgs, bin, 'logs', ...common], {
      env: probe.env,
      onLines: (lines, pid) => {
        memory.note(lines, pid);
        // Stopped once the last sample is read (it signals the process).
        if (memory.full && !stopping) {
          stopping = true;
          void memory.done().then(() => process.kill(pid));
        }
      },
    });
    probe.dispose();
    memory.print('podscope logs -f', many.lines);
    console.log(`| lines missing from the sequence over those lines | ${many.missing} | | | 0 |`);
    await logView(server.kubeconfig);
  } finally {
    await server.stop();
  }
}

/**
 * The TUI's log view, opened as a person does, read off its status line (`N lines, D dropped │ R/s`):
 * lines/s while kubectl follows the same container in the same seconds; frames and bytes a second it
 * draws; then MILLIONS million lines with its memory (see MemorySamples), the lines missing (the web container's
 * sequence numbers against the view's own count, both read from a paused screen) and the dropped
 * count against what the bound (--log-max-lines, 100,000) must have let go.
 */
async function logView(kubeconfig) {
  const probe = memoryProbe();
  const memory = new MemorySamples(probe);
  const view = await openLogView(kubeconfig, { namespace: 'lab', pod: 'web', nodeArgs: probe.nodeArgs, env: probe.env });
  try {
    const first = await view.pausedAt();
    let before;
    const theirs = hasKubectl()
      ? await follow('kubectl', ['logs', 'web', '-n', 'lab', '-f', '--tail', '0', '--kubeconfig', kubeconfig], {
          seconds: SECONDS,
          onStart: () => {
            void view.read().then((read) => (before = { read, at: process.hrtime.bigint(), frames: view.frames, bytes: view.bytes }));
          },
        })
      : undefined;
    if (before === undefined) {
      before = { read: await view.read(), at: process.hrtime.bigint(), frames: view.frames, bytes: view.bytes };
      await sleep(SECONDS * 1000);
    }
    const after = await view.read();
    const seconds = Number(process.hrtime.bigint() - before.at) / 1e9;
    const ours = after !== undefined && before.read !== undefined ? (after.received - before.read.received) / seconds : undefined;
    printRow(`TUI log view lines/s (status line), container writing ${LOG_RATE}/s, vs \`kubectl logs -f\` in the same seconds`, ours, theirs?.perSecond, 'lines/s', '≥ 1.0×');
    console.log(`| TUI log view frames/s and bytes/s drawn meanwhile (200x50) | ${((view.frames - before.frames) / seconds).toFixed(1)} frames/s, ${((view.bytes - before.bytes) / seconds / 1024).toFixed(0)} KiB/s | | | bounded, not per line |`);
    for (;;) {
      const read = await view.read();
      if (read !== undefined) memory.note(read.received - first.index, view.pid);
      if (memory.full) break;
      await sleep(200);
    }
    await memory.done();
    const last = await view.pausedAt();
    const end = await view.read();
    const taken = last.index - first.index;
    memory.print('TUI log view', taken);
    console.log(`| TUI log view: lines missing (sequence numbers vs the view's count) over those lines | ${last.tick - first.tick - taken} | | | 0 |`);
    console.log(`| TUI log view: dropped count on screen vs lines taken in less the 100,000 kept | ${end?.dropped.toLocaleString('en')} vs ${((end?.received ?? 0) - 100_000).toLocaleString('en')} | | | equal |`);
  } finally {
    await view.close();
    probe.dispose();
  }
}

/**
 * Memory over MILLIONS million lines: RSS at every 100,000th line as it stands, and at every
 * millionth also the heap as it stands and the heap still live after forced full collections (which
 * tells garbage V8 has not collected yet from what is kept). Those collections lower the RSS that
 * follows them a little: the RSS at a millionth is read before it.
 */
class MemorySamples {
  rss = [];
  heaps = [];
  pending = Promise.resolve();

  constructor(probe) {
    this.probe = probe;
  }

  get full() {
    return this.rss.length >= MILLIONS * 10;
  }

  note(lines, pid) {
    while (!this.full && lines >= (this.rss.length + 1) * (MILLION / 10)) {
      this.rss.push((rssKiB(pid) ?? 0) / 1024);
      if (this.rss.length % 10 === 0) {
        this.pending = this.pending.then(() => this.probe.sample(pid).then((sample) => this.heaps.push(sample), () => this.heaps.push(undefined)));
      }
    }
  }

  done() {
    return this.pending;
  }

  print(what, lines) {
    const mib = (value) => (value === undefined ? '?' : value.toFixed(0));
    console.log(`| ${what} RSS over ${lines.toLocaleString('en')} lines (each 100,000th) | ${this.rss.map(mib).join(', ')} MiB | | | flat |`);
    const at = this.heaps.map((sample, i) => `${i + 1}M: RSS ${mib(this.rss[(i + 1) * 10 - 1])}, heap ${mib(sample?.before.heapUsed)} used / ${mib(sample?.before.heapTotal)}, live ${mib(sample?.after.heapUsed)}, buffers ${mib(sample?.before.arrayBuffers)}`);
    console.log(`| ${what} memory at each million lines (MiB; live = heap used after forced full collections) | ${at.join('; ')} | | | live flat |`);
  }
}
