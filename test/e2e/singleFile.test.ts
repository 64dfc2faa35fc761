import { execFile, spawn as spawnChild } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/ptyScreen.js';

const singleFile = join(repoRoot, 'dist', 'podscope.mjs');

/**
 * dist/podscope.mjs as a jump box gets it: copied alone into an empty directory, run with a PATH
 * that holds nothing but `node` (no kubectl, no compiler, no node_modules anywhere near), and a
 * fresh home directory to unpack into.
 */
describe('the single-file build, copied alone to an empty directory', () => {
  let work: string;
  let env: Record<string, string>;
  const script = (): string => join(work, 'box', 'podscope.mjs');

  beforeAll(() => {
    expect(existsSync(singleFile), 'dist/podscope.mjs is made by npm run build').toBe(true);
    work = mkdtempSync(join(tmpdir(), 'podscope-single-'));
    for (const folder of ['box', 'bin', 'home']) mkdirSync(join(work, folder));
    copyFileSync(singleFile, script());
    symlinkSync(process.execPath, join(work, 'bin', 'node'));
    env = { PATH: join(work, 'bin'), HOME: join(work, 'home'), LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(join(work, 'bin', 'node'), [script(), ...args], { cwd: join(work, 'box'), env, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      });
    });

  it('answers --version and --help, and unpacks into the private cache directory only', async () => {
    expect((await run('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const command of ['tree', 'events', 'logs', 'debug', 'demo-server']) expect(help.stdout).toContain(`podscope ${command}`);
    expect(readdirSync(join(work, 'box'))).toEqual(['podscope.mjs']);
    // The unpacked bundle, and the code cache of the commands run from it.
    const cache = readdirSync(join(work, 'home', '.cache', 'podscope')).sort();
    expect(cache).toHaveLength(2);
    expect(cache[0]).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{16}$/);
    expect(cache[1]).toBe('code-cache');
    expect(readdirSync(join(work, 'home', '.cache', 'podscope', cache[0] ?? ''))).toEqual(['podscope.cjs']);
  });

  it('runs tree, events, logs and debug --no-attach against --demo', async () => {
    const tree = await run('tree', 'crashy', '-n', 'lab', '--demo');
    expect(tree.stderr).toBe('');
    expect(tree.stdout).toContain('crashy');
    const events = await run('events', 'crashy', '-n', 'lab', '--demo');
    expect(events).toMatchObject({ code: 0, stderr: '' });
    // Right after the demo cluster starts the container may still be starting: kubectl's answer then.
    const logs = await run('logs', 'web', '-n', 'lab', '--demo', '--tail', '5');
    expect(logs.code === 0 ? '' : logs.stderr).toMatch(/^$|waiting to start|is not available/);
    const debug = await run('debug', 'web', '-n', 'lab', '--demo', '--no-attach');
    expect(debug.stderr).toBe('');
    expect(debug.stdout.trim()).toMatch(/^debugger-/);
  });

  it('runs demo-server with a scale fleet until interrupted, twice or once', async () => {
    const child = spawnChild(join(work, 'bin', 'node'), [script(), 'demo-server', '--scale-pods', '500', '--churn', '50'], { cwd: join(work, 'box'), env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    await expect.poll(() => stdout, { timeout: 30_000 }).toContain('scale: 500 pods');
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Twice, as timeout(1) sends it (to the child and to its process group): still a clean stop.
    child.kill('SIGINT');
    setTimeout(() => child.exitCode === null && child.kill('SIGINT'), 5);
    expect(await code).toBe(0);
  });

  it('opens the explorer on --demo in a terminal and quits on q', async () => {
    const pty = spawnPty(join(work, 'bin', 'node'), [script(), '--demo', '-n', 'lab'], { name: 'xterm-256color', cols: 100, rows: 30, cwd: join(work, 'box'), env });
    let screen = '';
    pty.onData((data) => (screen += data));
    const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
    try {
      await expect.poll(() => screen, { timeout: 30_000 }).toMatch(/crashy[\s\S]*Running|Running[\s\S]*crashy/);
      pty.write('q');
      expect(await exited).toBe(0);
    } finally {
      pty.kill();
    }
  });
});
