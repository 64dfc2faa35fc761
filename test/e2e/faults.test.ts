import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { PtyScreen, repoRoot } from './helpers/ptyScreen.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function startServer(throttledLists: number, retryAfter: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'test', 'e2e', 'helpers', 'stoppableServer.mjs'), fixturesRoot, String(throttledLists), String(retryAfter)], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the server exited')));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function kubeconfig(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-e2e-faults-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c', '  cluster:', `    server: ${url}`, 'users:', '- name: u', '  user:', '    token: t', 'contexts:', '- name: faulty', '  context:', '    cluster: c', '    user: u', '    namespace: lab', 'current-context: faulty', ''].join('\n'),
  );
  return path;
}

describe('the header against a throttling, then hung, API server (the real bin in a terminal)', () => {
  it('says throttled, then live, then stale within a minute of a SIGSTOP, then live again', async () => {
    const server = await startServer(1, 4);
    const tui = new PtyScreen({ args: ['--kubeconfig', kubeconfig(server.url)], cols: 120, rows: 30 });
    cleanups.push(() => tui.dispose());
    await tui.waitFor((text) => /throttled: retrying in 4 s/.test(text), 'the throttled header', 20_000);
    await tui.waitFor((text) => /\blive\b/.test(text) && /crashy/.test(text), 'the live table', 20_000);

    server.child.kill('SIGSTOP');
    // Silence is probed after 30 s, the probe given 10 s: "about a minute" is the bound waited for.
    const stale = await tui.waitFor((text) => /stale: no answer for \d+ s/.test(text), 'the stale header', 75_000);
    // The rows stay: what the table shows is old, and the header says how old.
    expect(stale).toContain('crashy');
    expect(stale).not.toMatch(/\blive\b/);

    server.child.kill('SIGCONT');
    await tui.waitFor((text) => /\blive\b/.test(text), 'live again', 30_000);
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  }, 150_000);
});
