import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { WireEvent, WireNamespace, WirePod } from '../model/apiObjects.js';
import { describeKubeError, type KubeErrorContext, type KubeErrorKind } from './errors.js';
import { getJson } from './http/jsonGet.js';
import type { RetryNotice, RetryOptions } from './http/retryPolicy.js';
import type { ClusterConfig } from './kubeconfig.js';
import { ListWatchStore, type ListWatchSource, type ListWatchStoreOptions } from './listWatchStore.js';
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
  /** The server's gitVersion, e.g. v1.24.1; '' when the checks were skipped (ConnectOptions.readAhead). */
  serverVersion: string;
  /**
   * client-node's typed API, loaded on first use (it is most of the program's code): for what
   * changes things. Reads go through getJson.
   */
  coreApi(): Promise<CoreV1Api>;
  /**
   * GET an API path as JSON, with the retries of a one-shot request (onRetry); rejects with a
   * KubeHttpError that describeKubeError reads.
   */
  getJson(path: string, signal?: AbortSignal): Promise<unknown>;
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
  /**
   * API paths (in the context's namespace) the caller is about to GET, sent at once. The session's
   * first getJson of each path takes that answer. When the first path is answered, the server is
   * reachable and takes the credentials: the checks are skipped (two TLS handshakes fewer for a
   * one-shot command; serverVersion stays ''). When it fails or is slow they run as without
   * read-ahead, so a failed check is still what is reported, with the same message.
   */
  readAhead?: (namespace: string) => string[];
  /**
   * Called with the session before the checks are answered: what it starts (the explorer's first
   * pod list) goes out beside them instead of a round trip after. Only the version is checked then:
   * the caller's own list says whether the credentials may list pods, as the one-pod check would
   * (its 403 never stopped the explorer). When the check fails, the session is closed, and with it
   * every store opened here.
   */
  alongsideChecks?: (session: ClusterSession) => void;
}

/**
 * Checks reachability (GET /version) and credentials (list one pod in the namespace) before
 * returning a session, unless the first read-ahead answers first (ConnectOptions.readAhead).
 * A 403 on pods is not fatal: the user may still see other namespaces.
 */
export async function connectCluster(config: ClusterConfig, options: ConnectOptions = {}): Promise<ClusterSession> {
  const { kubeConfig } = config;
  const errorContext: KubeErrorContext = { server: config.server, user: config.user, context: config.contextName };
  const timeoutMs = options.timeoutMs ?? 15_000;
  // Checks started late (after a slow read-ahead) still give up when they would have.
  const deadline = Date.now() + timeoutMs;
  const retry: RetryOptions = { onRetry: options.onRetry };
  const ahead = new ReadAhead(kubeConfig, retry, options.readAhead?.(config.namespace) ?? []);
  const session = (serverVersion: string): ClusterSession => createSession(config, serverVersion, retry, errorContext, options.storeTuning ?? {}, ahead);
  const first = ahead.first();
  // A caller with work beside the checks (alongsideChecks) always has them: it gets the session at once anyway.
  if (first !== undefined && options.alongsideChecks === undefined && (await answeredWithin(first, Math.min(CHECK_HEDGE_MS, timeoutMs / 2)))) return session('');

  const stopChecks = new AbortController();
  const check = async (what: string, path: string): Promise<unknown> => {
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(Math.max(1, deadline - Date.now())), stopChecks.signal]);
      return await getJson(kubeConfig, path, { signal, retry });
    } catch (err) {
      const problem = describeKubeError(err, { ...errorContext, what });
      throw new ClusterConnectError(problem.message, problem.kind, problem.status);
    }
  };
  if (options.alongsideChecks !== undefined) {
    const opened = session('');
    // Sent first: the caller's first request costs more to send.
    const version = check('read the server version', '/version');
    version.catch(() => undefined);
    try {
      options.alongsideChecks(opened);
      opened.serverVersion = gitVersionOf(await version);
    } catch (error) {
      // The hook may have thrown with the check still in flight: it must not keep the process up.
      stopChecks.abort();
      opened.close();
      throw error;
    }
    return opened;
  }

  const checked = serverChecks(check, config.namespace).then(
    (version) => ({ kind: 'checked', version }) as const,
    (error: unknown) => ({ kind: 'failed', error }) as const,
  );
  // A first read slower than the hedge still wins if it answers before the checks settle (an exec
  // plugin that takes seconds); one that failed leaves it to the checks.
  const readAnswered = first?.then(
    () => ({ kind: 'read' }) as const,
    () => new Promise<never>(() => undefined),
  );
  const outcome = await (readAnswered === undefined ? checked : Promise.race([readAnswered, checked]));
  if (outcome.kind === 'read') {
    stopChecks.abort();
    return session('');
  }
  if (outcome.kind === 'failed') {
    ahead.close();
    throw outcome.error;
  }
  return session(outcome.version);
}

