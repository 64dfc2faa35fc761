import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { bundlePath, makeBundleCoverage, type BundleCoverage } from '../helpers/bundleCoverage.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

// The one-shot reads' start-up cost is mostly what they load: client-node's typed API (≈ 1 MB of
// API classes and models) must stay out of them (see "Start-up and scale" in the README). V8's
// coverage of the built command says which modules of the bundle it ran.
const TYPED_API_MARK = 'listNamespacedPodTemplate';

let cluster: DemoCluster;
let coverage: BundleCoverage;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  coverage = makeBundleCoverage('podscope-modules-');
  // `logs web` of a container still being created is an error (as kubectl's): under load the
  // commands before it can finish before web has started.
  const deadline = Date.now() + 60_000;
  const webRunning = () => (cluster.store.list('pods') as V1Pod[]).some((pod) => pod.metadata?.namespace === 'lab' && pod.metadata.name === 'web' && pod.status?.containerStatuses?.[0]?.state?.running !== undefined);
  while (!webRunning()) {
    if (Date.now() > deadline) throw new Error('the demo cluster never started lab/web');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);
afterAll(async () => {
  await cluster?.close();
  coverage?.remove();
});

function run(args: string[]): Promise<number | null> {
  coverage.reset();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args, '--kubeconfig', cluster.kubeconfigPath],
      { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...coverage.env() }, timeout: 60_000 },
      () => resolve(child.exitCode),
    );
  });
}

describe('what the one-shot reads load of the bundle', () => {
  it.each([
    ['tree', ['tree', 'crashy', '-n', 'lab']],
    ['events', ['events', 'crashy', '-n', 'lab']],
    ['logs', ['logs', 'web', '-n', 'lab', '--tail', '5']],
    ['why', ['why', '-n', 'lab']],
  ])('%s never loads client-node’s typed API', async (_name, args) => {
    expect(await run(args)).toBe(0);
    expect(coverage.ran([TYPED_API_MARK])).toEqual([]);
  });

  it('the mark is one the bundle has: debug loads the typed API', async () => {
    expect(readFileSync(bundlePath, 'latin1')).toContain(TYPED_API_MARK);
    expect(await run(['debug', 'web', '-n', 'lab', '--no-attach'])).toBe(0);
    expect(coverage.ran([TYPED_API_MARK])).toEqual([TYPED_API_MARK]);
  });

  // Marks of the pod and event shapes (kube/objectTypes.ts) and of the diagnosis' wording.
  const HELP_MARKS = ['date-time-micro', 'the previous log'];

  it('--help loads the commands’ descriptions, not what they run (reads and their shapes, diagnosis)', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(coverage.ran(HELP_MARKS)).toEqual([]);
  });

  it('the marks are ones the bundle has, and tree runs the shapes', async () => {
    const bundle = readFileSync(bundlePath, 'latin1');
    for (const mark of HELP_MARKS) expect(bundle).toContain(mark);
    expect(await run(['tree', 'crashy', '-n', 'lab'])).toBe(0);
    expect(coverage.ran(HELP_MARKS)).toContain('date-time-micro');
  });
});
