import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest } from '../http/kubeRequest.js';

/** The query of `GET pods/{name}/log`, as kubectl sends it. */
export interface LogQuery {
  namespace: string;
  pod: string;
  /** Omitted: the server picks the pod's only container (or answers 400). */
  container?: string;
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339; the server truncates it to whole seconds. */
  sinceTime?: string;
  limitBytes?: number;
}

/** The server refused the log request; `message` is its own wording (the Status message). */
export class LogRequestError extends Error {
  override readonly name = 'LogRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

export function logPath(query: LogQuery): string {
  const params = new URLSearchParams();
  if (query.container !== undefined) params.set('container', query.container);
  if (query.follow) params.set('follow', 'true');
  if (query.previous) params.set('previous', 'true');
  if (query.timestamps) params.set('timestamps', 'true');
  if (query.tailLines !== undefined && query.tailLines >= 0) params.set('tailLines', String(query.tailLines));
  if (query.sinceSeconds !== undefined) params.set('sinceSeconds', String(query.sinceSeconds));
  if (query.sinceTime !== undefined) params.set('sinceTime', query.sinceTime);
  if (query.limitBytes !== undefined) params.set('limitBytes', String(query.limitBytes));
  const search = params.toString();
  const base = `/api/v1/namespaces/${encodeURIComponent(query.namespace)}/pods/${encodeURIComponent(query.pod)}/log`;
  return search === '' ? base : `${base}?${search}`;
}

/**
 * Opens the log request and resolves with the response body once the server answered 200 (or 204:
 * an unscheduled pod, an empty body). A refusal rejects with LogRequestError carrying the server's
 * message verbatim. A raw request rather than client-node's Log class, which drops the 400 body.
 */
export async function openLogRequest(kubeConfig: KubeConfig, query: LogQuery, signal?: AbortSignal): Promise<IncomingMessage> {
  const response = await openKubeRequest(kubeConfig, logPath(query), { signal, accept: 'text/plain, */*' });
  const status = response.statusCode ?? 0;
  if (status === 200 || status === 204) return response;
  throw refusal(status, Buffer.concat((await response.toArray()) as Buffer[]).toString('utf8'));
}

function refusal(status: number, body: string): LogRequestError {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      if (typeof record['message'] === 'string') {
        return new LogRequestError(record['message'], status, typeof record['reason'] === 'string' ? record['reason'] : undefined);
      }
    }
  } catch {
    // not a Status: a proxy's plain text
  }
  const text = body.split('\n')[0]?.trim();
  return new LogRequestError(text || `the server answered ${status}`, status, undefined);
}
