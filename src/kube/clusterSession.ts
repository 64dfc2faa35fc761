import { CoreV1Api, VersionApi, type CoreV1Event, type KubeConfig, type KubernetesObject, type V1Namespace, type V1Pod } from '@kubernetes/client-node';
import { describeKubeError, type KubeErrorContext, type KubeErrorKind } from './errors.js';
import type { ClusterConfig } from './kubeconfig.js';
import { ListWatchStore, type ListWatchSource, type ListWatchStoreOptions } from './listWatchStore.js';
import { withSignal } from './requestOptions.js';
import type { ResourceStore } from './resourceStore.js';
import { eventSource, namespaceSource, podSource, type EventScope, type NamespaceScope } from './sources.js';

export type { EventScope, NamespaceScope };

/** Store tuning passed to every store of the session (tests shorten the timings). */
export type StoreTuning = Omit<ListWatchStoreOptions<KubernetesObject>, 'kubeConfig' | 'source' | 'errorContext' | 'onClose'>;

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
  podStore(scope: NamespaceScope): ResourceStore<V1Pod>;
  namespaceStore(): ResourceStore<V1Namespace>;
  eventStore(scope: EventScope): ResourceStore<CoreV1Event>;
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

  const version = await check('read the server version', (requestOptions) => kubeConfig.makeApiClient(VersionApi).getCode({}, requestOptions));
  const coreApi = kubeConfig.makeApiClient(CoreV1Api);
  try {
    await check(`list pods in ${config.namespace}`, (requestOptions) =>
      coreApi.listNamespacedPod({ namespace: config.namespace, limit: 1 }, requestOptions),
    );
  } catch (err) {
    if (!(err instanceof ClusterConnectError && err.kind === 'forbidden')) throw err;
  }
  return createSession(config, version.gitVersion, coreApi, errorContext, options.storeTuning ?? {});
}

function createSession(
  config: ClusterConfig,
  serverVersion: string,
  coreApi: CoreV1Api,
  errorContext: KubeErrorContext,
  tuning: StoreTuning,
): ClusterSession {
  const open = new Set<ResourceStore<unknown>>();
  const start = <T extends KubernetesObject>(source: ListWatchSource<T>): ResourceStore<T> => {
    const store: ListWatchStore<T> = new ListWatchStore<T>({
      ...tuning,
      kubeConfig: config.kubeConfig,
      source,
      errorContext,
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
    podStore: (scope) => start(podSource(coreApi, scope)),
    namespaceStore: () => start(namespaceSource(coreApi)),
    eventStore: (scope) => start(eventSource(coreApi, scope)),
    close: () => {
      for (const store of [...open]) store.close();
    },
  };
}
