import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFamily } from '../../src/launch/runBundle.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

// The built command (bin/podscope.js → dist/podscope.cjs) with its V8 code cache: whatever state the
// cache is in, the command works; a bad cache is replaced, a good one left alone.

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'podscope-code-cache-'));
});
afterEach(() => {
  chmodSync(home, 0o700);
  rmSync(home, { recursive: true, force: true });
});

function podscope(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: home, ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

// A command that runs the bundle every time and needs no cluster (`--help` alone answers from its kept text).
const completion = (env: Record<string, string>) => podscope(['completion', 'bash'], env);

const xdg = (): Record<string, string> => ({ XDG_CACHE_HOME: join(home, 'xdg') });
const keyDirs = (root: string): string[] => readdirSync(join(root, 'podscope', 'code-cache'));
const cacheFile = (root: string): string => {
  const [key] = keyDirs(root);
  const directory = join(root, 'podscope', 'code-cache', key ?? 'missing');
  const [file] = existsSync(directory) ? readdirSync(directory).filter((name) => name.startsWith('completion-') && name.endsWith('.v8')) : [];
  return join(directory, file ?? 'missing');
};

async function expectRun(env: Record<string, string>): Promise<void> {
  const run = await completion(env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('complete -F');
}

describe('the code cache', () => {
  it('is written by the first run, into $XDG_CACHE_HOME/podscope, private, and left alone by the next', async () => {
    await expectRun(xdg());
    const file = cacheFile(join(home, 'xdg'));
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(statSync(join(home, 'xdg', 'podscope', 'code-cache')).mode & 0o077).toBe(0);
    const first = readFileSync(file);
    await expectRun(xdg());
    expect(readFileSync(file).equals(first)).toBe(true);
    expect(readdirSync(join(file, '..')).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('that is corrupt is harmless and rewritten', async () => {
    await expectRun(xdg());
    const file = cacheFile(join(home, 'xdg'));
    writeFileSync(file, Buffer.from('not a V8 code cache at all, nothing like it'));
    await expectRun(xdg());
    const rewritten = readFileSync(file);
    expect(rewritten.length).toBeGreaterThan(10_000);
    // The rewritten one is accepted: the next run keeps it.
    await expectRun(xdg());
    expect(readFileSync(file).equals(rewritten)).toBe(true);
  });

  it('of another program (same key, other code) is rejected by V8, harmless, and rewritten', async () => {
    await expectRun(xdg());
    const file = cacheFile(join(home, 'xdg'));
    const { Script } = await import('node:vm');
    const other = new Script('function other() { return 42; } other();');
    writeFileSync(file, other.createCachedData());
    await expectRun(xdg());
    expect(readFileSync(file).length).toBeGreaterThan(10_000);
  });

  it('of another build is removed when this build writes its own, once unused for a week (two installs in turn keep theirs)', async () => {
    const root = join(home, 'xdg', 'podscope', 'code-cache');
    const stale = join(root, '0123456789abcdef-nodev0.0.0-x64');
    const recent = join(root, 'fedcba9876543210-nodev0.0.0-x64');
    for (const directory of [stale, recent]) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      writeFileSync(join(directory, 'completion-0.v8'), 'old');
    }
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(stale, eightDaysAgo, eightDaysAgo);
    await expectRun(xdg());
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(keyDirs(join(home, 'xdg'))).toHaveLength(2);
  });

  it('under a relative $XDG_CACHE_HOME is not looked for there (it would be the working directory\'s)', async () => {
    const cwd = join(home, 'repo');
    mkdirSync(cwd);
    const run = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, [binPath, 'completion', 'bash'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: 'cache' } }, () => resolve(child.exitCode));
    });
    expect(run).toBe(0);
    expect(existsSync(join(cwd, 'cache'))).toBe(false);
    expect(readdirSync(join(home, '.cache', 'podscope', 'code-cache'))).toHaveLength(1);
  });

  it('is not made by tab completion for the command it completes', async () => {
    expect((await podscope(['__complete', 'tree', ''], xdg())).code).toBe(0);
    const [key] = keyDirs(join(home, 'xdg'));
    expect(readdirSync(join(home, 'xdg', 'podscope', 'code-cache', key ?? '')).map((name) => name.split('-')[0])).toEqual(['complete']);
  });

  it('where no cache directory can be made, the command runs uncached', async () => {
    // A file where the directories would go (what a read-only or odd home looks like to mkdir, even to root).
    writeFileSync(join(home, 'xdg'), '');
    mkdirSync(join(home, '.cache'));
    writeFileSync(join(home, '.cache', 'podscope'), '');
    await expectRun({ ...xdg(), TMPDIR: join(home, 'xdg') });
  });

  it('in a directory others may write to is not used (a cache is code): the next root is', async () => {
    mkdirSync(join(home, 'xdg', 'podscope'), { recursive: true });
    chmodSync(join(home, 'xdg', 'podscope'), 0o777);
    await expectRun(xdg());
    expect(existsSync(join(home, 'xdg', 'podscope', 'code-cache'))).toBe(false);
    expect(statSync(cacheFile(join(home, '.cache'))).size).toBeGreaterThan(10_000);
  });

  it('is not written by a run that failed', async () => {
    const run = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, [binPath, 'tree', '--no-such-flag'], { env: { PATH: process.env.PATH ?? '', HOME: home, ...xdg() } }, () => resolve(child.exitCode));
    });
    expect(run).not.toBe(0);
    expect(existsSync(join(home, 'xdg', 'podscope', 'code-cache'))).toBe(true);
    expect(readdirSync(join(home, 'xdg', 'podscope', 'code-cache'))).toEqual([]);
  });

  it('PODSCOPE_CODE_CACHE=off runs without one', async () => {
    await expectRun({ ...xdg(), PODSCOPE_CODE_CACHE: 'off' });
    expect(existsSync(join(home, 'xdg', 'podscope'))).toBe(false);
  });
});

