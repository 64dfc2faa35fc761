// The explorer under load: keypress → frame and filter keystroke → frame (p50/p95, and the explorer's
// main-thread CPU in each) with many pods and churn, against the embedded cluster's scale scenario
// (`demo-server --scale-pods N --churn R`, its own process, so the benchmark never measures the
// server's event loop in podscope's); and idle CPU with nothing changing: the same cluster with
// `--still`, whose simulation stops (no object changes, usage stands; watches stay open with their
// bookmarks), for `podscope -A` and one namespace. Set
// PODSCOPE_BENCH_PODS (default 20000), PODSCOPE_BENCH_CHURN (default 500 updates/s) and
// PODSCOPE_BENCH_IDLE_S (default 60 s a window, two windows a scope: the usage poll runs every
// 15 s, so each holds 3–4 polls); PODSCOPE_BENCH_IDLE_ONLY=1 measures only the idle rows;
// PODSCOPE_BENCH_KEYS_ONLY=1 only the timed keys; PODSCOPE_BENCH_BIN times another build;
// PODSCOPE_BENCH_NODE_ARGS gives the explorer's node flags (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`).
import { readFileSync } from 'node:fs';
import { bin as defaultBin, startDemoServer } from './measure.js';

const PODS = Number(process.env.PODSCOPE_BENCH_PODS ?? 20_000);
const CHURN = Number(process.env.PODSCOPE_BENCH_CHURN ?? 500);
const bin = process.env.PODSCOPE_BENCH_BIN ?? defaultBin;
const IDLE_S = Number(process.env.PODSCOPE_BENCH_IDLE_S ?? 60);
/** The usage poll's pace (src/kube/metrics/usagePoller.ts): the next poll 15 s after each answer. */
const USAGE_POLL_S = 15;
/** Seconds of churn with no keys, for the main thread's CPU under churn alone. */
const CHURN_S = 10;
const IDLE_ONLY = process.env.PODSCOPE_BENCH_IDLE_ONLY === '1';
const KEYS_ONLY = process.env.PODSCOPE_BENCH_KEYS_ONLY === '1';
const NODE_ARGS = (process.env.PODSCOPE_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
/** A namespace of the scale fleet (its first team's): 250 pods weeks old. */
const FLEET_NAMESPACE = 'accounts-prod';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The explorer (every namespace unless told) in a pseudo-terminal, its screen kept by a headless xterm. */
async function explorer(kubeconfig, scope = ['-A']) {
  const { spawn } = await import('node-pty');
  const { default: xterm } = await import('@xterm/headless');
  const terminal = new xterm.Terminal({ cols: 120, rows: 40, allowProposedApi: true });
  const env = { ...process.env, LANG: 'C.UTF-8', NO_COLOR: '1' };
  delete env.CI;
  const pty = spawn(process.execPath, [...NODE_ARGS, bin, '--kubeconfig', kubeconfig, ...scope], { cols: 120, rows: 40, env });
  const waiters = new Set();
  const written = { bytes: 0 };
  pty.onData((data) => {
    written.bytes += Buffer.byteLength(data);
    terminal.write(data, () => { for (const check of [...waiters]) check(); });
  });
  const screen = () => {
    const lines = [];
    for (let row = 0; row < terminal.rows; row++) lines.push(terminal.buffer.active.getLine(row)?.translateToString(true) ?? '');
    return lines;
  };
  const until = (predicate, timeoutMs = 120_000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out; screen:\n${screen().join('\n')}`)); }, timeoutMs);
    const check = () => { if (predicate(screen())) { clearTimeout(timer); waiters.delete(check); resolve(); } };
    waiters.add(check);
    check();
  });
  return { pty, screen, until, written, cpuMs: [] };
}

/** Nanoseconds the explorer's main thread has run on a CPU (Linux schedstat: precise where /proc/PID/stat counts 10 ms ticks). */
function mainThreadNs(pid) {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
}

/**
 * Milliseconds from writing `keys` until the screen satisfies `shown`, and the main thread's CPU
 * milliseconds in them: on a loaded 2-core machine the wall time is mostly waiting for a core, and
 * the CPU time says what the explorer itself spent (a data frame that ran meanwhile included).
 */
async function timeKey(tui, keys, shown) {
  const cpu = mainThreadNs(tui.pty.pid);
  const start = process.hrtime.bigint();
  tui.pty.write(keys);
  await tui.until(shown);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  tui.cpuMs.push((mainThreadNs(tui.pty.pid) - cpu) / 1e6);
  return ms;
}

/** CPU seconds of a process (user + system) from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const header = (s) => s[1] ?? '';
/** The list is complete: the header counts at least the fleet (the demo's own pods come with it). */
const listed = (s) => Number(/pods: (\d+)/.exec(header(s))?.[1] ?? 0) >= PODS && header(s).includes('live');
const status = (s) => s[s.length - 3] ?? '';
/** The pod the status line names (`namespace/name …`). */
const selectedName = (s) => /^[a-z0-9-]+\/([a-z0-9-]+)/.exec(status(s))?.[1];

/**
 * What the explorer burns (% of a core, user + system) and writes over two windows of IDLE_S seconds
 * once its first frame settled: the first minute still holds start-up's tail (V8 shrinks the heap
 * the list read grew, once, some 10–60 s after the allocations stop: ≈ 0.7 s of CPU at 20,000 pods),
 * the second is the steady state.
 */
async function measureIdle(kubeconfig, scope, shown) {
  const tui = await explorer(kubeconfig, scope);
  try {
    await tui.until(shown, 600_000);
    // The first frame comes before the last of start-up (the event list, the first usage poll).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const windows = [];
    for (let i = 0; i < 2; i++) {
      const before = cpuSeconds(tui.pty.pid);
      const bytes = tui.written.bytes;
      await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
      windows.push({ cpu: ((cpuSeconds(tui.pty.pid) - before) / IDLE_S) * 100, bytes: tui.written.bytes - bytes });
    }
    return windows;
  } finally {
    tui.pty.kill();
  }
}

async function measure(kubeconfig) {
  const tui = await explorer(kubeconfig);
  try {
    await tui.until(listed, 600_000);
    // The churn alone, no keys: what the data frames cost the main thread (start-up's tail let pass first).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const churnFrom = mainThreadNs(tui.pty.pid);
    await new Promise((resolve) => setTimeout(resolve, CHURN_S * 1000));
    const churnCpu = ((mainThreadNs(tui.pty.pid) - churnFrom) / 1e6 / (CHURN_S * 1000)) * 100;
    const keys = [];
    tui.cpuMs.length = 0;
    for (let i = 0; i < 60; i++) {
      const from = status(tui.screen());
      keys.push(await timeKey(tui, i % 2 === 0 ? 'j' : 'k', (s) => status(s) !== from && selectedName(s) !== undefined));
    }
    // A pod a quarter of the way down, found on screen: its name is what the filter types.
    const keysCpu = tui.cpuMs.splice(0);
    await timeKey(tui, '\u001b[6~'.repeat(Math.max(1, Math.floor(PODS / 4 / 30))), (s) => selectedName(s) !== undefined);
    const target = selectedName(tui.screen()) ?? 'a';
    tui.cpuMs.length = 0;
    const filters = [];
    for (let round = 0; round < 3; round++) {
      let typed = '';
      tui.pty.write('/');
      await tui.until((s) => status(s).startsWith('/'));
      for (const character of target.slice(0, 16)) {
        typed += character;
        filters.push(await timeKey(tui, character, (s) => status(s).startsWith(`/${typed}`) && header(s).includes(`filter: ${typed}`)));
      }
      tui.pty.write('\u001b');
      await tui.until((s) => !header(s).includes('filter:'));
    }
    return { keys, filters, keysCpu, filtersCpu: tui.cpuMs, churnCpu };
  } finally {
    tui.pty.kill();
  }
}

export default async function run() {
  let timed;
  if (!IDLE_ONLY) {
    const busy = await startDemoServer(['--scale-pods', String(PODS), '--churn', String(CHURN)]);
    try {
      timed = await measure(busy.kubeconfig);
    } finally {
      await busy.stop();
    }
  }
  let idleAll;
  let idleNamespace;
  if (!KEYS_ONLY) {
    // The demo's own workloads run for 20 s (pods start, one crash-loops, jobs finish), then stand still.
    const still = await startDemoServer(['--scale-pods', String(PODS), '--still', '20'], 'still:');
    try {
      idleAll = await measureIdle(still.kubeconfig, ['-A'], listed);
      idleNamespace = await measureIdle(still.kubeconfig, ['-n', FLEET_NAMESPACE], (s) => header(s).includes('live') && /pods: \d+/.test(header(s)));
    } finally {
      await still.stop();
    }
  }
  console.log(`${PODS.toLocaleString('en')} pods (podscope -A), ${CHURN} pod updates/s while keys are timed (120x40 terminal)`);
  console.log('| measurement | p50 | p95 | goal |');
  console.log('| --- | --- | --- | --- |');
  if (timed !== undefined) {
    console.log(`| keypress → frame (j/k) | ${percentile(timed.keys, 50).toFixed(0)} ms | ${percentile(timed.keys, 95).toFixed(0)} ms | p95 ≤ 50 ms |`);
    console.log(`| filter keystroke → frame | ${percentile(timed.filters, 50).toFixed(0)} ms | ${percentile(timed.filters, 95).toFixed(0)} ms | p95 ≤ 100 ms |`);
    console.log(`| main-thread CPU per j/k key (in the same keys) | ${percentile(timed.keysCpu, 50).toFixed(1)} ms | ${percentile(timed.keysCpu, 95).toFixed(1)} ms | |`);
    console.log(`| main-thread CPU per filter keystroke | ${percentile(timed.filtersCpu, 50).toFixed(1)} ms | ${percentile(timed.filtersCpu, 95).toFixed(1)} ms | |`);
    console.log(`| main-thread CPU under churn alone, no keys (${CHURN_S} s) | ${timed.churnCpu.toFixed(1)} % of a core | | |`);
  }
  const polls = `${Math.floor(IDLE_S / USAGE_POLL_S) - 1}–${Math.floor(IDLE_S / USAGE_POLL_S)} usage polls`;
  const idleRow = (what, [first, second]) =>
    console.log(`| idle CPU, nothing changing, ${what}, first / second ${IDLE_S} s (${polls} each; ${first.bytes} / ${second.bytes} bytes written) | ${first.cpu.toFixed(2)} / ${second.cpu.toFixed(2)} % of a core | | < 1 % |`);
  if (idleAll !== undefined) idleRow('`-A`', idleAll);
  if (idleNamespace !== undefined) idleRow(`\`-n ${FLEET_NAMESPACE}\``, idleNamespace);
}
