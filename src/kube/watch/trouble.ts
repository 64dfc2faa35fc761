import { CredentialError } from '../credentials/credentialError.js';
import { undecodableWatchMessage } from '../errors.js';
import { ListDecodeError, StalledError } from './listClient.js';
import type { WatchEnd } from './watchClient.js';

/** What went wrong, in the terms the retry policy needs. */
export type Trouble =
  | { kind: 'refused'; code: number; message: string | undefined; retryAfterMs: number | undefined; error: unknown }
  | { kind: 'expired'; error: unknown }
  | { kind: 'stalled'; serverSilent: boolean; error: unknown }
  | { kind: 'network'; error: unknown }
  | { kind: 'decode'; message: string }
  | { kind: 'short'; ms: number }
  /** Trying again cannot help (a credential plugin that is not installed). */
  | { kind: 'fatal'; error: unknown };

/** A watch event the store refused; the watch ends and the cache is listed again. */
export class RejectedObject extends Error {
  override readonly name = 'RejectedObject';
}

export function troubleOf(error: unknown): Trouble {
  if (error instanceof StalledError) return { kind: 'stalled', serverSilent: error.serverSilent, error };
  if (error instanceof CredentialError && !error.retryable) return { kind: 'fatal', error };
  if (error instanceof ListDecodeError) return { kind: 'decode', message: undecodableWatchMessage(error.message) };
  const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
  if (status === 410) return { kind: 'expired', error };
  if (status !== undefined) {
    const retryAfterMs = 'retryAfterMs' in (error as object) ? (error as { retryAfterMs?: number }).retryAfterMs : undefined;
    return { kind: 'refused', code: status, message: undefined, retryAfterMs, error };
  }
  return { kind: 'network', error };
}

export function troubleOfWatch(end: WatchEnd, healthyAfterMs: number): Trouble | undefined {
  switch (end.kind) {
    case 'closed':
      // The server ended the watch (its timeoutSeconds): resume at once, unless it ends every watch at once.
      return end.ms >= healthyAfterMs || end.events > 0 ? undefined : { kind: 'short', ms: end.ms };
    case 'aborted':
      return undefined;
    case 'expired':
      return { kind: 'expired', error: { statusCode: 410, body: { message: end.message } } };
    case 'decode':
      return { kind: 'decode', message: end.cause instanceof RejectedObject ? end.cause.message : undecodableWatchMessage(end.problem) };
    case 'status':
      return { kind: 'refused', code: end.code, message: end.message, retryAfterMs: end.retryAfterMs, error: { statusCode: end.code, body: { message: end.message, reason: end.reason } } };
    case 'stalled':
      return { kind: 'stalled', serverSilent: end.serverSilent, error: new StalledError(end.silentMs, end.serverSilent) };
    case 'network':
      return end.error instanceof CredentialError && !end.error.retryable ? { kind: 'fatal', error: end.error } : { kind: 'network', error: end.error };
  }
}
