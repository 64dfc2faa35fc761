import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest, refusalOf } from '../http/kubeRequest.js';
import { SilenceMonitor, type Probe, type SilencePolicy } from './silenceMonitor.js';

/** One page of a LIST, its items still raw JSON (the store checks and keeps them). */
export interface ListPage {
  items: unknown[];
  resourceVersion: string;
  continueToken: string | undefined;
}

/** The server went silent in the middle of a request. */
export class StalledError extends Error {
  override readonly name = 'StalledError';
  constructor(
    readonly silentMs: number,
    /** A probe of the server went unanswered too: the server, not only this connection, is silent. */
    readonly serverSilent: boolean,
  ) {
    super(`no answer for ${Math.round(silentMs / 1000)} s`);
  }
}

/** The answer was not a list of the kind asked for. */
export class ListDecodeError extends Error {
  override readonly name = 'ListDecodeError';
}

export interface ListPageRequest {
  kubeConfig: KubeConfig;
  /** Path and query (`limit`, `continue`, selectors). */
  path: string;
  signal: AbortSignal;
  silence: SilencePolicy;
  probe?: Probe;
  onHeard?(): void;
}

/**
 * GETs one page as plain JSON (no per-object deserialisation). Silence at any point, before the
 * headers or in the middle of the body, ends the request with StalledError rather than hanging
 * behind a "connecting…" that never ends. A refusal rejects with KubeHttpError (Retry-After kept).
 */
export async function fetchListPage(request: ListPageRequest): Promise<ListPage> {
  request.signal.throwIfAborted();
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  request.signal.addEventListener('abort', abort, { once: true });
  let stall: StalledError | undefined;
  const monitor = new SilenceMonitor(request.silence, request.probe, (silentMs, serverSilent) => {
    stall = new StalledError(silentMs, serverSilent);
    controller.abort();
  });
  const heard = (): void => {
    monitor.heard();
    request.onHeard?.();
  };
  try {
    const response = await openKubeRequest(request.kubeConfig, request.path, { signal: controller.signal });
    response.on('error', () => undefined);
    heard();
    if (response.statusCode !== 200) throw await refusalOf(response);
    const chunks: Buffer[] = [];
    for await (const chunk of response) {
      heard();
      chunks.push(chunk as Buffer);
    }
    if (stall) throw stall;
    return parseList(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw stall ?? error;
  } finally {
    monitor.stop();
    request.signal.removeEventListener('abort', abort);
  }
}

function parseList(text: string): ListPage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ListDecodeError('the list the server sent is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ListDecodeError('the list the server sent is not an object');
  const { items, metadata } = parsed as { items?: unknown; metadata?: unknown };
  if (items !== null && items !== undefined && !Array.isArray(items)) throw new ListDecodeError('the list the server sent has no items');
  const meta = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  const resourceVersion = typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '';
  const continueToken = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
  return { items: Array.isArray(items) ? items : [], resourceVersion, continueToken };
}
