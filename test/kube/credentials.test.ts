import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../src/demo/selfSignedCertificate.js';
import { ClusterConnectError, connectCluster } from '../../src/kube/clusterSession.js';
import { ConfigError, type ClusterConfig } from '../../src/kube/kubeconfig.js';
import { eventually } from './demoHarness.js';
import { FaultServer, sendStatus } from './faultServer.js';

let dir: string;
const servers: FaultServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-credentials-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(tls?: Parameters<typeof FaultServer.start>[0]): Promise<FaultServer> {
  const server = await FaultServer.start(tls);
  servers.push(server);
  return server;
}

const authorizations = (server: FaultServer) => server.requests.map((request) => request.headers.authorization);

/** Lists and watches pods of lab through a session, then reads one pod with the typed API. */
async function exercise(config: ClusterConfig): Promise<void> {
  const session = await connectCluster(config, { timeoutMs: 5_000 });
  try {
    const store = session.podStore({ namespace: 'lab' });
    await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }));
    await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
  } finally {
    session.close();
  }
}

/** A credential plugin: a node script that prints `output` (or misbehaves), recording each run. */
function plugin(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!${process.execPath}\nconst fs = require('node:fs');\nfs.appendFileSync(${JSON.stringify(`${path}.runs`)}, process.pid + '\\n');\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const runsOf = (path: string): number[] => (existsSync(`${path}.runs`) ? readFileSync(`${path}.runs`, 'utf8').split('\n').filter(Boolean).map(Number) : []);

function execUser(command: string, extra: string[] = []): string[] {
  return ['    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', `      command: ${command}`, ...extra];
}

describe('tokenFile', () => {
  it('sends the token of the file (it went out anonymous before), and a rotated token from the next request on', async () => {
    const server = await start();
    writeFileSync(join(dir, 'token'), 'first-token\n');
    const config = server.config(dir, { user: ['    tokenFile: token'] });
    const session = await connectCluster(config);
    try {
      const store = session.podStore({ namespace: 'lab' });
      await eventually(() => expect(server.count('watch')).toBe(1));
      expect(new Set(authorizations(server))).toEqual(new Set(['Bearer first-token']));
      writeFileSync(join(dir, 'token'), 'second-token\n');
      const before = server.requests.length;
      await (await session.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'web' });
      expect(authorizations(server).slice(before)).toEqual(['Bearer second-token']);
    } finally {
      session.close();
    }
  });

  it('a store refused with 401 tries again with the rotated token instead of giving up', async () => {
    const server = await start();
    writeFileSync(join(dir, 'rotating'), 'old-token');
    let accepted = 'Bearer old-token';
    const refuseOthers = (handler: typeof server.watch): typeof server.watch => (request, response, fault) => {
      if (request.headers.authorization !== accepted) return sendStatus(response, 401, 'Unauthorized');
      handler(request, response, fault);
    };
    server.list = refuseOthers(server.list);
    const watches: Array<{ destroy(): void }> = [];
    server.watch = refuseOthers((request, response, fault) => {
      watches.push(fault.quietWatch(request, response));
    });
    const session = await connectCluster(server.config(dir, { user: ['    tokenFile: rotating'] }), { storeTuning: { backoff: { initialMs: 200, maxMs: 400 } } });
    try {
      const store = session.podStore({ namespace: 'lab' });
      await eventually(() => expect(watches).toHaveLength(1));
      // The server's keys rotate: it drops its watches and refuses the old token.
      accepted = 'Bearer new-token';
      for (const watch of watches) watch.destroy();
      await eventually(() => expect(store.connection()).toMatchObject({ kind: 'reconnecting', error: expect.stringContaining('401') }));
      writeFileSync(join(dir, 'rotating'), 'new-token');
      await eventually(() => expect(store.connection()).toEqual({ kind: 'live' }));
      expect(store.snapshot()).toHaveLength(6);
    } finally {
      session.close();
    }
  });

  it('a token file that cannot be read is one clear line', async () => {
    const server = await start();
    const config = server.config(dir, { user: ['    tokenFile: /nonexistent/podscope-token'] });
    await expect(connectCluster(config)).rejects.toMatchObject({ message: 'cannot read the token file /nonexistent/podscope-token: no such file', kind: 'credentials' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('client certificates', () => {
  const serverCert = createSelfSignedCertificate('fault-server');
  const clientCert = createSelfSignedCertificate('alice');
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const tls = { cert: serverCert.cert, key: serverCert.key, ca: clientCert.cert, requestCert: true, rejectUnauthorized: true };
  const trust = [`    certificate-authority-data: ${b64(serverCert.cert)}`];

  it('from -data fields and from files (relative to the kubeconfig), for lists, watches and typed calls', async () => {
    const server = await start(tls);
    await exercise(server.config(dir, { cluster: trust, user: [`    client-certificate-data: ${b64(clientCert.cert)}`, `    client-key-data: ${b64(clientCert.key)}`] }));
    writeFileSync(join(dir, 'alice.crt'), clientCert.cert);
    writeFileSync(join(dir, 'alice.key'), clientCert.key);
    await exercise(server.config(dir, { cluster: trust, user: ['    client-certificate: alice.crt', '    client-key: alice.key'] }));
    expect(server.requests.length).toBeGreaterThanOrEqual(8);
    expect(new Set(server.requests.map((request) => request.clientCertificate))).toEqual(new Set(['alice']));
  });

  it('a certificate file that is missing is named before anything is sent', async () => {
    const server = await start(tls);
    expect(() => server.config(dir, { cluster: trust, user: ['    client-certificate: missing.crt', '    client-key: alice.key'] })).toThrow(
      new ConfigError(`cannot read the client-certificate of user "tester" (${join(dir, 'missing.crt')}): no such file`),
    );
  });

  it('without one, the server refuses the handshake: a clear line, no stack', async () => {
    const server = await start(tls);
    const error = await connectCluster(server.config(dir, { cluster: trust }), { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as Error).message).toMatch(/^cannot (reach|connect securely to) https:\/\/127\.0\.0\.1:\d+/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('from an exec plugin', async () => {
    const server = await start(tls);
    const credential = { apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { clientCertificateData: clientCert.cert, clientKeyData: clientCert.key } };
    const command = plugin('cert-plugin', `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});`);
    await exercise(server.config(dir, { cluster: trust, user: execUser(command) }));
    expect(new Set(server.requests.map((request) => request.clientCertificate))).toEqual(new Set(['alice']));
  });
});

describe('exec credential plugins', () => {
  it('runs the plugin once for many requests, with KUBERNETES_EXEC_INFO, and sends its token', async () => {
    const server = await start();
    const command = plugin(
      'token-plugin',
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status: { token: 'exec-token-' + process.env.TEAM + '-' + info.spec.interactive, expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() } }));`,
    );
    await exercise(server.config(dir, { user: execUser(command, ['      env:', '      - name: TEAM', '        value: blue']) }));
    expect(new Set(authorizations(server))).toEqual(new Set(['Bearer exec-token-blue-false']));
    expect(runsOf(command)).toHaveLength(1);
  });

  it('runs it again once its credential has expired', async () => {
    const server = await start();
    const command = plugin('expiring-plugin', `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 't', expirationTimestamp: new Date(Date.now() + 5e3).toISOString() } }));`);
    const config = server.config(dir, { user: execUser(command) });
    const coreApi = config.kubeConfig.makeApiClient(CoreV1Api);
    await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    await coreApi.readNamespacedPod({ namespace: 'lab', name: 'web' });
    // Valid for 5 s, renewed 10 s before it expires: every request runs it.
    expect(runsOf(command)).toHaveLength(2);
  });

  it('a plugin that hangs is stopped after the timeout, with a clear line instead of a freeze', async () => {
    const server = await start();
    const command = plugin('hanging-plugin', 'setInterval(() => {}, 1000);');
    const error = await connectCluster(server.config(dir, { user: execUser(command), execTimeoutMs: 1_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect((error as ClusterConnectError).message).toBe(`the credential plugin "${command}" of user "tester" did not answer within 1 s (is it waiting for input?)`);
    const [pid] = runsOf(command);
    await eventually(() => expect(() => process.kill(pid ?? 0, 0)).toThrow());
    expect(server.requests).toHaveLength(0);
  });

  it("a failing plugin's stderr is shown as one safe line, never raw", async () => {
    const server = await start();
    const command = plugin('failing-plugin', `process.stderr.write('\\n\\x1b]52;c;cm0gLXJmIH4=\\x07error: \\x1b[31mtoken expired\\x1b[0m\\nsecond line\\n'); process.exit(3);`);
    const error = await connectCluster(server.config(dir, { user: execUser(command) })).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toBe(`the credential plugin "${command}" of user "tester" failed (exit 3): ^[]52;c;cm0gLXJmIH4=^Gerror: ^[[31mtoken expired^[[0m`);
    expect(message).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it('a plugin that is not installed says so with its install hint; the store gives up', async () => {
    const server = await start();
    const config = server.config(dir, { user: execUser('podscope-no-such-plugin', ['      installHint: |', '        brew install podscope-auth', '        (see the wiki)']) });
    const error = await connectCluster(config).catch((e: unknown) => e);
    expect((error as Error).message).toBe('the credential plugin "podscope-no-such-plugin" of user "tester" was not found: brew install podscope-auth');
  });

  it('output that is not an ExecCredential is named as such', async () => {
    const server = await start();
    const command = plugin('chatty-plugin', `process.stdout.write('Opening browser at \\x1b]8;;https://evil\\x07login\\x1b]8;;\\x07');`);
    const error = await connectCluster(server.config(dir, { user: execUser(command) })).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`the credential plugin "${command}" of user "tester" printed something that is not an ExecCredential`);
  });
});

describe('auth-provider (where client-node supports it)', () => {
  it('oidc with a valid id-token sends it', async () => {
    const server = await start();
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const idToken = `${part({ alg: 'RS256' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, sub: 'alice' })}.c2ln`;
    await exercise(
      server.config(dir, {
        user: ['    auth-provider:', '      name: oidc', '      config:', '        client-id: podscope', '        idp-issuer-url: https://issuer.invalid', `        id-token: ${idToken}`],
      }),
    );
    expect(new Set(authorizations(server))).toEqual(new Set([`Bearer ${idToken}`]));
  });
});
