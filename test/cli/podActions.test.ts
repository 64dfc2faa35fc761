import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBody } from '../helpers/http.js';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

let cluster: DemoCluster;
let stateDir: string;

const env = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', XDG_STATE_HOME: stateDir, TZ: 'UTC' });

function podscope(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args, '--kubeconfig', cluster.kubeconfigPath], { env: env(), timeout: 40_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

function auditLines(): JsonObject[] {
  try {
    return readFileSync(join(stateDir, 'podscope', 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as JsonObject);
  } catch {
    return [];
  }
}


function running(namespace: string, name: string): boolean {
  const pod = cluster.store.get({ resource: 'pods', namespace, name });
  const statuses = ((pod?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[];
  return statuses.length > 0 && statuses.every((status) => (status['state'] as JsonObject | undefined)?.['running'] !== undefined);
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'podscope-state-'));
  cluster = await startDemoCluster({ speed: 4, namespace: 'lab' });
  await until(() => running('lab', 'httpd') && running('lab', 'duo'), 'lab/httpd and lab/duo to run');
  await until(() => {
    const oom = cluster.store.get({ resource: 'pods', namespace: 'states', name: 'oom' });
    return JSON.stringify(oom).includes('"lastState":{"terminated"');
  }, 'states/oom to be OOMKilled once');
}, 90_000);

afterAll(async () => {
  await cluster?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('podscope describe', () => {
  it('prints the OOMKilled pod with its last state and its limits, the kubectl way', async () => {
    const run = await podscope(['describe', 'pod', 'oom', '-n', 'states']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Name:\s+oom\nNamespace:\s+states\n/);
    expect(run.stdout).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
    expect(run.stdout).toMatch(/Limits:\n\s+memory:\s+20Mi\n\s+Requests:\n\s+memory:\s+20Mi/);
    expect(run.stdout).toMatch(/\nEvents:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/);
  });

  it('a pod that is not there: one line, exit 1', async () => {
    expect(await podscope(['describe', 'nosuchpod', '-n', 'lab'])).toEqual({ code: 1, stdout: '', stderr: 'podscope: pods "nosuchpod" not found\n' });
    expect(await podscope(['describe', 'deployment/web', '-n', 'lab'])).toMatchObject({ code: 1, stderr: 'podscope: podscope works on pods: the resource type "deployment" is not one\n' });
  });
});

describe('podscope get', () => {
  it('-o yaml and -o json print the pod the server holds, without managedFields', async () => {
    const stored = cluster.store.get({ resource: 'pods', namespace: 'lab', name: 'httpd' });
    const yaml = await podscope(['get', 'pod/httpd', '-n', 'lab', '-o', 'yaml']);
    expect(yaml.code).toBe(0);
    const fromYaml = parse(yaml.stdout, { version: '1.1' }) as JsonObject;
    expect((fromYaml['metadata'] as JsonObject)['uid']).toBe((stored?.['metadata'] as JsonObject)['uid']);
    expect(fromYaml['spec']).toEqual(stored?.['spec']);
    const json = await podscope(['get', 'httpd', '-n', 'lab', '-o', 'json']);
    expect((JSON.parse(json.stdout) as JsonObject)['spec']).toEqual(stored?.['spec']);
    expect(json.stdout.startsWith('{\n    "apiVersion": "v1",\n')).toBe(true);
  });

  it('without -o prints the kubectl row; a wrong -o says which formats exist', async () => {
    const table = await podscope(['get', 'httpd', '-n', 'lab']);
    expect(table.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nhttpd\s+1\/1\s+Running\s+0\s+\S+\n$/);
    expect(await podscope(['get', 'httpd', '-n', 'lab', '-o', 'xml'])).toMatchObject({ code: 1, stderr: expect.stringContaining('allowed formats are: yaml,json,name,wide') });
  });
});

describe('podscope delete', () => {
  it('deletes gracefully, waits until the pod is gone, and audits it', async () => {
    const run = await podscope(['delete', 'pod', 'duo', '-n', 'lab']);
    expect(run).toEqual({ code: 0, stdout: 'pod "duo" deleted\n', stderr: '' });
    expect(cluster.store.get({ resource: 'pods', namespace: 'lab', name: 'duo' })).toBeUndefined();
    expect(auditLines().at(-1)).toMatchObject({ kind: 'delete', namespace: 'lab', pod: 'duo', force: false, outcome: 'terminating', context: 'podscope-demo', user: 'podscope-demo-admin' });
  });

  it('--force kills at once with kubectl’s warning; --grace-period 5 --force is refused like kubectl', async () => {
    const run = await podscope(['delete', 'web', '-n', 'lab', '--force']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('pod "web" force deleted\n');
    expect(run.stderr).toContain('Warning: Immediate deletion does not wait for confirmation');
    expect(auditLines().at(-1)).toMatchObject({ kind: 'kill', pod: 'web', gracePeriodSeconds: 0, force: true, outcome: 'gone' });
    expect(await podscope(['delete', 'crashy', '-n', 'lab', '--grace-period', '5', '--force'])).toMatchObject({
      code: 1,
      stderr: 'podscope: --force and --grace-period greater than 0 cannot be specified together\n',
    });
    expect(await podscope(['delete', 'nosuchpod', '-n', 'lab'])).toEqual({ code: 1, stdout: '', stderr: 'podscope: pods "nosuchpod" not found\n' });
  });
});

describe('podscope port-forward', () => {
  it('prints like kubectl, serves HTTP from the pod, stops on Ctrl-C and audits the forward', async () => {
    const child = spawn(process.execPath, [binPath, 'port-forward', 'httpd', '-n', 'lab', ':8080', '--address', '127.0.0.1', '--kubeconfig', cluster.kubeconfigPath], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /Forwarding from 127\.0\.0\.1:\d+ -> 8080\n/.test(stdout), 'the forward to listen', 20_000);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1]);
      expect(await httpBody(port)).toBe('podscope-lab-httpd-ok\n');
      await until(() => stdout.includes(`Handling connection for ${port}\n`), 'the connection line', 10_000);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      expect(auditLines().at(-1)).toMatchObject({ kind: 'port-forward', pod: 'httpd', ports: [{ local: port, remote: 8080 }], connections: 1, outcome: 'stopped' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('bad input is one line and nothing is left listening: a port nothing listens on, a local port in use, a vanished pod, a named port the pod lacks', async () => {
    const undeclared = await podscope(['port-forward', 'httpd', '-n', 'lab', '9999']);
    expect(undeclared).toEqual({ code: 1, stdout: '', stderr: 'podscope: pod lab/httpd does not listen on port 9999; it declares 8080/TCP (http)\n' });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const inUse = await podscope(['port-forward', 'httpd', '-n', 'lab', `${port}:8080`, '--address', '127.0.0.1']);
      expect(inUse).toEqual({ code: 1, stdout: '', stderr: `podscope: unable to listen on 127.0.0.1:${port}: address already in use\n` });
    } finally {
      busy.close();
    }
    expect(await podscope(['port-forward', 'nosuchpod', '-n', 'lab', '8080'])).toEqual({ code: 1, stdout: '', stderr: 'podscope: pods "nosuchpod" not found\n' });
    expect(await podscope(['port-forward', 'httpd', '-n', 'lab', 'https'])).toEqual({ code: 1, stdout: '', stderr: "podscope: Pod 'httpd' does not have a named port 'https'\n" });
  });
});
