import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { applyPodDefaults } from '../../src/demo/controlPlane/index.js';
import { labPods } from '../../src/demo/controlPlane/scenario/labPods.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';
import { findKubectl, kubectlFor, type Kubectl } from './kubectlRunner.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the podscope logs -l vs kubectl logs -l conformance tests');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A lab pod's manifest under another name, with the fleet's labels: several pods of one "workload". */
function fleetPod(from: string, name: string, labels: Record<string, string>): JsonObject {
  const manifest = structuredClone(labPods.find((pod) => (pod['metadata'] as { name: string }).name === from));
  if (manifest === undefined) throw new Error(`no lab pod ${from}`);
  manifest['metadata'] = { name, namespace: 'lab', labels };
  return applyPodDefaults(manifest);
}

/** Lines grouped by their `[pod/NAME/CONTAINER] ` prefix, each group in the order printed: the output "up to interleaving". */
function byPrefix(stdout: string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const prefix = /^\[pod\/[^/\]]+\/[^\]]+\] /.exec(line)?.[0] ?? '(none)';
    (groups[prefix] ??= []).push(line);
  }
  return groups;
}

const sortedLines = (text: string): string[] => text.split('\n').filter((line) => line !== '').sort();

describe.skipIf(kubectlBinary === undefined)('podscope logs -l prints what kubectl logs -l prints', () => {
  let demo: DemoCluster;
  let clock: ManualClock;
  let scratch: string;
  let kubectl: Kubectl;
  const children: ChildProcess[] = [];

  const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8', HOME: scratch });
  const podscope = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(process.execPath, [binPath, 'logs', ...args, '--kubeconfig', demo.kubeconfigPath], { env: env(), timeout: 60_000 }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    // Time stands still unless the test moves it, so both tools read the same logs.
    clock = manualClock(new Date('2026-11-23T09:13:00Z'));
    demo = await startDemoCluster({ namespace: 'lab', clock, scenario: false });
    const fleet = { app: 'fleet', tier: 'front' };
    for (const [from, name] of [
      ['web', 'fleet-a'],
      ['web', 'fleet-b'],
      ['duo', 'fleet-c'],
    ] as const) {
      demo.store.create('pods', fleetPod(from, name, fleet));
    }
    demo.store.create('pods', fleetPod('web', 'other', { app: 'other' }));
    for (let waited = 0; waited < 15_000; waited += 100) clock.advance(100);
    scratch = mkdtempSync(join(tmpdir(), 'podscope-logs-selector-'));
    kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
  });

  afterAll(async () => {
    for (const child of children) child.kill();
    await demo?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    [['-l', 'app=fleet', '--prefix']],
    [['-l', 'app=fleet', '--prefix', '--all-containers']],
    [['-l', 'app=fleet', '--prefix', '--timestamps', '--tail', '3']],
    [['-l', 'app=fleet', '--prefix', '--since', '4s']],
    [['-l', 'app=fleet,tier=front', '--prefix', '--tail', '-1']],
    [['-l', 'app in (fleet,other)', '--prefix', '--all-containers', '--tail', '2']],
    [['--selector', 'app=other', '--prefix', '-c', 'web', '--tail', '4']],
  ])('%j: the same lines per [pod/NAME/CONTAINER] in the same order, the same notices, the same exit code', async (args) => {
    const ours = await podscope('-n', 'lab', ...args);
    const theirs = await kubectl.run('logs', '-n', 'lab', ...args);
    expect(theirs.stdout).not.toBe('');
    expect(byPrefix(ours.stdout)).toEqual(byPrefix(theirs.stdout));
    expect(ours.code).toBe(theirs.code);
    if (theirs.code === 0) expect(sortedLines(ours.stderr)).toEqual(sortedLines(theirs.stderr));
  });

  it('without --prefix: the same lines (10 per container unless --tail says otherwise), in some order', async () => {
    const ours = await podscope('-n', 'lab', '-l', 'app=fleet');
    const theirs = await kubectl.run('logs', '-n', 'lab', '-l', 'app=fleet');
    expect(sortedLines(ours.stdout)).toEqual(sortedLines(theirs.stdout));
    expect(sortedLines(ours.stdout).filter((line) => line.includes('web tick'))).toHaveLength(20);
    expect(sortedLines(ours.stderr)).toEqual(sortedLines(theirs.stderr));
    expect(ours.stderr).toContain('Defaulted container "alpha" out of: alpha, beta');
  });

  it('a selector that matches nothing: the same notice on stderr, nothing on stdout, success', async () => {
    const ours = await podscope('-n', 'lab', '-l', 'app=nothing');
    const theirs = await kubectl.run('logs', '-n', 'lab', '-l', 'app=nothing');
    expect(theirs).toEqual({ code: 0, stdout: '', stderr: 'No resources found in lab namespace.\n' });
    expect(ours).toEqual(theirs);
  });

  it.each([
    [['-l', 'app=fleet', '-f', '--all-containers', '--max-log-requests', '3'], 'you are attempting to follow 4 log streams, but maximum allowed concurrency is 3, use --max-log-requests to increase the limit'],
    [['-l', 'app=fleet', '-c', 'web'], 'container web is not valid for pod fleet-c'],
    [['fleet-a', '-l', 'app=fleet'], 'only a selector (-l) or a POD name is allowed'],
  ])('%j fails like kubectl, with its sentence', async (args, sentence) => {
    const ours = await podscope('-n', 'lab', ...args);
    const theirs = await kubectl.run('logs', '-n', 'lab', ...args);
    expect(theirs.code).toBe(1);
    expect(theirs.stderr).toContain(sentence);
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr.split('\n').filter((line) => line.startsWith('podscope: '))).toEqual([`podscope: ${sentence}`]);
  });

  it('-f --prefix: the same lines per stream as the clock moves, and both end when the pods are deleted', async () => {
    const follow = (command: string, args: string[]) => {
      const child = spawn(command, args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      const run = { stdout: '', stderr: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
      child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
      return run;
    };
    const common = ['-n', 'lab', '-l', 'app=fleet', '-f', '--prefix', '--tail', '2', '--all-containers'];
    const ours = follow(process.execPath, [binPath, 'logs', ...common, '--kubeconfig', demo.kubeconfigPath]);
    const theirs = follow(kubectlBinary ?? 'kubectl', ['--kubeconfig', demo.kubeconfigPath, '--cache-dir', join(scratch, 'cache'), 'logs', ...common]);
    const lineCount = (text: string): number => text.split('\n').length - 1;
    for (const run of [ours, theirs]) await expect.poll(() => lineCount(run.stdout), { timeout: 30_000, interval: 50 }).toBe(8);
    clock.advance(3000);
    // web ticks every second (3 more lines each), alpha every 2 s, beta every 3 s.
    for (const run of [ours, theirs]) await expect.poll(() => lineCount(run.stdout), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(8 + 3 + 3 + 1);
    for (const name of ['fleet-a', 'fleet-b', 'fleet-c']) {
      expect((await kubectl.run('delete', 'pod', name, '-n', 'lab', '--wait=false')).code).toBe(0);
    }
    for (let waited = 0; ['fleet-a', 'fleet-b', 'fleet-c'].some((name) => demo.store.get({ resource: 'pods', namespace: 'lab', name }) !== undefined); waited += 100) {
      if (waited > 60_000) throw new Error('the fleet pods were not deleted');
      clock.advance(100);
    }
    expect(await theirs.exited).toBe(0);
    expect(await ours.exited).toBe(0);
    expect(byPrefix(ours.stdout)).toEqual(byPrefix(theirs.stdout));
    expect(Object.keys(byPrefix(ours.stdout)).sort()).toEqual(['[pod/fleet-a/web] ', '[pod/fleet-b/web] ', '[pod/fleet-c/alpha] ', '[pod/fleet-c/beta] ']);
    expect(ours.stderr).toBe(theirs.stderr);
  });
});
