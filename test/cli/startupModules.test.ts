import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { makeModuleLog, type ModuleLog } from '../helpers/moduleLog.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

// The one-shot reads' start-up cost is mostly what they load: client-node's typed API (≈ 1 MB of
// API classes and models) must stay out of them (see "Start-up and scale" in the README). A module
// hook records every file of the bundle the built command loads.
const TYPED_API_MARK = 'listNamespacedPodTemplate';

let cluster: DemoCluster;
let modules: ModuleLog;
let work: string;
beforeAll(async () => {
  cluster = await startDemoCluster({ seed: 1, namespace: 'lab' });
  modules = makeModuleLog('podscope-modules-');
  work = modules.dir;
});
afterAll(async () => {
  await cluster?.close();
  modules?.remove();
});

function loadedFiles(args: string[], log: string): Promise<{ code: number | null; files: string[] }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', modules.register, binPath, ...args, '--kubeconfig', cluster.kubeconfigPath],
      { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', PODSCOPE_MODULE_LOG: log }, timeout: 60_000 },
      () => {
        const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
        resolve({ code: child.exitCode, files: urls.map((url) => new URL(url).pathname) });
      },
    );
  });
}

describe('what the one-shot reads load of the bundle', () => {
  it.each([
    ['tree', ['tree', 'crashy', '-n', 'lab']],
    ['events', ['events', 'crashy', '-n', 'lab']],
    ['logs', ['logs', 'web', '-n', 'lab', '--tail', '5']],
    ['why', ['why', '-n', 'lab']],
  ])('%s never loads client-node’s typed API', async (name, args) => {
    const log = join(work, `${name}.log`);
    writeFileSync(log, '');
    const run = await loadedFiles(args, log);
    expect(run.code).toBe(0);
    expect(run.files.length).toBeGreaterThan(3);
    const typed = run.files.filter((file) => readFileSync(file, 'utf8').includes(TYPED_API_MARK));
    expect(typed).toEqual([]);
  });

  it('the mark is one the bundle has: the typed API is still there for debug and delete', () => {
    const dir = join(binPath, '..', '..', 'dist', 'app');
    const withMark = readdirSync(dir).filter((file) => file.endsWith('.mjs') && readFileSync(join(dir, file), 'utf8').includes(TYPED_API_MARK));
    expect(withMark.length).toBeGreaterThan(0);
  });

  it('--help loads the commands’ descriptions, not what they run (reads and their shapes, diagnosis)', async () => {
    const log = join(work, 'help.log');
    writeFileSync(log, '');
    const run = await loadedFiles(['--help'], log);
    expect(run.code).toBe(0);
    expect(run.files.length).toBeGreaterThan(3);
    // Marks of the pod and event shapes (kube/objectTypes.ts) and of the diagnosis' wording.
    for (const mark of ['date-time-micro', 'the previous log']) {
      expect(run.files.filter((file) => readFileSync(file, 'utf8').includes(mark)), mark).toEqual([]);
    }
  });
});
