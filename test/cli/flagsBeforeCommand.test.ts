import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath } from '../e2e/helpers/ptyScreen.js';

function podscope(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' }, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('flags before the command', () => {
  it('runs `podscope --demo tree POD` as `podscope tree POD --demo`', async () => {
    const run = await podscope(['--demo', 'tree', 'crashy', '-n', 'lab']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^why: .*\ncrashy /);
  }, 90_000);

  it('still refuses --demo where the command has no such flag', async () => {
    const run = await podscope(['demo-server', '--demo']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Unknown argument: demo');
  });
});
