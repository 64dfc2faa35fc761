import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeStatus } from '../errors.js';
import { retryAfterMs } from '../retryAfter.js';
import { dropIdleSockets, pooledAgent } from './agentPool.js';

export interface KubeRequestOptions {
  signal?: AbortSignal;
  method?: string;
  accept?: string;
  /** Sent as application/json. */
  body?: Buffer;
  /**
   * On a connection of its own, not a pooled one: the server probe asks whether the server is
   * there, which a socket kept from before cannot tell.
   */
  fresh?: boolean;
  /** Safe to send twice although not a GET (a SelfSubjectAccessReview changes nothing). */
  repeatable?: boolean;
}

/**
 * One raw request to the API server with the kubeconfig's credentials, certificates and proxy
 * (client-node's applyToHTTPSOptions, run for each request so refreshed tokens and exec plugin
 * certificates are used), over a pooled keep-alive connection (agentPool.ts) unless a proxy is
 * configured (its agent is client-node's). Resolves with the response as soon as its headers
 * arrived, whatever its status; the caller reads the body.
 */
export async function openKubeRequest(kubeConfig: KubeConfig, path: string, options: KubeRequestOptions = {}): Promise<IncomingMessage> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  const method = options.method ?? 'GET';
  const headers: Record<string, string | number> = { Accept: options.accept ?? 'application/json', 'User-Agent': 'podscope' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = options.body.length;
  }
  const requestOptions: RequestOptions = { method, headers };
  await kubeConfig.applyToHTTPSOptions(requestOptions);
  options.signal?.throwIfAborted();
  const pooled = cluster.proxyUrl || options.fresh ? undefined : pooledAgent(url, requestOptions);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  const attempt = (): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const request = send(url, { ...requestOptions, ...(pooled ? { agent: pooled } : {}), signal: options.signal }, resolve);
      request.on('error', (error) => reject(request.reusedSocket ? new StaleSocketError(error) : error));
      request.end(options.body);
    });
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    // A kept socket the server (or a load balancer) had closed while idle: the request never
    // reached it, so it is sent again once, on a new connection, when sending twice is harmless.
    if (pooled === undefined || !isStaleSocketError(error.cause) || !(method === 'GET' || method === 'HEAD' || options.repeatable)) throw error.cause;
    dropIdleSockets(pooled);
    return attempt().catch((again: unknown) => Promise.reject(again instanceof StaleSocketError ? again.cause : again));
  }
}

/** A request on a reused socket failed; `cause` is what node said. */
class StaleSocketError extends Error {
  constructor(override readonly cause: unknown) {
    super('request on a reused socket failed');
  }
}

function isStaleSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
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
