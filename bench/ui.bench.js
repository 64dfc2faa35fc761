// The explorer under load: keypress → frame and filter keystroke → frame (p50/p95) with many pods and
// churn, and idle CPU with nothing changing, against the embedded cluster. The pods are made through
// the demo cluster's object store (its --scale-pods scenario, once there, replaces that). Set
// PODSCOPE_BENCH_PODS (default 20000) and PODSCOPE_BENCH_CHURN (default 500 updates/s).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'podscope.js');
const PODS = Number(process.env.PODSCOPE_BENCH_PODS ?? 20_000);
const CHURN = Number(process.env.PODSCOPE_BENCH_CHURN ?? 500);
const WORDS = ['web', 'orders-worker', 'cart', 'pending'];
const DAY = 86_400_000;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function fill(cluster, clock) {
  const pod = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'k8s-1.24', 'pods', 'lab-web.json'), 'utf8'));
  delete pod.metadata.managedFields;
  clock.shift(-3 * DAY);
  for (let i = 0; i < PODS; i++) {
    const copy = structuredClone(pod);
    copy.metadata = { ...copy.metadata, name: `${WORDS[i % 4]}-${i}`, namespace: 'scale', labels: { app: WORDS[i % 4] } };
    cluster.store.create('pods', copy);
  }
  clock.shift(0);
}

function churn(cluster, perSecond) {
  let next = 0;
  const timer = setInterval(() => {
    for (let n = 0; n < Math.ceil(perSecond / 10); n++) {
      const name = `${WORDS[next % 4]}-${next % PODS}`;
      next += 7;
      cluster.store.update({ resource: 'pods', namespace: 'scale', name }, (object) => {
        for (const c of object.status?.containerStatuses ?? []) c.restartCount = Number(c.restartCount ?? 0) + 1;
      });
    }
  }, 100);
  return () => clearInterval(timer);
}

/** The explorer in a pseudo-terminal, its screen kept by a headless xterm. */
async function explorer(kubeconfig) {
  const { spawn } = await import('node-pty');
  const { default: xterm } = await import('@xterm/headless');
  const terminal = new xterm.Terminal({ cols: 120, rows: 40, allowProposedApi: true });
  const env = { ...process.env, LANG: 'C.UTF-8', NO_COLOR: '1' };
  delete env.CI;
  const pty = spawn(process.execPath, [bin, '--kubeconfig', kubeconfig, '-n', 'scale'], { cols: 120, rows: 40, env });
  const waiters = new Set();
  pty.onData((data) => terminal.write(data, () => { for (const check of [...waiters]) check(); }));
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
  return { pty, screen, until };
}

/** Milliseconds from writing `keys` until the screen satisfies `shown`. */
async function timeKey(tui, keys, shown) {
  const start = process.hrtime.bigint();
  tui.pty.write(keys);
  await tui.until(shown);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** CPU seconds of a process (user + system) from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export default async function run() {
  const { startDemoCluster } = await import(join(root, 'dist', 'demo', 'index.js'));
  const { realClock } = await import(join(root, 'dist', 'demo', 'clock.js'));
  const real = realClock();
  let offset = 0;
  const clock = { ...real, now: () => real.now() + offset, shift: (ms) => (offset = ms) };
  const cluster = await startDemoCluster({ withoutControlPlane: true, namespace: 'scale', clock, historyLimit: 100_000 });
  await fill(cluster, clock);
  const tui = await explorer(cluster.kubeconfigPath);
  const header = (s) => s[1] ?? '';
  const status = (s) => s[s.length - 3] ?? '';
  try {
    await tui.until((s) => header(s).includes(`pods: ${PODS}`) && header(s).includes('live'), 600_000);
    // Idle: nothing changes (pods days old, no churn); what the process burns in 10 s.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = cpuSeconds(tui.pty.pid);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idle = ((cpuSeconds(tui.pty.pid) - before) / 10) * 100;

    const stop = churn(cluster, CHURN);
    const keys = [];
    for (let i = 0; i < 60; i++) {
      const from = status(tui.screen());
      keys.push(await timeKey(tui, i % 2 === 0 ? 'j' : 'k', (s) => status(s) !== from && status(s).startsWith('scale/')));
    }
    const filters = [];
    for (let round = 0; round < 4; round++) {
      let typed = '';
      tui.pty.write('/');
      await tui.until((s) => status(s).startsWith('/'));
      for (const character of `pending-${4999 % PODS}`) {
        typed += character;
        filters.push(await timeKey(tui, character, (s) => status(s).startsWith(`/${typed}`) && header(s).includes('filter: ')));
      }
      tui.pty.write('\u001b');
      await tui.until((s) => !header(s).includes('filter:'));
    }
    stop();
    console.log(`${PODS} pods, ${CHURN} pod updates/s while keys are timed (120x40 terminal)`);
    console.log('| measurement | p50 | p95 | goal |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| keypress → frame (j/k) | ${percentile(keys, 50).toFixed(0)} ms | ${percentile(keys, 95).toFixed(0)} ms | p95 ≤ 50 ms |`);
    console.log(`| filter keystroke → frame | ${percentile(filters, 50).toFixed(0)} ms | ${percentile(filters, 95).toFixed(0)} ms | p95 ≤ 100 ms |`);
    console.log(`| idle CPU, nothing changing | ${idle.toFixed(1)} % of a core | | < 1 % |`);
  } finally {
    tui.pty.kill();
    await cluster.close();
  }
}
