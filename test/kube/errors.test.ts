import { createServer } from 'node:net';
import { ApiException, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { describeKubeError } from '../../src/kube/errors.js';
import { readFixtureText } from '../helpers/fixtures.js';

/** What client-node 1.x throws for a non-2xx answer: the code and the body text. */
function apiException(fixture: string): ApiException<string> {
  const code = Number(readFixtureText(`errors/${fixture}.status`).trim());
  return new ApiException(code, 'Unknown API Status Code!', readFixtureText(`errors/${fixture}`), {});
}

function systemError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code, type: 'system' });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('describeKubeError on recorded Status bodies', () => {
  it('401 names the user and context to check', () => {
    expect(describeKubeError(apiException('bad-token.json'), { user: 'alice', context: 'prod' })).toEqual({
      kind: 'unauthorized',
      status: 401,
      message: 'the server refused the credentials (401 Unauthorized) — check the user "alice" in context "prod"',
    });
    // The typed list calls throw a 401 without its body.
    const bare = new ApiException(401, 'Unauthorized', undefined, {});
    expect(describeKubeError(bare).message).toBe('the server refused the credentials (401 Unauthorized) — check the user in your kubeconfig');
  });

  it('403 is the server own message', () => {
    expect(describeKubeError(apiException('forbidden-list-pods.json'))).toEqual({
      kind: 'forbidden',
      status: 403,
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "lab"',
    });
    expect(describeKubeError(apiException('forbidden-list-namespaces.json')).message).toBe(
      'namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    expect(describeKubeError(apiException('unauthenticated.json')).message).toContain('User "system:anonymous" cannot list');
    expect(describeKubeError(apiException('forbidden-patch-ephemeral.json')).kind).toBe('forbidden');
  });

  it('404 is notFound with the server message', () => {
    expect(describeKubeError(apiException('nosuchpod.json'))).toEqual({ kind: 'notFound', status: 404, message: 'pods "nosuchpod" not found' });
  });

  it('a watch ERROR event carrying 410 is expired', () => {
    const line = readFixtureText('watch/lab-pods-watch-from-rv1.jsonl').trim();
    const event = JSON.parse(line) as { type: string; object: unknown };
    expect(event.type).toBe('ERROR');
    expect(describeKubeError(event.object)).toEqual({ kind: 'expired', status: 410, message: 'too old resource version: 1 (487)' });
  });

  it('the Watch class error (statusCode, no body) still gets its kind', () => {
    const err = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(describeKubeError(err, { what: 'watch pods in lab' })).toEqual({
      kind: 'forbidden',
      status: 403,
      message: 'cannot watch pods in lab: forbidden (403)',
    });
  });

  it('a non-JSON error body (from a proxy) becomes the message', () => {
    const err = new ApiException(502, 'Unknown API Status Code!', '<html>Bad Gateway</html>\nmore', {});
    expect(describeKubeError(err, { what: 'list pods' })).toEqual({ kind: 'other', status: 502, message: 'cannot list pods: <html>Bad Gateway</html> (502)' });
  });
});

describe('describeKubeError on connection failures', () => {
  it('a refused connection from a real request', async () => {
    const server = `http://127.0.0.1:${await closedPort()}`;
    const config = new KubeConfig();
    config.loadFromClusterAndUser({ name: 'c', server, skipTLSVerify: true }, { name: 'u', token: 't' });
    const err = await config
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: 'default' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(describeKubeError(err, { server })).toEqual({ kind: 'unreachable', message: `cannot reach ${server}: connection refused` });
  });

  it('DNS, reset and timeout', () => {
    const ctx = { server: 'https://k8s.example:6443' };
    expect(describeKubeError(systemError('ENOTFOUND'), ctx).message).toBe('cannot reach https://k8s.example:6443: host not found');
    expect(describeKubeError(systemError('ECONNRESET'), ctx)).toMatchObject({ kind: 'unreachable', message: 'cannot reach https://k8s.example:6443: connection reset' });
    expect(describeKubeError(systemError('ETIMEDOUT'), ctx)).toEqual({ kind: 'timeout', message: 'cannot reach https://k8s.example:6443: connection timed out' });
    // undici-style: the code sits on `cause`.
    const wrapped = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') });
    expect(describeKubeError(wrapped).message).toBe('cannot reach the API server: connection refused');
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(describeKubeError(aborted, ctx)).toEqual({ kind: 'timeout', message: 'cannot reach https://k8s.example:6443: the request timed out' });
  });

  it('TLS failures say what is wrong with the certificate', () => {
    const ctx = { server: 'https://10.0.0.1:6443' };
    expect(describeKubeError(systemError('DEPTH_ZERO_SELF_SIGNED_CERT'), ctx)).toEqual({
      kind: 'tls',
      message:
        "cannot connect securely to https://10.0.0.1:6443: the server's certificate is self-signed and not trusted (check certificate-authority in the kubeconfig)",
    });
    expect(describeKubeError(systemError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), ctx).message).toContain('signed by an unknown authority');
    expect(describeKubeError(systemError('ERR_TLS_CERT_ALTNAME_INVALID'), ctx).message).toContain('not valid for this host name');
  });

  it('anything else keeps only its first line', () => {
    expect(describeKubeError(new Error('boom\n    at somewhere'), { what: 'list pods' })).toEqual({ kind: 'other', message: 'cannot list pods: boom' });
    expect(describeKubeError('plain text')).toEqual({ kind: 'other', message: 'plain text' });
  });
});
