import type { DemoCluster } from '../demo/index.js';
import type { ClusterSession, ConnectOptions } from '../kube/clusterSession.js';
import { retryNoticeMessage } from '../kube/errors.js';
import type { RetryNotice } from '../kube/http/retryingHttp.js';
import type { KubeContextInfo } from '../kube/kubeconfig.js';
import { clean, p } from '../model/printable.js';
import type { ClusterOptions } from './options.js';
import { cliOutput } from './output.js';
import { UserError } from './userError.js';

/** The demo namespace a newcomer sees first: a small shop with healthy and broken services. */
const DEMO_NAMESPACE = 'shop';

/** How long a context switch may wait for the new cluster to answer before it gives up and stays. */
const SWITCH_TIMEOUT_MS = 10_000;

export interface Connection {
  /** The session in use (another one after use()). */
  readonly session: ClusterSession;
  /** The contexts of the same kubeconfig, read again on each call (it is never written). */
  contexts(): KubeContextInfo[];
  /** Connects to another context of the same kubeconfig, with its own namespace; one-line UserError on failure. */
  openContext(name: string): Promise<ClusterSession>;
  /** Makes `session` the one in use and closes the previous one. */
  use(session: ClusterSession): void;
  /** Closes the session and, with --demo, stops the embedded cluster. */
  close(): Promise<void>;
}

/** For one-shot commands: kubectl retries a throttled request silently; a person at a prompt is told why nothing happens. */
export function printRetry(notice: RetryNotice): void {
  cliOutput().error(p`podscope: ${clean(retryNoticeMessage(notice))}`);
}

/**
 * Resolves the options to a connected session exactly as for a real cluster: --demo only starts
 * the embedded cluster and points the kubeconfig at it; nothing downstream knows the difference.
 */
export async function connectFromOptions(options: ClusterOptions, connect: Pick<ConnectOptions, 'onRetry' | 'readAhead' | 'alongsideChecks'> = {}): Promise<Connection> {
  // Loaded here, not at the top: `--help` and argument errors need none of the Kubernetes client.
  const [{ ClusterConnectError, connectCluster }, { ConfigError, listKubeContexts, loadClusterConfig }] = await Promise.all([
    import('../kube/clusterSession.js'),
    import('../kube/kubeconfig.js'),
  ]);
  const oneLine = (error: unknown): unknown => (error instanceof ConfigError || error instanceof ClusterConnectError ? new UserError(error.message) : error);
  let demo: DemoCluster | undefined;
  try {
    // Loaded only for --demo: the embedded cluster (TLS, WebSockets, pty shells) is not start-up cost for a real cluster.
    if (options.demo) {
      const { startDemoCluster } = await import('../demo/index.js');
      demo = await startDemoCluster({ seed: options.seed, speed: options.speed, namespace: options.namespace ?? DEMO_NAMESPACE, scalePods: options.scalePods, churn: options.churn, metricsApi: options.metricsApi });
    }
    const kubeconfig = demo?.kubeconfigPath ?? options.kubeconfig;
    const config = loadClusterConfig({ kubeconfig, context: demo?.contextName ?? options.context, namespace: options.namespace });
    let session = await connectCluster(config, connect);
    const cluster = demo;
    return {
      get session() {
        return session;
      },
      contexts: () => listKubeContexts({ kubeconfig }),
      openContext: async (name) => {
        try {
          return await connectCluster(loadClusterConfig({ kubeconfig, context: name }), { onRetry: connect.onRetry, timeoutMs: SWITCH_TIMEOUT_MS });
        } catch (error) {
          throw oneLine(error);
        }
      },
      use: (next) => {
        if (next === session) return;
        session.close();
        session = next;
      },
      close: async () => {
        session.close();
        await cluster?.close();
      },
    };
  } catch (error) {
    await demo?.close();
    throw oneLine(error);
  }
}
