import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadClusterConfig } from '../../src/kube/kubeconfig.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath, PtyScreen } from './helpers/ptyScreen.js';
import { waitForPhase } from './helpers/demoPods.js';

const dir = mkdtempSync(join(tmpdir(), 'podscope-config-e2e-'));
const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function podscope(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr }),
    );
  });
}

const MIRROR = `debug:
  image: busybox:1.36
contexts:
  podscope-*:
    debug:
      image: registry.internal/tools/busybox:1.36
      profile: netadmin
      pullPolicy: Never
`;

describe('the config file reaches where its values are used', () => {
  it('the debug form starts with the context\u2019s image, profile and pull policy', async () => {
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab'], cols: 120, rows: 40, env: { PODSCOPE_CONFIG: configFile('mirror.yaml', MIRROR), XDG_STATE_HOME: join(dir, 'state') } });
    screens.push(tui);
    await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 20_000);
    tui.write('G');
    await tui.waitFor((text) => /^lab\/web /m.test(text), 'web selected');
    tui.write('d');
    const form = await tui.waitForText('Pull policy');
    expect(form).toMatch(/Image\s+registry\.internal\/tools\/busybox:1\.36/);
    expect(form).toMatch(/Profile\s+netadmin/);
    expect(form).toMatch(/Pull policy\s+Never/);
    tui.write('\x1b');
    await tui.waitFor((text) => !text.includes('Pull policy'), 'the form to close');
    tui.write('q');
    expect((await tui.waitForExit()).exitCode).toBe(0);
  });

  it('readonly for a context hides the keys that change anything; --no-readonly wins', async () => {
    const readonly = configFile('readonly.yaml', 'contexts:\n  podscope-demo:\n    readonly: true\n');
    const tui = new PtyScreen({ args: ['--demo', '-n', 'lab'], cols: 120, rows: 40, env: { PODSCOPE_CONFIG: readonly } });
    screens.push(tui);
    const screen = await tui.waitFor((text) => /web\s+1\/1\s+Running/.test(text), 'web running', 20_000);
    expect(screen).toContain('read-only');
    expect(screen).not.toMatch(/d debug/);
    tui.write('q');
    await tui.waitForExit();

    const overridden = new PtyScreen({ args: ['--demo', '-n', 'lab', '--no-readonly'], cols: 120, rows: 40, env: { PODSCOPE_CONFIG: readonly } });
    screens.push(overridden);
    const writable = await overridden.waitFor((text) => /web\s+1\/1\s+Running/.test(text) && /d debug/.test(text), 'the debug key offered', 20_000);
    expect(writable).not.toContain('read-only');
    overridden.write('q');
    await overridden.waitForExit();
  });

  it('a broken file stops the explorer with its first problem as file:line:column', async () => {
    const broken = configFile('broken.yaml', 'debug:\n  imagee: busybox\n');
    const run = await podscope(['--demo'], { PODSCOPE_CONFIG: broken });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`podscope: ${broken}:2:3: unknown key "imagee" in debug (known: image, profile, pullPolicy)\n`);
  });
});

describe('podscope debug and podscope config on a cluster', () => {
  let cluster: DemoCluster;
  beforeAll(async () => {
    cluster = await startDemoCluster({ seed: 3 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('podscope debug takes the image, profile and pull policy from the file; flags win', async () => {
    const env = { PODSCOPE_CONFIG: configFile('debug.yaml', MIRROR), XDG_STATE_HOME: join(dir, 'state') };
    const coreApi = loadClusterConfig({ kubeconfig: cluster.kubeconfigPath }).kubeConfig.makeApiClient(CoreV1Api);
    await waitForPhase(coreApi, 'lab', 'web', 'Running');
    const configured = await podscope(['debug', 'web', '-n', 'lab', '--kubeconfig', cluster.kubeconfigPath, '--no-attach'], env);
    expect(configured.stderr).toBe('');
    const flagged = await podscope(['debug', 'web', '-n', 'lab', '--kubeconfig', cluster.kubeconfigPath, '--no-attach', '--image', 'alpine:3.20', '--profile', 'baseline'], env);
    expect(flagged.code).toBe(0);
    const pod = await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    const byName = new Map((pod.spec?.ephemeralContainers ?? []).map((c) => [c.name, c]));
    const first = byName.get(configured.stdout.trim());
    expect(first).toMatchObject({ image: 'registry.internal/tools/busybox:1.36', imagePullPolicy: 'Never', securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } });
    const second = byName.get(flagged.stdout.trim());
    expect(second).toMatchObject({ image: 'alpine:3.20', imagePullPolicy: 'Never' });
    expect(second?.securityContext).toBeUndefined();
  });

  it('podscope debug refuses on a read-only context, naming the line that says so', async () => {
    const path = configFile('ro.yaml', 'contexts:\n  podscope-demo:\n    readonly: true\n');
    const run = await podscope(['debug', 'web', '-n', 'lab', '--kubeconfig', cluster.kubeconfigPath, '--no-attach'], { PODSCOPE_CONFIG: path });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`podscope: context podscope-demo is read-only (${path}:3 (contexts.podscope-demo)); --no-readonly overrides it\n`);
  });

  it('podscope config shows each effective value and where it came from', async () => {
    const path = configFile('shown.yaml', MIRROR + 'logs:\n  maxBytes: 64MiB\n');
    const run = await podscope(['config', '--kubeconfig', cluster.kubeconfigPath], { PODSCOPE_CONFIG: path });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([`config file: ${path}`, "context: podscope-demo (the kubeconfig's current context)"]);
    const rows = Object.fromEntries(lines.slice(4).map((line) => [line.split(/\s+/)[0], line.split(/\s{3,}/).slice(1)]));
    expect(rows['debug.image']).toEqual(['registry.internal/tools/busybox:1.36', `${path}:6 (contexts.podscope-*)`]);
    expect(rows['debug.pullPolicy']).toEqual(['Never', `${path}:8 (contexts.podscope-*)`]);
    expect(rows['logs.maxBytes']).toEqual(['67108864 (64 MiB)', `${path}:10`]);
    expect(rows['logs.tail']).toEqual(['500', 'default']);
    expect(rows['readonly']).toEqual(['false', 'default']);

    const broken = configFile('two-problems.yaml', 'readonly: maybe\nlogs:\n  tail: many\n');
    const failed = await podscope(['config'], { PODSCOPE_CONFIG: broken });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trimEnd().split('\n')).toEqual([
      `${broken}:1:11: readonly must be true or false, not "maybe"`,
      `${broken}:3:9: logs.tail must be a whole number of at least 0, not "many"`,
      `podscope: 2 problems in ${broken}`,
    ]);
  });
});
