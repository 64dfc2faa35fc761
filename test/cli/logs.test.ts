import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { manualClock, type ManualClock } from '../../src/demo/clock.js';
import { applyPodDefaults } from '../../src/demo/controlPlane/index.js';
import { labPods } from '../../src/demo/controlPlane/scenario/labPods.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { findKubectl, kubectlFor, type Kubectl } from '../conformance/kubectlRunner.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

const kubectlBinary = findKubectl();
if (kubectlBinary === undefined) console.warn('kubectl is not on PATH: skipping the podscope logs vs kubectl logs comparison');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let demo: DemoCluster;
let clock: ManualClock;
let scratch: string;
let kubectl: Kubectl;

function podscope(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, 'logs', ...args, '--kubeconfig', demo.kubeconfigPath],
      { env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8', HOME: scratch }, timeout: 30_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

function restartCount(pod: string): number {
  const object = demo.store.get({ resource: 'pods', namespace: 'lab', name: pod });
  const statuses = ((object?.['status'] as JsonObject | undefined)?.['containerStatuses'] as JsonObject[] | undefined) ?? [];
  const running = (statuses[0]?.['state'] as JsonObject | undefined)?.['running'] !== undefined;
  return running ? Number(statuses[0]?.['restartCount'] ?? 0) : 0;
}

beforeAll(async () => {
  // Time stands still unless the test moves it, so both tools read the same log.
  clock = manualClock(new Date('2026-11-23T09:13:00Z'));
  demo = await startDemoCluster({ namespace: 'lab', clock, scenario: false });
  for (const manifest of labPods) {
    const name = (manifest['metadata'] as { name: string }).name;
    if (['web', 'crashy', 'duo', 'initwait', 'badimage'].includes(name)) demo.store.create('pods', applyPodDefaults(manifest));
  }
  for (let waited = 0; restartCount('crashy') < 1; waited += 100) {
    if (waited > 120_000) throw new Error('crashy did not restart');
    clock.advance(100);
  }
  clock.advance(1500);
  scratch = mkdtempSync(join(tmpdir(), 'podscope-logs-cli-'));
  kubectl = kubectlFor(kubectlBinary ?? 'kubectl', demo.kubeconfigPath, scratch);
});

afterAll(async () => {
  await demo?.close();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(kubectlBinary === undefined)('podscope logs prints what kubectl logs prints', () => {
  it.each([
    [['web']],
    [['web', '--tail', '5']],
    [['web', '--timestamps', '--tail', '3']],
    [['web', '--since', '3s']],
    [['crashy', '-p']],
    [['crashy', '--previous', '--timestamps']],
    [['duo', '-c', 'beta', '--tail', '2']],
    [['duo', '--tail', '2']],
    [['duo', '--all-containers']],
    [['initwait', '-c', 'init-ok']],
    // Not ['initwait', '--all-containers', ...]: kubectl's own output there depends on which of its
    // concurrent requests fails first (main is still waiting to start), so it is not a stable oracle.
    [['initwait']],
  ])('%j: same stdout (byte for byte; --all-containers: in any container order), same exit code', async (args) => {
    const ours = await podscope('-n', 'lab', ...args);
    const theirs = await kubectl.run('logs', '-n', 'lab', ...args);
    if (args.includes('--all-containers')) {
      // kubectl fetches the containers concurrently and prints them in whatever order they answer;
      // podscope prints them in spec order. The same containers' logs, whole, is the contract.
      expect(ours.stdout.split('\n').sort()).toEqual(theirs.stdout.split('\n').sort());
    } else {
      expect(ours.stdout).toBe(theirs.stdout);
    }
    expect(ours.code).toBe(theirs.code);
    if (theirs.code === 0) expect(ours.stderr).toBe(theirs.stderr);
  });

  it.each([
    [['initwait', '-c', 'main'], 'container "main" in pod "initwait" is waiting to start: PodInitializing'],
    [['badimage'], 'container "bad" in pod "badimage" is waiting to start: ErrImageNeverPull'],
    [['web', '-p'], 'previous terminated container "web" in pod "web" not found'],
    [['web', '-c', 'nope'], 'container nope is not valid for pod web'],
    [['nosuchpod'], 'pods "nosuchpod" not found'],
  ])('%j fails like kubectl with the server sentence as one line', async (args, sentence) => {
    const ours = await podscope('-n', 'lab', ...args);
    const theirs = await kubectl.run('logs', '-n', 'lab', ...args);
    expect(theirs.stderr).toContain(sentence);
    expect(ours).toEqual({ code: 1, stdout: '', stderr: `podscope: ${sentence}\n` });
  });

  it('-f keeps printing as the clock moves, like kubectl -f', async () => {
    const child = execFile(process.execPath, [binPath, 'logs', 'web', '-n', 'lab', '-f', '--tail', '1', '--kubeconfig', demo.kubeconfigPath], {
      env: { PATH: process.env['PATH'] ?? '', HOME: scratch },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    try {
      await expect.poll(() => stdout.split('\n').length, { timeout: 30_000, interval: 50 }).toBe(2);
      const first = Number(/web tick (\d+)/.exec(stdout)?.[1]);
      clock.advance(2000);
      await expect.poll(() => stdout.split('\n').length, { timeout: 30_000, interval: 50 }).toBe(4);
      expect([...stdout.matchAll(/web tick (\d+)/g)].map((match) => Number(match[1]))).toEqual([first, first + 1, first + 2]);
    } finally {
      child.kill();
    }
  });
});
