// Shared helpers of the benchmarks: the demo cluster as a separate process (so the benchmark never
// measures its own event loop), whole-process timing, peak memory, and rows printed as ratios.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bin = join(root, 'bin', 'podscope.js');

/** Wall time of one run of a command, in milliseconds. */
export function timeCommand(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(command, args, { env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
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

/** Runs `a` and `b` in turn (a b a b …) `runs` times each, after one warm-up of each: their medians. */
export async function alternate(runs, a, b) {
  await a();
  if (b) await b();
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a());
    if (b) bs.push(await b());
  }
  return { a: median(as), b: b ? median(bs) : undefined };
}

/** Peak resident memory (KiB) of one run of a command: GNU time's %M, else undefined. */
export function peakRssKiB(command, args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const lines = result.stderr.trim().split('\n');
  const kib = Number(lines[lines.length - 1]);
  return Number.isFinite(kib) ? kib : undefined;
}

/** Resident memory of a running process, in KiB (Linux). */
export function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `podscope demo-server` in its own process; resolves once it listens (and, given `until`, once it printed that too). */
export async function startDemoServer(flags = [], until = 'listening') {
  const scratch = mkdtempSync(join(tmpdir(), 'podscope-bench-'));
  const kubeconfig = join(scratch, 'kubeconfig');
  const child = spawn(process.execPath, [bin, 'demo-server', '--write-kubeconfig', kubeconfig, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo-server did not print ${until} within 180 s`)), 180_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('listening') && output.includes(until)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`demo-server exited with ${code}`)));
  });
  return {
    kubeconfig,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function printHeader() {
  console.log('| measurement | podscope | reference | podscope / reference | goal |');
  console.log('| --- | --- | --- | --- | --- |');
}

/** One row: what, both medians with their unit, the ratio, and the goal it is held against. */
export function printRow(what, ours, theirs, unit, goal) {
  const format = (value) => (value === undefined ? 'n/a' : `${unit === 'ms' ? value.toFixed(0) : value.toFixed(1)} ${unit}`);
  const ratio = ours !== undefined && theirs ? (ours / theirs).toFixed(2) : 'n/a';
  console.log(`| ${what} | ${format(ours)} | ${theirs === undefined ? 'kubectl missing' : format(theirs)} | ${ratio} | ${goal} |`);
}

/**
 * Node flags and environment that preload bench/memoryProbe.cjs into a podscope process, and a way
 * to read it: `sample(pid)` signals the process and resolves with its memory as it stood (`before`)
 * and after two forced full collections (`after`: what is live), in MiB.
 */
export function memoryProbe() {
  const scratch = mkdtempSync(join(tmpdir(), 'podscope-probe-'));
  const file = join(scratch, 'memory.jsonl');
  let taken = 0;
  const mib = (usage) => Object.fromEntries(Object.entries(usage).map(([key, value]) => [key, value / 1024 / 1024]));
  return {
    nodeArgs: ['--expose-gc', '--require', join(root, 'bench', 'memoryProbe.cjs')],
    env: { PODSCOPE_MEMORY_PROBE: file },
    sample: async (pid) => {
      process.kill(pid, 'SIGUSR2');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : [];
        if (lines.length > taken) {
          taken = lines.length;
          const { before, after } = JSON.parse(lines[lines.length - 1]);
          return { before: mib(before), after: mib(after) };
        }
        if (Date.now() > deadline) throw new Error(`process ${pid} wrote no memory sample`);
        await sleep(50);
      }
    },
    dispose: () => rmSync(scratch, { recursive: true, force: true }),
  };
}
