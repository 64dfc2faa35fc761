import { CoreV1Api, VersionApi, type KubeConfig } from '@kubernetes/client-node';
import type { WireEvent, WireNamespace, WirePod } from '../model/apiObjects.js';
import { describeKubeError, type KubeErrorContext, type KubeErrorKind } from './errors.js';
import { makeRetryingApiClient, type RetryNotice } from './http/retryingHttp.js';
import type { ClusterConfig } from './kubeconfig.js';
import { ListWatchStore, type ListWatchSource, type ListWatchStoreOptions } from './listWatchStore.js';
import { withSignal } from './requestOptions.js';
import type { ResourceStore } from './resourceStore.js';
import { eventSource, namespaceSource, podSource, type EventScope, type NamespaceScope } from './sources.js';
import { ServerProbe, type ServerProbeOptions } from './watch/serverProbe.js';

export type { EventScope, NamespaceScope };

/** Store tuning passed to every store of the session (tests shorten the timings). */
export type StoreTuning = Omit<ListWatchStoreOptions<unknown>, 'kubeConfig' | 'source' | 'errorContext' | 'onClose' | 'probe'> & { probe?: ServerProbeOptions };

export interface ClusterSession {
  contextName: string;
  server: string;
  user: string;
  namespace: string;
  /** The server's gitVersion, e.g. v1.24.1. */
  serverVersion: string;
  coreApi: CoreV1Api;
  kubeConfig: KubeConfig;
  /**
   * Each call starts a new list+watch; the caller closes it when done. Stores still open when the
   * session is closed are closed with it.
   */
  podStore(scope: NamespaceScope): ResourceStore<WirePod>;
  namespaceStore(): ResourceStore<WireNamespace>;
  eventStore(scope: EventScope): ResourceStore<WireEvent>;
  close(): void;
}

/** Why connecting failed, as the one line to show; `kind` says what to suggest. */
export class ClusterConnectError extends Error {
  override readonly name = 'ClusterConnectError';
  constructor(
    message: string,
    readonly kind: KubeErrorKind,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ConnectOptions {
  /** Limit for each up-front check, so a server that never answers does not hang start-up. */
  timeoutMs?: number;
  storeTuning?: StoreTuning;
  /**
   * Told when a one-shot request waits before trying again (429 / 5xx with Retry-After, at most 10
   * times, as kubectl does); the CLI says so on stderr. The stores show it in their state instead.
   */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * Checks reachability (GET /version) and credentials (list one pod in the namespace) before
 * returning a session. A 403 on pods is not fatal: the user may still see other namespaces.
 */
export async function connectCluster(config: ClusterConfig, options: ConnectOptions = {}): Promise<ClusterSession> {
  const { kubeConfig } = config;
  const errorContext: KubeErrorContext = { server: config.server, user: config.user, context: config.contextName };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const check = async <R>(what: string, call: (requestOptions: ReturnType<typeof withSignal>) => Promise<R>): Promise<R> => {
    try {
      return await call(withSignal(AbortSignal.timeout(timeoutMs)));
    } catch (err) {
      const problem = describeKubeError(err, { ...errorContext, what });
      throw new ClusterConnectError(problem.message, problem.kind, problem.status);
    }
  };

  const retry = { onRetry: options.onRetry };
  const coreApi = makeRetryingApiClient(kubeConfig, CoreV1Api, retry);
  // Both at once (one round trip of start-up, not two); an unreachable server is reported as the version check's failure.
  const [version, pods] = await Promise.allSettled([
    check('read the server version', (requestOptions) => makeRetryingApiClient(kubeConfig, VersionApi, retry).getCode({}, requestOptions)),
    check(`list pods in ${config.namespace}`, (requestOptions) => coreApi.listNamespacedPod({ namespace: config.namespace, limit: 1 }, requestOptions)),
  ]);
  if (version.status === 'rejected') throw version.reason;
  if (pods.status === 'rejected' && !(pods.reason instanceof ClusterConnectError && pods.reason.kind === 'forbidden')) throw pods.reason;
  return createSession(config, version.value.gitVersion, coreApi, errorContext, options.storeTuning ?? {});
}

function createSession(
  config: ClusterConfig,
  serverVersion: string,
  coreApi: CoreV1Api,
  errorContext: KubeErrorContext,
  tuning: StoreTuning,
): ClusterSession {
  const open = new Set<ResourceStore<unknown>>();
  const { probe: probeOptions, ...storeTuning } = tuning;
  // One probe for every store: a quiet session asks the server at most once per silence.
  const probe = new ServerProbe(config.kubeConfig, probeOptions);
  const start = <T extends { metadata?: { name?: string; namespace?: string } }>(source: ListWatchSource<T>): ResourceStore<T> => {
    const store: ListWatchStore<T> = new ListWatchStore<T>({
      ...storeTuning,
      kubeConfig: config.kubeConfig,
      source,
      errorContext,
      probe: probe.check,
      refreshCredentials: config.refreshCredentials,
      onClose: () => open.delete(store),
    });
    open.add(store);
    return store;
  };

  return {
    contextName: config.contextName,
    server: config.server,
    user: config.user,
    namespace: config.namespace,
    serverVersion,
    coreApi,
    kubeConfig: config.kubeConfig,
    podStore: (scope) => start(podSource(scope)),
    namespaceStore: () => start(namespaceSource()),
    eventStore: (scope) => start(eventSource(scope)),
    close: () => {
      for (const store of [...open]) store.close();
      probe.close();
    },
  };
}
