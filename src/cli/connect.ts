import type { DemoCluster } from '../demo/index.js';
import type { ClusterSession } from '../kube/clusterSession.js';
import type { ClusterOptions } from './options.js';
import { UserError } from './userError.js';

/** The demo namespace a newcomer sees first: a small shop with healthy and broken services. */
const DEMO_NAMESPACE = 'shop';

export interface Connection {
  session: ClusterSession;
  /** Closes the session and, with --demo, stops the embedded cluster. */
  close(): Promise<void>;
}

/**
 * Resolves the options to a connected session exactly as for a real cluster: --demo only starts
 * the embedded cluster and points the kubeconfig at it; nothing downstream knows the difference.
 */
export async function connectFromOptions(options: ClusterOptions): Promise<Connection> {
  // Loaded here, not at the top: `--help` and argument errors need none of the Kubernetes client.
  const [{ ClusterConnectError, connectCluster }, { ConfigError, loadClusterConfig }] = await Promise.all([
    import('../kube/clusterSession.js'),
    import('../kube/kubeconfig.js'),
  ]);
  let demo: DemoCluster | undefined;
  try {
    // Loaded only for --demo: the embedded cluster (TLS, WebSockets, pty shells) is not start-up cost for a real cluster.
    if (options.demo) {
      const { startDemoCluster } = await import('../demo/index.js');
      demo = await startDemoCluster({ seed: options.seed, speed: options.speed, namespace: options.namespace ?? DEMO_NAMESPACE, scalePods: options.scalePods, churn: options.churn });
    }
    const config = loadClusterConfig({
      kubeconfig: demo?.kubeconfigPath ?? options.kubeconfig,
      context: demo?.contextName ?? options.context,
      namespace: options.namespace,
    });
    const session = await connectCluster(config);
    return {
      session,
      close: async () => {
        session.close();
        await demo?.close();
      },
    };
  } catch (error) {
    await demo?.close();
    if (error instanceof ConfigError) throw new UserError(error.message);
    if (error instanceof ClusterConnectError) throw new UserError(error.message);
    throw error;
  }
}
