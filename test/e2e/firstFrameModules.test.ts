import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { makeModuleLog, type ModuleLog } from '../helpers/moduleLog.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';

// What the explorer loads of the bundle before its first frame is most of what that frame costs
// (see "Start-up and scale" in the README). A module hook records every file of the bundle loaded;
// the log is read once the pods are on the screen.
const MARKS = {
  // client-node's typed API: only debug, delete and the like use it.
  'typed API': 'listNamespacedPodTemplate',
  // node-fetch (client-node's generated HTTP library, with zlib and streams): podscope has its own client.
  'node-fetch': 'github.com/bitinn/node-fetch',
};

let cluster: DemoCluster;
let modules: ModuleLog;
let work: string;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  modules = makeModuleLog('podscope-first-frame-');
  work = modules.dir;
});
afterAll(async () => {
  await cluster?.close();
  modules?.remove();
});

describe('what the explorer loads before its first frame', () => {
  it('shows the pods without client-node’s typed API or node-fetch', async () => {
    const log = join(work, 'explorer.log');
    writeFileSync(log, '');
    const screen = new PtyScreen({
      args: [],
      cols: 160,
      rows: 45,
      command: { file: process.execPath, args: ['--import', modules.register, binPath, '--kubeconfig', cluster.kubeconfigPath, '-n', 'lab'] },
      env: { PODSCOPE_MODULE_LOG: log },
    });
    try {
      await screen.waitForText('Running', 60_000);
      const files = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => new URL(url).pathname);
      expect(files.length).toBeGreaterThan(3);
      for (const [what, mark] of Object.entries(MARKS)) {
        expect(files.filter((file) => readFileSync(file, 'utf8').includes(mark)), what).toEqual([]);
      }
      screen.pty.write('q');
      expect((await screen.waitForExit(30_000)).exitCode).toBe(0);
    } finally {
      if (screen.exited === undefined) screen.pty.kill();
    }
  });

  it('the marks are ones the bundle has', () => {
    const dir = join(binPath, '..', '..', 'dist', 'app');
    const chunks = readdirSync(dir)
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(dir, file), 'utf8'));
    for (const mark of Object.values(MARKS)) expect(chunks.some((text) => text.includes(mark)), mark).toBe(true);
  });
});
