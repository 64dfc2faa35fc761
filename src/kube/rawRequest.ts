import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest } from './http/kubeRequest.js';

/** The server answered with an error status; `body` is its Status JSON (or a proxy's text). describeKubeError reads both. */
export class RawRequestError extends Error {
  override readonly name = 'RawRequestError';
  constructor(
    readonly statusCode: number,
    readonly body: string,
  ) {
    super(`the server answered ${statusCode}`);
  }
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Absolute API path with its query, e.g. /api/v1/namespaces/lab/pods/web */
  path: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Safe to send twice although not a GET (kubeRequest.ts retries those on a stale socket). */
  repeatable?: boolean;
}

/**
 * One API request that keeps the object exactly as the server sent it (client-node's typed calls
 * rebuild objects from their models and drop fields they do not know: wrong for `get -o yaml`).
 */
export async function requestJson(kubeConfig: KubeConfig, raw: RawRequest): Promise<unknown> {
  const body = raw.body === undefined ? undefined : Buffer.from(JSON.stringify(raw.body), 'utf8');
  const response = await openKubeRequest(kubeConfig, raw.path, { method: raw.method, body, signal: raw.signal, repeatable: raw.repeatable });
  const text = Buffer.concat((await response.toArray()) as Buffer[]).toString('utf8');
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) throw new RawRequestError(status, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`the server's answer to ${raw.method} ${raw.path.split('?')[0] ?? raw.path} is not JSON`);
  }
}