/** Both checks at once; the server's gitVersion, or the first failure that matters as a ClusterConnectError. */
async function serverChecks(check: (what: string, path: string) => Promise<unknown>, namespace: string): Promise<string> {
  // Both at once (one round trip of start-up, not two); an unreachable server is reported as the version check's failure.
  const [version, pods] = await Promise.allSettled([
    check('read the server version', '/version'),
    check(`list pods in ${namespace}`, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?limit=1`),
  ]);
  if (version.status === 'rejected') throw version.reason;
  if (pods.status === 'rejected' && !(pods.reason instanceof ClusterConnectError && pods.reason.kind === 'forbidden')) throw pods.reason;
  return gitVersionOf(version.value);
}

/**
 * How long the first read-ahead may take before the checks are sent beside it anyway: a healthy
 * cluster answers well within it; a slower read (a credential plugin taking seconds) still wins if
 * it answers before the checks settle; a hung server is reported by the checks, at the same
 * deadline as without read-ahead.
 */
const CHECK_HEDGE_MS = 1_000;

/** True when `answer` fulfils within `ms`; false when it rejects or takes longer (it is not cancelled). */
async function answeredWithin(answer: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([answer.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** GETs sent before the session exists; each answer is taken once, by the first getJson of its path. */
class ReadAhead {
  private readonly controller = new AbortController();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(kubeConfig: KubeConfig, retry: RetryOptions, paths: readonly string[]) {
    for (const path of paths) {
      const answer = getJson(kubeConfig, path, { signal: this.controller.signal, retry });
      // Not taken (the command failed first) is not an unhandled rejection.
      answer.catch(() => undefined);
      this.pending.set(path, answer);
    }
  }

  /** The answer for the first path, left for take(). */
  first(): Promise<unknown> | undefined {
    return this.pending.values().next().value;
  }

  take(path: string): Promise<unknown> | undefined {
    const answer = this.pending.get(path);
    this.pending.delete(path);
    return answer;
  }

  /** Abandons the answers nobody took. */
  close(): void {
    if (this.pending.size > 0) this.controller.abort();
    this.pending.clear();
  }
}

function gitVersionOf(version: unknown): string {
  const gitVersion = typeof version === 'object' && version !== null && 'gitVersion' in version ? version.gitVersion : undefined;
  return typeof gitVersion === 'string' ? gitVersion : '';
}

function createSession(
  config: ClusterConfig,
  serverVersion: string,
  retry: RetryOptions,
  errorContext: KubeErrorContext,
  tuning: StoreTuning,
  ahead: ReadAhead,
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

  let coreApi: Promise<CoreV1Api> | undefined;
  return {
    contextName: config.contextName,
    server: config.server,
    user: config.user,
    namespace: config.namespace,
    serverVersion,
    coreApi: () => (coreApi ??= import('./typedApi.js').then(({ makeCoreApi }) => makeCoreApi(config.kubeConfig, retry))),
    getJson: (path, signal) => ahead.take(path) ?? getJson(config.kubeConfig, path, { signal: signal ?? new AbortController().signal, retry }),
    kubeConfig: config.kubeConfig,
    podStore: (scope) => start(podSource(scope)),
    namespaceStore: () => start(namespaceSource()),
    eventStore: (scope) => start(eventSource(scope)),
    close: () => {
      ahead.close();
      for (const store of [...open]) store.close();
      probe.close();
    },
  };
}
