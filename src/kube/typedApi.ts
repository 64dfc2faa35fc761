import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { makeRetryingApiClient } from './http/retryingHttp.js';
import type { RetryOptions } from './http/retryPolicy.js';

/**
 * client-node's typed CoreV1Api with the session's retries. Its own module, loaded by dynamic
 * import (ClusterSession.coreApi), because the typed APIs and their models are the largest part of
 * the program: only what changes things (debug, delete, copy) needs them, never a read at start-up.
 */
export function makeCoreApi(kubeConfig: KubeConfig, retry: RetryOptions): CoreV1Api {
  return makeRetryingApiClient(kubeConfig, CoreV1Api, retry);
}
