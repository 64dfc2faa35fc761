import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadClusterConfig } from '../../src/kube/kubeconfig.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-kubeconfig-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Entry {
  cluster?: [name: string, server: string];
  user?: [name: string, token: string];
  context?: [name: string, cluster: string, user: string, namespace?: string];
}

function kubeconfig(file: string, entries: Entry[], currentContext?: string): string {
  const path = join(dir, file);
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const { cluster } of entries) if (cluster) lines.push(`- name: ${cluster[0]}`, '  cluster:', `    server: ${cluster[1]}`);
  lines.push('users:');
  for (const { user } of entries) if (user) lines.push(`- name: ${user[0]}`, '  user:', `    token: ${user[1]}`);
  lines.push('contexts:');
  for (const { context } of entries) {
    if (!context) continue;
    lines.push(`- name: ${context[0]}`, '  context:', `    cluster: ${context[1]}`, `    user: ${context[2]}`);
    if (context[3]) lines.push(`    namespace: ${context[3]}`);
  }
  if (currentContext) lines.push(`current-context: ${currentContext}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const env = (KUBECONFIG?: string): NodeJS.ProcessEnv => (KUBECONFIG === undefined ? {} : { KUBECONFIG });

function configError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadClusterConfig', () => {
  it('reads the --kubeconfig file, its current context and the context namespace', () => {
    const path = kubeconfig(
      'flag.yaml',
      [{ cluster: ['lab', 'https://10.0.0.1:6443'], user: ['admin', 't1'], context: ['lab-admin', 'lab', 'admin', 'lab'] }],
      'lab-admin',
    );
    const other = kubeconfig('env.yaml', [{ cluster: ['x', 'https://x'], user: ['x', 'x'], context: ['x', 'x', 'x'] }], 'x');
    const config = loadClusterConfig({ kubeconfig: path, env: env(other), home: dir });
    expect(config).toMatchObject({
      contextName: 'lab-admin',
      clusterName: 'lab',
      server: 'https://10.0.0.1:6443',
      user: 'admin',
      namespace: 'lab',
      sources: [path],
    });
    expect(config.kubeConfig.getCurrentContext()).toBe('lab-admin');
    expect(config.kubeConfig.getCurrentUser()?.token).toBe('t1');
  });

  it('lets --context and --namespace override the file, and defaults the namespace to "default"', () => {
    const path = kubeconfig(
      'two.yaml',
      [
        { cluster: ['a', 'https://a'], user: ['ua', 'ta'], context: ['ctx-a', 'a', 'ua', 'apps'] },
        { cluster: ['b', 'https://b'], user: ['ub', 'tb'], context: ['ctx-b', 'b', 'ub'] },
      ],
      'ctx-a',
    );
    const b = loadClusterConfig({ kubeconfig: path, context: 'ctx-b', env: env(), home: dir });
    expect(b).toMatchObject({ contextName: 'ctx-b', server: 'https://b', user: 'ub', namespace: 'default' });
    expect(b.kubeConfig.getCurrentCluster()?.server).toBe('https://b');
    expect(loadClusterConfig({ kubeconfig: path, namespace: 'kube-system', env: env(), home: dir }).namespace).toBe('kube-system');
  });

  it('merges a $KUBECONFIG list like kubectl: first definition of a name wins, first current-context wins, missing files skipped', () => {
    const first = kubeconfig('first.yaml', [
      { cluster: ['shared', 'https://first'], user: ['u', 'from-first'] },
      { context: ['one', 'shared', 'u'] },
    ]);
    const second = kubeconfig(
      'second.yaml',
      [{ cluster: ['shared', 'https://second'], user: ['u', 'from-second'], context: ['two', 'shared', 'u', 'ns2'] }],
      'two',
    );
    const third = kubeconfig('third.yaml', [{ context: ['three', 'shared', 'u'] }], 'three');
    const missing = join(dir, 'missing.yaml');
    const config = loadClusterConfig({ env: env([missing, first, second, third].join(':')), home: dir });
    expect(config).toMatchObject({ contextName: 'two', server: 'https://first', namespace: 'ns2', sources: [first, second, third] });
    expect(config.kubeConfig.getCurrentUser()?.token).toBe('from-first');
    expect(config.kubeConfig.getContexts().map((context) => context.name)).toEqual(['one', 'two', 'three']);
  });

  it('falls back to ~/.kube/config when neither flag nor $KUBECONFIG is set', () => {
    mkdirSync(join(dir, '.kube'));
    const path = join(dir, '.kube', 'config');
    writeFileSync(
      path,
      'clusters:\n- name: home\n  cluster:\n    server: https://home\ncontexts:\n- name: home\n  context:\n    cluster: home\ncurrent-context: home\n',
    );
    const config = loadClusterConfig({ env: env(), home: dir });
    expect(config).toMatchObject({ contextName: 'home', server: 'https://home', user: '', namespace: 'default', sources: [path] });
    expect(loadClusterConfig({ env: env(''), home: dir }).sources).toEqual([path]);
  });

  it('accepts plain http:// servers as kubectl does (client-node alone refuses them)', async () => {
    const path = kubeconfig('http.yaml', [{ cluster: ['local', 'http://127.0.0.1:8080'], user: ['me', 't'], context: ['local', 'local', 'me'] }], 'local');
    const { kubeConfig } = loadClusterConfig({ kubeconfig: path, env: env(), home: dir });
    // This is where client-node builds the HTTP agent and throws for http:// without insecure-skip-tls-verify.
    await expect(kubeConfig.applyToFetchOptions({})).resolves.toBeDefined();
  });

  it('resolves relative certificate paths against the kubeconfig file', () => {
    const path = join(dir, 'certs.yaml');
    mkdirSync(join(dir, 'pki'), { recursive: true });
    for (const name of ['ca.crt', 'u.crt', 'u.key']) writeFileSync(join(dir, 'pki', name), '');
    writeFileSync(
      path,
      'clusters:\n- name: c\n  cluster:\n    server: https://c\n    certificate-authority: pki/ca.crt\n' +
        'users:\n- name: u\n  user:\n    client-certificate: pki/u.crt\n    client-key: pki/u.key\n' +
        'contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n',
    );
    const { kubeConfig } = loadClusterConfig({ kubeconfig: path, env: env(), home: dir });
    expect(kubeConfig.getCurrentCluster()?.caFile).toBe(join(dir, 'pki', 'ca.crt'));
    expect(kubeConfig.getCurrentUser()?.keyFile).toBe(join(dir, 'pki', 'u.key'));
  });

  describe('errors are one clear line', () => {
    it('a proxy-url that is not a URL, or of a scheme no client speaks', () => {
      const write = (proxy: string) => {
        const path = join(dir, 'proxy.yaml');
        writeFileSync(path, `clusters:\n- name: c\n  cluster:\n    server: https://c\n    proxy-url: ${proxy}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n`);
        return path;
      };
      expect(configError(() => loadClusterConfig({ kubeconfig: write('not a url'), env: env(), home: dir }))).toBe('proxy-url of cluster "c" is not a URL: not a url');
      expect(configError(() => loadClusterConfig({ kubeconfig: write('ftp://proxy:21'), env: env(), home: dir }))).toBe(
        'proxy-url of cluster "c" has an unsupported scheme ftp: (use http, https or socks5)',
      );
      expect(loadClusterConfig({ kubeconfig: write('http://127.0.0.1:3128'), env: env(), home: dir }).kubeConfig.getCurrentCluster()?.proxyUrl).toBe('http://127.0.0.1:3128');
    });

    it('no kubeconfig anywhere', () => {
      expect(configError(() => loadClusterConfig({ env: env(), home: dir }))).toBe(
        'no kubeconfig found (looked at $KUBECONFIG / ~/.kube/config); try: podscope --demo',
      );
      const a = join(dir, 'a');
      const b = join(dir, 'b');
      expect(configError(() => loadClusterConfig({ env: env(`${a}:${b}`), home: dir }))).toBe(
        `no kubeconfig found (looked at $KUBECONFIG: ${a}, ${b}); try: podscope --demo`,
      );
    });

    it('an unreadable file', () => {
      const missing = join(dir, 'nope.yaml');
      expect(configError(() => loadClusterConfig({ kubeconfig: missing, env: env(), home: dir }))).toBe(
        `cannot read kubeconfig ${missing}: no such file`,
      );
      expect(configError(() => loadClusterConfig({ kubeconfig: dir, env: env(), home: dir }))).toBe(
        `cannot read kubeconfig ${dir}: it is a directory`,
      );
      if (process.getuid?.() !== 0) {
        const locked = kubeconfig('locked.yaml', []);
        chmodSync(locked, 0o000);
        expect(configError(() => loadClusterConfig({ env: env(locked), home: dir }))).toBe(
          `cannot read kubeconfig ${locked}: permission denied`,
        );
      }
    });

    it('invalid YAML or structure', () => {
      const broken = join(dir, 'broken.yaml');
      writeFileSync(broken, 'clusters:\n- name: a\n   cluster: [\n');
      const message = configError(() => loadClusterConfig({ kubeconfig: broken, env: env(), home: dir }));
      expect(message).toMatch(new RegExp(`^kubeconfig ${broken} is not valid: \\S`));
      expect(message).not.toContain('\n');
      const noServer = join(dir, 'noserver.yaml');
      writeFileSync(noServer, 'clusters:\n- name: a\n  cluster: {}\n');
      expect(configError(() => loadClusterConfig({ kubeconfig: noServer, env: env(), home: dir }))).toBe(
        `kubeconfig ${noServer} is not valid: clusters[0].cluster.server is missing`,
      );
    });

    it('an unknown context lists the available ones', () => {
      const path = kubeconfig(
        'ctx.yaml',
        [
          { cluster: ['c', 'https://c'], user: ['u', 't'], context: ['a', 'c', 'u'] },
          { context: ['b', 'c', 'u'] },
        ],
        'gone',
      );
      expect(configError(() => loadClusterConfig({ kubeconfig: path, context: 'x', env: env(), home: dir }))).toBe(
        'context "x" not found in kubeconfig (available: a, b)',
      );
      expect(configError(() => loadClusterConfig({ kubeconfig: path, env: env(), home: dir }))).toBe(
        'context "gone" not found in kubeconfig (available: a, b)',
      );
    });

    it('no current context says so and lists the contexts', () => {
      const path = kubeconfig('nocurrent.yaml', [{ cluster: ['c', 'https://c'], user: ['u', 't'], context: ['a', 'c', 'u'] }]);
      expect(configError(() => loadClusterConfig({ kubeconfig: path, env: env(), home: dir }))).toBe(
        'no current context is set in kubeconfig; choose one with --context (available: a)',
      );
      const empty = join(dir, 'empty.yaml');
      writeFileSync(empty, '# nothing yet\n');
      expect(configError(() => loadClusterConfig({ kubeconfig: empty, env: env(), home: dir }))).toBe(
        'no current context is set in kubeconfig; choose one with --context (available: none)',
      );
    });

    it('a context naming a cluster or user that does not exist', () => {
      const path = kubeconfig('dangling.yaml', [{ cluster: ['c', 'https://c'], context: ['a', 'c', 'ghost'] }, { context: ['b', 'nowhere', 'ghost'] }], 'a');
      expect(configError(() => loadClusterConfig({ kubeconfig: path, env: env(), home: dir }))).toBe(
        'user "ghost" of context "a" not found in kubeconfig',
      );
      expect(configError(() => loadClusterConfig({ kubeconfig: path, context: 'b', env: env(), home: dir }))).toBe(
        'cluster "nowhere" of context "b" not found in kubeconfig',
      );
    });
  });
});
