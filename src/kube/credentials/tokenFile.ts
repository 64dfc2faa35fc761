import { readFileSync, statSync } from 'node:fs';
import { tokenFileMessage } from '../errors.js';
import { CredentialError } from './credentialError.js';

const reasons: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory' };

/**
 * A kubeconfig `tokenFile` (projected service-account tokens, tokens a sidecar rotates). Read
 * again whenever the file changed (its inode, size or mtime; a stat per request is cheap), so a
 * rotated token is used from the next request on, as client-go's cached file token source does.
 * When the file cannot be read, the kubeconfig's `token`, if any, is used instead.
 */
export class TokenFileSource {
  private cached: { key: string; token: string } | undefined;

  constructor(
    readonly path: string,
    private readonly fallbackToken: string | undefined,
  ) {}

  token(): string {
    try {
      const stat = statSync(this.path);
      const key = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      if (this.cached?.key !== key) this.cached = { key, token: readFileSync(this.path, 'utf8').trim() };
      if (this.cached.token !== '') return this.cached.token;
      if (this.fallbackToken) return this.fallbackToken;
      throw new CredentialError(tokenFileMessage(this.path, 'the file is empty'), true);
    } catch (error) {
      if (error instanceof CredentialError) throw error;
      if (this.fallbackToken) return this.fallbackToken;
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      throw new CredentialError(tokenFileMessage(this.path, reasons[code] ?? (error instanceof Error ? error.message : String(error))), true);
    }
  }
}
