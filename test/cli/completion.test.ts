import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionRequest } from '../../src/cli/commands/completionEngine.js';
import { completionCommand } from '../../src/cli/commands/completion.js';
import { commandSpec } from '../../src/cli/commands/completionSpec.js';
import { COMPLETED_COMMANDS } from '../../src/cli/main.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { binPath } from '../e2e/helpers/ptyScreen.js';

const specs = [...COMPLETED_COMMANDS, completionCommand].map(commandSpec);
const request = (...words: string[]) => completionRequest(specs, words);
const values = (...words: string[]): string[] => {
  const answer = request(...words);
  return answer.kind === 'candidates' ? answer.candidates.map((c) => c.value) : [`lookup:${answer.source}`];
};

describe('what completion offers (from the same builders yargs runs)', () => {
  it('commands first, then each command\u2019s own flags', () => {
    expect(values('')).toEqual(['tree', 'why', 'events', 'debug', 'logs', 'demo-server', 'config', 'completion']);
    expect(values('de')).toEqual(['debug', 'demo-server']);
    expect(values('tree', '--')).toEqual(['--kubeconfig', '--context', '--namespace', '--demo', '--seed', '--speed', '--help']);
    expect(values('--re')).toEqual(['--readonly', '--record']);
    expect(values('logs', '-n', 'lab', '-')).not.toContain('--namespace');
    expect(values('logs', '-n', 'lab', '-')).toContain('-c');
  });

  it('flag values: choices, and lookups in the cluster, the kubeconfig, the file system', () => {
    expect(values('debug', 'web', '--profile', 'net')).toEqual(['netadmin']);
    expect(values('debug', 'web', '--profile=b')).toEqual(['--profile=baseline']);
    expect(values('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(values('-n', '')).toEqual(['lookup:namespaces']);
    expect(values('--context', 'pr')).toEqual(['lookup:contexts']);
    expect(values('--kubeconfig', '')).toEqual(['lookup:files']);
    expect(values('debug', 'web', '--image', '')).toEqual(['lookup:images']);
    expect(values('--seed', '')).toEqual([]);
  });

  it('pods for the positional, containers of the pod named, with the cluster flags typed so far', () => {
    expect(request('logs', '--context', 'prod', '-n', 'lab', 'cr')).toMatchObject({ kind: 'lookup', source: 'pods', current: 'cr', cluster: { context: 'prod', namespace: 'lab', demo: false } });
    expect(request('logs', 'crashy', '-n=lab', '-c', '')).toMatchObject({ kind: 'lookup', source: 'containers', pod: 'crashy', cluster: { namespace: 'lab' } });
    // bash splits `-n=lab` at the `=`.
    expect(request('logs', '-n', '=', 'lab', 'cr')).toMatchObject({ kind: 'lookup', source: 'pods', cluster: { namespace: 'lab' } });
    expect(request('logs', '-n', '=')).toMatchObject({ kind: 'lookup', source: 'namespaces', current: '' });
    expect(values('logs', 'crashy', '')).toEqual([]);
    expect(values('debug', 'web', '--', 's')).toEqual([]);
  });
});

describe('each subcommand\u2019s --help lists exactly the flags it takes', () => {
  const help = (args: string[]): Promise<string> =>
    new Promise((resolve, reject) => execFile(process.execPath, [binPath, ...args], { env: { PATH: process.env.PATH ?? '', COLUMNS: '200' } }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
  const flagsIn = (text: string): string[] => [...text.matchAll(/^\s+(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]!).sort();

  for (const spec of specs) {
    it(spec.name === '' ? 'podscope --help' : `podscope ${spec.name} --help`, async () => {
      const text = await help([...(spec.name === '' ? [] : [spec.name]), '--help']);
      expect(flagsIn(text)).toEqual(spec.options.map((o) => o.name).sort());
      // The explorer's and podscope's own flags used to be listed under every subcommand.
      // (`why -A` has an --all-namespaces of its own.)
      if (spec.name !== '') expect(text).not.toMatch(spec.name === 'why' ? /--version|--log-tail/ : /--version|--all-namespaces|--log-tail/);
    });
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-completion-'));
const binDir = join(dir, 'bin');
mkdirSync(binDir);
writeFileSync(join(binDir, 'podscope'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
chmodSync(join(binDir, 'podscope'), 0o755);

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'cache'), ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr }),
    );
  });
}

const complete = (env: Record<string, string>, ...words: string[]): Promise<Run> => run(process.execPath, [binPath, '__complete', ...words], env);

describe('podscope __complete against a cluster', () => {
  let cluster: DemoCluster;
  let stalled: Server;
  const sockets: Socket[] = [];
  let stalledKubeconfig: string;
  let refusedKubeconfig: string;

  const kubeconfigFor = (name: string, server: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: ${name}\n  context:\n    cluster: c\n    user: u\ncurrent-context: ${name}\n`);
    return path;
  };

  beforeAll(async () => {
    cluster = await startDemoCluster({ seed: 1 });
    // A server that accepts connections and never answers: the lookup must give up on its own.
    stalled = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const address = stalled.address();
    stalledKubeconfig = kubeconfigFor('stalled', `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`);
    refusedKubeconfig = kubeconfigFor('refused', 'https://127.0.0.1:1');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => stalled.close(resolve));
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The lookups that must find names get a budget a loaded CI machine can meet (the 1.5 s default is
  // for a person at a Tab); the budget itself is what the dead-cluster and hanging-plugin cases test.
  const patient = { PODSCOPE_COMPLETION_TIMEOUT_MS: '15000' };

  it('namespaces, pods and containers (init and app) come from the cluster; contexts from the kubeconfig', async () => {
    const env = { KUBECONFIG: cluster.kubeconfigPath, ...patient };
    expect((await complete(env, '-n', '')).stdout.split('\n')).toEqual(expect.arrayContaining(['lab', 'shop', 'states', 'kube-system']));
    expect((await complete(env, 'logs', '-n', 'states', 'init')).stdout).toBe('initfail\n');
    expect((await complete(env, 'logs', '-n', 'states', 'initfail', '-c', '')).stdout).toBe('app\nmigrate\n');
    expect((await complete(env, '--namespace=st')).stdout).toBe('--namespace=states\n');
    expect((await complete(env, '--context', '')).stdout).toBe('podscope-demo\npodscope-demo-readonly\n');
  });

  it('fails silently: nothing on stdout or stderr, exit 0, for a dead, silent or unknown cluster', async () => {
    const envs: Record<string, string>[] = [{ KUBECONFIG: refusedKubeconfig }, { KUBECONFIG: stalledKubeconfig }, { KUBECONFIG: join(dir, 'missing') }, {}];
    for (const env of envs) {
      const answer = await complete(env, 'logs', '-n', 'lab', '');
      expect(answer).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // --demo would start a cluster; completion does not.
    expect(await complete({ KUBECONFIG: cluster.kubeconfigPath }, 'logs', '--demo', '')).toEqual({ code: 0, stdout: '', stderr: '' });
    // A pod that is not there has no containers to offer.
    expect(await complete({ KUBECONFIG: cluster.kubeconfigPath }, 'logs', '-n', 'lab', 'nope', '-c', '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the bash script completes through COMP_WORDS, including the bash split of -n=lab', async () => {
    const script = (words: string[]) =>
      `source <(podscope completion bash); COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _podscope_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const env = { KUBECONFIG: cluster.kubeconfigPath, ...patient };
    expect((await run('bash', ['-c', script(['podscope', 'logs', '-n', 'states', 'oo'])], env)).stdout).toBe('oom\n');
    expect((await run('bash', ['-c', script(['podscope', 'logs', '-n', '=', 'states', 'oo'])], env)).stdout).toBe('oom\n');
    expect((await run('bash', ['-c', script(['podscope', 'tr'])], env)).stdout).toBe('tree\n');
    expect((await run('bash', ['-c', script(['podscope', '--kubeconfig', join(dir, 'stal')])], env)).stdout).toBe(`${stalledKubeconfig}\n`);
  });

  it('the bash script as bash calls it: words split at ":" joined again, values quoted, nothing globbed', async () => {
    const kubeconfig = join(dir, 'contexts-kubeconfig');
    const contexts = ['arn:aws:eks:eu-west-1:1:cluster/prod', 'my context', '*'];
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n${contexts.map((name) => `- name: '${name}'\n  context: {cluster: c, user: u}\n`).join('')}current-context: '*'\n`,
    );
    // What bash itself hands the function: COMP_LINE, COMP_POINT, and COMP_WORDS split at COMP_WORDBREAKS (':' its own word).
    const asBash = (line: string): string => {
      const words = line.split(/\s+/).flatMap((word) => word.split(/(:)/).filter((piece) => piece !== ''));
      if (/\s$/.test(line)) words.push('');
      const quoted = words.map((w) => `'${w}'`).join(' ');
      return `source <(podscope completion bash); COMP_LINE='${line}'; COMP_POINT=${line.length}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _podscope_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
    };
    const bash = async (line: string): Promise<string[]> => (await run('bash', ['-c', asBash(`podscope --kubeconfig ${kubeconfig} ${line}`)], {})).stdout.split('\n').filter((l) => l !== '');
    // Only what follows the last ':' is replaced by bash, so that is all the candidate holds.
    expect(await bash('--context arn:aws:eks:eu-west-1:1:cluster/p')).toEqual(['cluster/prod']);
    expect(await bash('--context arn:aws:')).toEqual(['eks:eu-west-1:1:cluster/prod']);
    expect(await bash('--context my')).toEqual(['my\\ context']);
    // '*' is a value, not a pattern for the files here.
    expect(await bash('--context ')).toEqual(['arn:aws:eks:eu-west-1:1:cluster/prod', 'my\\ context', '\\*']);
  });

  it('a credential plugin that hangs (and ignores SIGTERM) neither holds the Tab nor stays behind', async () => {
    const plugin = join(dir, 'hanging-plugin.sh');
    const pidFile = join(dir, 'plugin.pid');
    writeFileSync(plugin, `#!/bin/sh\ntrap '' TERM\necho $$ > '${pidFile}'\nexec sleep 120\n`);
    chmodSync(plugin, 0o755);
    const kubeconfig = join(dir, 'exec-kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${plugin}\n      interactiveMode: Never\ncontexts:\n- name: e\n  context: {cluster: c, user: u}\ncurrent-context: e\n`,
    );
    // The plugin's own timeout is 30 s (and it ignores SIGTERM): an answer within the 20 s bound
    // of run() means completion gave up on its own budget and left.
    expect(await complete({ KUBECONFIG: kubeconfig }, 'logs', '-n', 'lab', '')).toEqual({ code: 0, stdout: '', stderr: '' });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toBe(false);
  }, 40_000);

  it.skipIf(!existsSync('/usr/bin/fish') && !existsSync('/usr/local/bin/fish'))('the fish script (skipped where fish is not installed)', async () => {
    const answer = await run('fish', ['-c', 'podscope completion fish | source; complete -C "podscope logs -n states oo"; complete -C "podscope lo"'], { KUBECONFIG: cluster.kubeconfigPath });
    expect(answer.stdout).toBe("oom\nlogs\tPrint a container's log to stdout, exactly as kubectl logs does\n");
  });

  it.skipIf(!existsSync('/usr/bin/zsh') && !existsSync('/usr/local/bin/zsh'))('the zsh script parses (skipped where zsh is not installed)', async () => {
    const script = join(dir, '_podscope');
    writeFileSync(script, (await run(process.execPath, [binPath, 'completion', 'zsh'], {})).stdout);
    expect(await run('zsh', ['-n', script], {})).toMatchObject({ code: 0, stderr: '' });
  });
});
