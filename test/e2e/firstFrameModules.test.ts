import { readFileSync } from 'node:fs';
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

let cluster: DemoCluster;
let coverage: BundleCoverage;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  coverage = makeBundleCoverage('podscope-first-frame-');
});
afterAll(async () => {
  await cluster?.close();
  coverage?.remove();
});

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

  it('the marks are ones the bundle has', () => {
    const bundle = readFileSync(bundlePath, 'latin1');
    for (const mark of Object.values(MARKS)) expect(bundle, mark).toContain(mark);
  });
});
