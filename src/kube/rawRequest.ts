import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

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
}

/**
 * One API request that keeps the object exactly as the server sent it (client-node's typed calls
 * rebuild objects from their models and drop fields they do not know: wrong for `get -o yaml`).
 */
export async function requestJson(kubeConfig: KubeConfig, raw: RawRequest): Promise<unknown> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/+$/, '') + raw.path);
  const payload = raw.body === undefined ? undefined : Buffer.from(JSON.stringify(raw.body), 'utf8');
  const headers: Record<string, string | number> = { Accept: 'application/json' };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  const options: RequestOptions = { method: raw.method, headers };
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, signal: raw.signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          reject(new RawRequestError(status, text));
          return;
        }
        try {
          resolve(JSON.parse(text) as unknown);
        } catch {
          reject(new Error(`the server's answer to ${raw.method} ${url.pathname} is not JSON`));
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
