import type { KubeConfig } from '@kubernetes/client-node';
import { readBoundedBody } from './boundedBody.js';
import { openKubeRequest, refusalOf } from './kubeRequest.js';
import { sendWithRetries, type RetryOptions } from './retryPolicy.js';

/** A kubelet summary of a full node is a few MB; anything far beyond is not one. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface JsonGetOptions {
  signal: AbortSignal;
  /** Retries of 429 / 5xx answers with Retry-After (retryPolicy.ts); none when absent. */
  retry?: RetryOptions;
}

/**
 * GET `path` as JSON, the object as JSON.parse made it (no typed client: nothing of client-node's
 * models is loaded); a non-2xx answer rejects with a KubeHttpError (status, Status body, Retry-After).
 */
export async function getJson(kubeConfig: KubeConfig, path: string, options: JsonGetOptions): Promise<unknown> {
  const { signal } = options;
  const send = () => openKubeRequest(kubeConfig, path, { signal });
  const response =
    options.retry === undefined
      ? await send()
      : await sendWithRetries(send, (answer) => ({ status: answer.statusCode ?? 0, retryAfter: answer.headers['retry-after'], discard: () => answer.toArray() }), options.retry, signal);
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) throw await refusalOf(response);
  const body = await readBoundedBody(response, MAX_BODY_BYTES, () => new Error(`the answer to GET ${path.split('?')[0] ?? path} is larger than ${MAX_BODY_BYTES / 2 ** 20} MiB`));
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new Error(`the answer to GET ${path.split('?')[0] ?? path} is not JSON`);
  }
}
