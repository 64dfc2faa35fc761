import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest, refusalOf } from '../http/kubeRequest.js';

/** A kubelet summary of a full node is a few MB; anything far beyond is not one. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** GET `path` as JSON; a non-2xx answer rejects with a KubeHttpError (status, Status body, Retry-After). */
export async function getJson(kubeConfig: KubeConfig, path: string, signal: AbortSignal): Promise<unknown> {
  const response = await openKubeRequest(kubeConfig, path, { signal });
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) throw await refusalOf(response);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      response.destroy();
      throw new Error(`the answer to GET ${path.split('?')[0] ?? path} is larger than ${MAX_BODY_BYTES / 2 ** 20} MiB`);
    }
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Error(`the answer to GET ${path.split('?')[0] ?? path} is not JSON`);
  }
}
