import { normalizeImage } from './images.js';

/**
 * The simulated image registries: which pulls fail and with which containerd error. Nothing is ever
 * fetched; the messages are the ones containerd 1.6 gives for the same situations.
 */
export interface Registry {
  /** The error a pull of `reference` (as written in the pod spec) fails with, or undefined if it succeeds. */
  pullError(reference: string): string | undefined;
  /** Makes pulls of `reference` fail as "not found" (a tag nobody pushed). */
  markMissing(reference: string): void;
}

export function createRegistry(): Registry {
  const missing = new Set<string>();
  return {
    markMissing(reference) {
      missing.add(normalizeImage(reference));
    },
    pullError(reference) {
      const normalized = normalizeImage(reference);
      const slash = normalized.indexOf('/');
      const host = normalized.slice(0, slash);
      const path = normalized.slice(slash + 1);
      const [repository = path, tag = 'latest'] = path.split(':');
      const unpack = `rpc error: code = Unknown desc = failed to pull and unpack image "${normalized}": failed to resolve reference "${normalized}"`;
      const hostName = host.split(':')[0] ?? host;
      if (hostName === '127.0.0.1' || hostName === 'localhost') {
        return `${unpack}: failed to do request: Head "http://${host}/v2/${repository}/manifests/${tag}": dial tcp ${host}: connect: connection refused`;
      }
      if (/\.(invalid|test|example)$/.test(hostName)) {
        return `${unpack}: failed to do request: Head "https://${host}/v2/${repository}/manifests/${tag}": dial tcp: lookup ${hostName} on 192.0.2.1:53: no such host`;
      }
      if (missing.has(normalized) || repository.includes('does-not-exist')) {
        return `rpc error: code = NotFound desc = failed to pull and unpack image "${normalized}": failed to resolve reference "${normalized}": ${normalized}: not found`;
      }
      return undefined;
    },
  };
}