describe('cacheFamily', () => {
  it('is the command word, or the explorer', () => {
    expect(cacheFamily(['tree', 'web', '-n', 'lab'])).toBe('tree');
    expect(cacheFamily(['-n', 'lab', 'logs', 'web'])).toBe('logs');
    expect(cacheFamily(['--help'])).toBe('help');
    // Help and version print and exit: their runs would leave a command's cache without its code.
    expect(cacheFamily(['tree', '--help'])).toBe('help');
    expect(cacheFamily(['logs', 'web', '-h'])).toBe('help');
    expect(cacheFamily(['help', 'tree'])).toBe('help');
    expect(cacheFamily(['events', '--version'])).toBe('help');
    // Tab completion names the command it completes, and runs little of it.
    expect(cacheFamily(['__complete', 'tree', ''])).toBe('complete');
    expect(cacheFamily(['-n', 'lab'])).toBe('explorer');
    expect(cacheFamily([])).toBe('explorer');
  });
});

describe('the code cache under other V8 flags', () => {
  it('is a file of its own beside the plain one, and neither is rewritten by the other', async () => {
    const env = { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: home, ...xdg() };
    const run = (flags: string[]): Promise<number | null> =>
      new Promise((resolve) => {
        const child = execFile(process.execPath, [...flags, binPath, 'completion', 'bash'], { env }, () => resolve(child.exitCode));
      });
    expect(await run([])).toBe(0);
    expect(await run(['--stack-size=2000'])).toBe(0);
    const [key] = keyDirs(join(home, 'xdg'));
    const directory = join(home, 'xdg', 'podscope', 'code-cache', key ?? '');
    const files = readdirSync(directory).sort();
    expect(files).toHaveLength(2);
    const before = files.map((file) => readFileSync(join(directory, file)));
    expect(await run([])).toBe(0);
    expect(await run(['--stack-size=2000'])).toBe(0);
    expect(files.map((file) => readFileSync(join(directory, file)).equals(before[files.indexOf(file)]!))).toEqual([true, true]);
  });
});

