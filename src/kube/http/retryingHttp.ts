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
import { sendWithRetries, type RetryOptions } from './retryPolicy.js';

export type { RetryNotice, RetryOptions } from './retryPolicy.js';

/** client-node's HTTP library with the retries of retryPolicy.ts (429 / 5xx with Retry-After). */
export class RetryingHttpLibrary implements HttpLibrary {
  private readonly inner: HttpLibrary = new IsomorphicFetchHttpLibrary();

  constructor(private readonly options: RetryOptions = {}) {}

  send(request: RequestContext): Observable<ResponseContext> {
    return new Observable(
      sendWithRetries(
        () => this.inner.send(request).toPromise(),
        (response) => ({ status: response.httpStatusCode, retryAfter: response.headers['retry-after'], discard: () => response.body.text() }),
        this.options,
        request.getSignal(),
      ),
    );
  }
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
