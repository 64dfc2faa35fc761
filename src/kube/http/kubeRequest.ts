import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeStatus } from '../errors.js';
import { retryAfterMs } from '../retryAfter.js';

export interface KubeRequestOptions {
  signal: AbortSignal;
  method?: string;
  accept?: string;
}

/**
 * One raw request to the API server with the kubeconfig's credentials, certificates and proxy
 * (client-node's applyToHTTPSOptions builds the agent: https, http or the proxy-url's). Resolves
 * with the response as soon as its headers arrived, whatever its status; the caller reads the body.
 */
export async function openKubeRequest(kubeConfig: KubeConfig, path: string, options: KubeRequestOptions): Promise<IncomingMessage> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  const requestOptions: RequestOptions = { method: options.method ?? 'GET', headers: { Accept: options.accept ?? 'application/json', 'User-Agent': 'podscope' } };
  await kubeConfig.applyToHTTPSOptions(requestOptions);
  options.signal.throwIfAborted();
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { ...requestOptions, signal: options.signal }, resolve);
    request.on('error', reject);
    request.end();
  });
}

/** The server answered something other than 200: its status, its Status body and Retry-After. */
export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';
  constructor(
    readonly statusCode: number,
    readonly body: KubeStatus | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(body?.message ?? `the server answered ${statusCode}`);
  }
}

/** Reads a refusal's body (bounded: a proxy's error page can be large) into a KubeHttpError. */
export async function refusalOf(response: IncomingMessage): Promise<KubeHttpError> {
  const status = response.statusCode ?? 0;
  const retryAfter = retryAfterMs(response.headers['retry-after']);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      if (size < 64 * 1024) chunks.push(buffer);
      size += buffer.length;
    }
  } catch {
    // a body cut short still has its status
  }
  return new KubeHttpError(status, statusBody(Buffer.concat(chunks).toString('utf8')), retryAfter);
}

/** A Status as JSON, or (from proxies and load balancers) the first line of plain text. */
export function statusBody(text: string): KubeStatus | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) return statusFields(parsed as Record<string, unknown>);
  } catch {
    // not JSON
  }
  const line = text.split('\n')[0]?.trim().slice(0, 300);
  return line ? { message: line } : undefined;
}

export function statusFields(value: Record<string, unknown>): KubeStatus {
  return {
    code: typeof value.code === 'number' ? value.code : undefined,
    message: typeof value.message === 'string' ? value.message : undefined,
    reason: typeof value.reason === 'string' ? value.reason : undefined,
  };
}
