import {
  createConfiguration,
  IsomorphicFetchHttpLibrary,
  Observable,
  ServerConfiguration,
  type ApiConstructor,
  type ApiType,
  type HttpLibrary,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { isRetryableStatus, retryAfterMs } from '../retryAfter.js';

/** A retry about to wait, for a caller that wants to say so (the CLI prints it on stderr). */
export interface RetryNotice {
  status: number;
  waitMs: number;
  /** 1 for the first retry. */
  attempt: number;
  maxRetries: number;
}

export interface RetryOptions {
  /** kubectl (client-go's rest client) retries an answer with Retry-After up to 10 times. */
  maxRetries?: number;
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * client-node's HTTP library, plus what client-go's rest client does with `429` and `5xx` answers
 * that carry Retry-After (with_retry.go / checkWait): wait as asked (capped at 60 s, at least
 * 200 ms) and send the same request again, a bounded number of times, then return the last answer.
 * Answers without Retry-After are returned at once, as kubectl does.
 */
export class RetryingHttpLibrary implements HttpLibrary {
  private readonly inner: HttpLibrary = new IsomorphicFetchHttpLibrary();

  constructor(private readonly options: RetryOptions = {}) {}

  send(request: RequestContext): Observable<ResponseContext> {
    return new Observable(this.sendWithRetries(request));
  }

  private async sendWithRetries(request: RequestContext): Promise<ResponseContext> {
    const maxRetries = this.options.maxRetries ?? 10;
    for (let attempt = 1; ; attempt++) {
      const response = await this.inner.send(request).toPromise();
      if (attempt > maxRetries || !isRetryableStatus(response.httpStatusCode)) return response;
      const wait = retryAfterMs(response.headers['retry-after']);
      if (wait === undefined) return response;
      // Read the refusal so its connection is free.
      await response.body.text().catch(() => '');
      const waitMs = Math.max(200, wait);
      this.options.onRetry?.({ status: response.httpStatusCode, waitMs, attempt, maxRetries });
      await abortableSleep(waitMs, request.getSignal());
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Like kubeConfig.makeApiClient, with the retrying HTTP library. */
export function makeRetryingApiClient<T extends ApiType>(kubeConfig: KubeConfig, api: ApiConstructor<T>, options: RetryOptions = {}): T {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  return new api(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kubeConfig },
      httpApi: new RetryingHttpLibrary(options),
    }),
  );
}