describe('the kept help text', () => {
  const helpFiles = (): string[] => {
    const root = join(home, 'xdg', 'podscope', 'code-cache');
    return existsSync(root) ? readdirSync(root).flatMap((key) => readdirSync(join(root, key)).filter((name) => name.startsWith('help-text-')).map((name) => join(root, key, name))) : [];
  };

  it('is what the bundle printed, and is printed again as it was, without the bundle', async () => {
    const uncached = await podscope(['--help'], { ...xdg(), PODSCOPE_CODE_CACHE: 'off' });
    expect(uncached.stdout).toContain('podscope tree <pod>');
    const first = await podscope(['--help'], xdg());
    expect(first).toEqual(uncached);
    const [file] = helpFiles();
    expect(file).toMatch(/help-text-piped\.txt$/);
    expect(statSync(file!).mode & 0o077).toBe(0);
    expect(readFileSync(file!, 'utf8')).toBe(uncached.stdout);
    // The next run prints the kept text: proven by a marker only the file has.
    writeFileSync(file!, 'kept help\n');
    expect(await podscope(['-h'], xdg())).toEqual({ code: 0, stdout: 'kept help\n', stderr: '' });
    // Anything more than the flag alone runs the bundle.
    const command = await podscope(['tree', '--help'], xdg());
    expect(command.stdout).toContain('podscope tree <pod>');
    expect(command.stdout).not.toContain('kept help');
  });

  it('is one per terminal width: a pty of 60 columns gets the help laid out for 60', async () => {
    const { spawn } = await import('node-pty');
    const inPty = (cols: number): Promise<string> =>
      new Promise((resolve) => {
        const pty = spawn(process.execPath, [binPath, '--help'], { cols, rows: 40, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: home, ...xdg() } });
        let out = '';
        // The pty can report the exit before the last of the output has been read: done once
        // it has exited and nothing more came for a while.
        let exited = false;
        let quiet: NodeJS.Timeout | undefined;
        const settle = () => {
          clearTimeout(quiet);
          quiet = setTimeout(() => resolve(out), 500);
        };
        pty.onData((data) => {
          out += data;
          if (exited) settle();
        });
        pty.onExit(() => {
          exited = true;
          settle();
        });
      });
    const narrow = await inPty(60);
    expect(Math.max(...narrow.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(60);
    expect(await inPty(60)).toBe(narrow);
    const wide = await inPty(100);
    expect(Math.max(...wide.split('\r\n').map((line) => line.length))).toBeGreaterThan(60);
    expect(helpFiles().map((file) => file.split('/').pop()).sort()).toEqual(['help-text-100.txt', 'help-text-60.txt']);
  });

  it('printed into a pipe its reader closed: exit 141, no stack trace', async () => {
    await podscope(['--help'], xdg());
    expect(helpFiles()).toHaveLength(1);
    for (let run = 0; run < 3; run++) {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [binPath, '--help'], { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: home, ...xdg() }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.destroy();
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(result.stderr).toBe('');
      expect([0, 141]).toContain(result.code);
    }
  });

  it('is neither kept nor used with PODSCOPE_CODE_CACHE=off', async () => {
    expect((await podscope(['--help'], { ...xdg(), PODSCOPE_CODE_CACHE: 'off' })).code).toBe(0);
    expect(helpFiles()).toEqual([]);
    await podscope(['--help'], xdg());
    const [file] = helpFiles();
    writeFileSync(file!, 'kept help\n');
    expect((await podscope(['--help'], { ...xdg(), PODSCOPE_CODE_CACHE: 'off' })).stdout).toContain('podscope tree <pod>');
  });
});
