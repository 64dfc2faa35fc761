import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { bundlePath, makeBundleCoverage, type BundleCoverage } from '../helpers/bundleCoverage.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

// What the explorer loads of the bundle before its first frame is most of what that frame costs
// (see "Start-up and scale" in the README). V8's coverage of the run says which modules of the
// bundle it ran; the explorer quits once the pods are on the screen.
const MARKS = {
  // client-node's typed API: only debug, delete and the like use it.
  'typed API': 'listNamespacedPodTemplate',
  // node-fetch (client-node's generated HTTP library, with zlib and streams): podscope has its own client.
  'node-fetch': 'github.com/bitinn/node-fetch',
};

// Node built-ins that cost milliseconds to load and that nothing needs before a first frame or a
// one-shot's answer (scripts/build.mjs, src/audit): node:assert ~4 ms, node:child_process ~3 ms,
// node:fs/promises with readline ~1.6 ms. And an ES module entry: Node's ES module loader runs its
// module jobs (~10 ms before the first line); bin/podscope.js is CommonJS.
const NOT_BEFORE_THE_ANSWER = ['assert', 'child_process', 'fs/promises', 'internal/readline/interface', 'internal/modules/esm/module_job'];
const probe = fileURLToPath(new URL('../helpers/builtinsProbe.cjs', import.meta.url));

let cluster: DemoCluster;
let coverage: BundleCoverage;
let scratch: string;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  coverage = makeBundleCoverage('podscope-first-frame-');
  scratch = mkdtempSync(join(tmpdir(), 'podscope-builtins-'));
});
afterAll(async () => {
  await cluster?.close();
  coverage?.remove();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

const builtinsIn = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((name) => name !== '');

describe('what the explorer loads before its first frame', () => {
  it('shows the pods without client-node’s typed API or node-fetch', async () => {
    const screen = new PtyScreen({
      args: [],
      cols: 160,
      rows: 45,
      command: { file: process.execPath, args: [binPath, '--kubeconfig', cluster.kubeconfigPath, '-n', 'lab'] },
      env: coverage.env(),
    });
    try {
      await screen.waitForText('Running', 60_000);
      screen.pty.write('q');
      expect((await screen.waitForExit(30_000)).exitCode).toBe(0);
      // Coverage is written as the process exits; what it ran up to quitting includes the first frame.
      expect(coverage.ran(Object.values(MARKS))).toEqual([]);
    } finally {
      if (screen.exited === undefined) screen.pty.kill();
    }
  });

  it('loads none of the costly Node built-ins it does not need, up to quitting', async () => {
    const out = join(scratch, 'explorer.txt');
    const screen = new PtyScreen({
      args: [],
      cols: 160,
      rows: 45,
      command: { file: process.execPath, args: ['--require', probe, binPath, '--kubeconfig', cluster.kubeconfigPath, '-n', 'lab'] },
      // Any --require/--import of the runner's own would load modules of its own.
      env: { PODSCOPE_TEST_BUILTINS_OUT: out, NODE_OPTIONS: undefined },
    });
    try {
      await screen.waitForText('Running', 60_000);
      screen.pty.write('q');
      expect((await screen.waitForExit(30_000)).exitCode).toBe(0);
      const loaded = builtinsIn(out);
      // The probe saw the run: the explorer's own built-ins are there.
      expect(loaded).toEqual(expect.arrayContaining(['https', 'tty']));
      expect(NOT_BEFORE_THE_ANSWER.filter((name) => loaded.includes(name))).toEqual([]);
    } finally {
      if (screen.exited === undefined) screen.pty.kill();
    }
  }, 90_000);

  it('nor does a one-shot command (tree)', async () => {
    const out = join(scratch, 'tree.txt');
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, ['--require', probe, binPath, 'tree', 'crashy', '-n', 'lab', '--kubeconfig', cluster.kubeconfigPath], { env: { PATH: process.env['PATH'] ?? '', HOME: scratch, LANG: 'C.UTF-8', PODSCOPE_CONFIG: '', PODSCOPE_TEST_BUILTINS_OUT: out }, timeout: 60_000 }, () => resolve(child.exitCode));
    });
    expect(code).toBe(0);
    const loaded = builtinsIn(out);
    expect(loaded).toContain('https');
    expect(NOT_BEFORE_THE_ANSWER.filter((name) => loaded.includes(name))).toEqual([]);
  }, 90_000);

  it('the marks are ones the bundle has', () => {
    const bundle = readFileSync(bundlePath, 'latin1');
    for (const mark of Object.values(MARKS)) expect(bundle, mark).toContain(mark);
  });
});
