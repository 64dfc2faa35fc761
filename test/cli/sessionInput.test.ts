import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath } from '../e2e/helpers/ptyScreen.js';

interface Run {
  code: number | null;
  stderr: string;
}

let dir: string;
let server: Server;
let connections = 0;
const sockets = new Set<Socket>();
let kubeconfig: string;

function podscope(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args, '--kubeconfig', kubeconfig],
      { env: { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), XDG_STATE_HOME: join(dir, 'state'), ...env }, timeout: 20_000 },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-input-'));
  // Anything that connects is counted (and never answered): bad flags must be refused before this.
  server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: c',
      '  cluster:',
      `    server: https://127.0.0.1:${port}`,
      '    insecure-skip-tls-verify: true',
      'users:',
      '- name: u',
      '  user:',
      '    token: t',
      'contexts:',
      '- name: x',
      '  context: {cluster: c, user: u, namespace: lab}',
      'current-context: x',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'a-file'), '');
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const cases: Array<{ args: string[]; env?: Record<string, string>; line: RegExp }> = [
  { args: ['logs', 'web', '--tail', 'abc'], line: /^podscope: invalid --tail "abc": use a whole number of lines \(-1: all\)$/ },
  { args: ['logs', 'web', '--tail', '-5'], line: /^podscope: invalid --tail "-5": it must be -1 \(all\) or more$/ },
  { args: ['logs', 'web', '--tail', '1.5', '-f'], line: /^podscope: invalid --tail "1\.5"/ },
  { args: ['logs', 'web', '--since', '-5s'], line: /^podscope: invalid --since "-5s": use a positive duration such as 5s, 2m or 3h$/ },
  { args: ['logs', 'web', '--since', 'soon'], line: /^podscope: invalid --since "soon"/ },
  { args: ['debug', 'web', '--timeout', '-5s'], line: /^podscope: invalid --timeout "-5s"/ },
  { args: ['debug', 'web', '--timeout', '0'], line: /^podscope: invalid --timeout "0": it must be positive$/ },
  { args: ['debug', 'web', '--record', '@DIR@/a-file/casts'], line: /^podscope: cannot write recordings \(--record\) in .*a-file\/casts: a parent is not a directory$/ },
  { args: ['--record', '@DIR@/a-file/casts'], line: /^podscope: cannot write recordings \(--record\) in .*a-file\/casts: a parent is not a directory$/ },
  { args: ['debug', 'web'], env: { XDG_STATE_HOME: '@DIR@/a-file' }, line: /^podscope: cannot write the audit log in .*a-file\/podscope: a parent is not a directory$/ },
];

describe('bad session flags: one line, exit 1, before anything is sent to the cluster', () => {
  for (const { args, env, line } of cases) {
    it(args.join(' ') + (env ? ` (${Object.keys(env).join(', ')})` : ''), async () => {
      const fill = (text: string): string => text.replace('@DIR@', dir);
      const before = connections;
      const run = await podscope(args.map(fill), Object.fromEntries(Object.entries(env ?? {}).map(([key, value]) => [key, fill(value)])));
      expect(run.code).toBe(1);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(connections).toBe(before);
    });
  }
});
