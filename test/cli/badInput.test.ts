import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function podscope(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr }),
    );
  });
}

let dir: string;
let home: string;
let cluster: DemoCluster;

function kubeconfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function expectOneLine(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^podscope: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-cli-'));
  home = join(dir, 'home');
  cluster = await startDemoCluster({ withoutControlPlane: true });
});

afterAll(async () => {
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bad input gets one clear line and exit code 1', () => {
  it('no kubeconfig anywhere: suggests --demo', async () => {
    expectOneLine(await podscope([]), /no kubeconfig found.*podscope --demo/);
  });

  it('a --kubeconfig that does not exist', async () => {
    expectOneLine(await podscope(['--kubeconfig', join(dir, 'missing.yaml')]), /cannot read kubeconfig .*missing\.yaml/);
  });

  it('an unreadable kubeconfig', async () => {
    const path = kubeconfig('unreadable.yaml', 'apiVersion: v1\n');
    chmodSync(path, 0o000);
    const run = await podscope(['--kubeconfig', path]);
    // root can read a 0000 file; then the file is merely empty of contexts, which is also one line.
    expectOneLine(run, /kubeconfig/);
  });

  it('a kubeconfig that is not YAML', async () => {
    expectOneLine(await podscope(['--kubeconfig', kubeconfig('broken.yaml', 'clusters: [\n  - {name: x\n')]), /not valid/);
  });

  it('an unknown context lists the ones there are', async () => {
    const run = await podscope(['--kubeconfig', cluster.kubeconfigPath, '--context', 'nope']);
    expectOneLine(run, /context "nope" not found.*podscope-demo/);
  });

  it('a server that refuses the credentials', async () => {
    const { readFileSync } = await import('node:fs');
    const wrongToken = readFileSync(cluster.kubeconfigPath, 'utf8').replace(cluster.token, 'not-the-token');
    expectOneLine(await podscope(['--kubeconfig', kubeconfig('badtoken.yaml', wrongToken)]), /refused the credentials|401|Unauthorized/);
  });

  it('a server that is not there', async () => {
    const { readFileSync } = await import('node:fs');
    const unreachable = readFileSync(cluster.kubeconfigPath, 'utf8').replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9');
    expectOneLine(await podscope(['--kubeconfig', kubeconfig('unreachable.yaml', unreachable)]), /cannot reach .*127\.0\.0\.1:9/);
  });

  it('--demo with --kubeconfig is refused before anything starts', async () => {
    expectOneLine(await podscope(['--demo', '--kubeconfig', 'x']), /mutually exclusive/);
  });

  it.each([
    [['--log-tail', 'abc'], /^podscope: invalid --log-tail "abc": use a whole number of at least 0$/],
    [['--log-tail', '-5'], /invalid --log-tail "-5"/],
    [['--log-tail', '1.5'], /invalid --log-tail "1.5"/],
    [['--log-max-lines', '10'], /invalid --log-max-lines "10": use a whole number of at least 100/],
    [['--log-max-bytes', 'lots'], /invalid --log-max-bytes "lots": use a size of at least 1MiB/],
    [['--log-max-bytes', '12'], /invalid --log-max-bytes "12"/],
  ])('the explorer checks %j before it connects (the server named is not there)', async (args, pattern) => {
    const { readFileSync } = await import('node:fs');
    const unreachable = readFileSync(cluster.kubeconfigPath, 'utf8').replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9');
    expectOneLine(await podscope([...args, '--kubeconfig', kubeconfig('unreachable-logs.yaml', unreachable)]), pattern);
  });

  it.each([['busybox\x1b]0;pwned\x07:1'], ['busy box'], ['busybox\u202e:1']])('podscope debug --image %j: one line before it connects', async (image) => {
    const { readFileSync } = await import('node:fs');
    const unreachable = readFileSync(cluster.kubeconfigPath, 'utf8').replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9');
    const run = await podscope(['debug', 'web', '--image', image, '--kubeconfig', kubeconfig('unreachable-image.yaml', unreachable)]);
    expectOneLine(run, /^podscope: invalid --image: the image ".*" holds a (control character|space)$/);
    expect(run.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
  });

  it('good log flags pass the checks (sizes with units too) and reach the terminal check', async () => {
    expectOneLine(await podscope(['--log-tail', '0', '--log-max-lines', '100', '--log-max-bytes', '32MiB', '--kubeconfig', cluster.kubeconfigPath]), /needs a terminal/);
  });

  it('without a terminal the explorer says what to use instead', async () => {
    expectOneLine(await podscope(['--kubeconfig', cluster.kubeconfigPath]), /needs a terminal/);
  });
});

describe('--help and --version', () => {
  it('prints usage with the flags', async () => {
    const run = await podscope(['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--kubeconfig', '--context', '--namespace', '--all-namespaces', '--demo', 'demo-server']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('prints the package version', async () => {
    const run = await podscope(['--version']);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
