import type { KubeConfig, User } from '@kubernetes/client-node';
import type { ExecPlugin } from './execPlugin.js';
import type { TokenFileSource } from './tokenFile.js';

export type CredentialSource = { kind: 'tokenFile'; source: TokenFileSource } | { kind: 'exec'; plugin: ExecPlugin };

/** Not exported by the package index; it is what addAuthenticator takes. */
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];
type RequestOptions = Parameters<Authenticator['applyAuthentication']>[1];

/**
 * The credentials client-node gets wrong or not at all, plugged into its KubeConfig: `tokenFile`
 * (client-node reads only a `token-file` key, once, so kubectl's `tokenFile` went unnoticed and
 * requests went out anonymous) and exec plugins (client-node's runner has no timeout and puts the
 * plugin's raw stderr in its error). client-node asks every authenticator of a KubeConfig, for
 * every request — typed calls, our raw lists and watches, log and WebSocket streams alike.
 */
export class CredentialAuthenticator implements Authenticator {
  constructor(private readonly sources: ReadonlyMap<string, CredentialSource>) {}

  isAuthProvider(user: User): boolean {
    return this.sources.has(user.name);
  }

  async applyAuthentication(user: User, options: RequestOptions): Promise<void> {
    const source = this.sources.get(user.name);
    if (source === undefined) return;
    options.headers ??= {};
    const headers = options.headers as Record<string, string>;
    if (source.kind === 'tokenFile') {
      headers.Authorization = `Bearer ${source.source.token()}`;
      return;
    }
    const credential = await source.plugin.credential();
    if (credential.token) headers.Authorization = `Bearer ${credential.token}`;
    if (credential.clientCertificateData && credential.clientKeyData) {
      options.cert = credential.clientCertificateData;
      options.key = credential.clientKeyData;
    }
  }
}
