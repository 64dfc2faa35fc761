import type { Argv } from 'yargs';

/** Options that choose the cluster, shared by the TUI and every non-interactive command. */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  demo?: boolean;
  seed: number;
  speed: number;
  scalePods?: number;
  churn?: number;
  /** Demo cluster: serve metrics.k8s.io (default); false leaves usage to the kubelets' stats/summary. */
  metricsApi?: boolean;
}

export interface ScaleArgs {
  'scale-pods'?: number;
  churn?: number;
  'metrics-api'?: boolean;
}

/** The same options as yargs parses them (kebab-case); handlers receive both spellings. */
export interface ClusterArgs {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  demo?: boolean;
  seed: number;
  speed: number;
}

/** --scale-pods and --churn, for `demo-server` and `--demo`: the embedded cluster at the size of a big one. */
export function withScaleOptions<T>(yargs: Argv<T>): Argv<T & ScaleArgs> {
  return yargs
    .option('scale-pods', { type: 'number', describe: 'Demo cluster: this many more pods, in namespaces of their own (e.g. 20000)' })
    .option('churn', { type: 'number', describe: 'Demo cluster: pod status updates per second, spread over the --scale-pods pods' })
    .option('metrics-api', { type: 'boolean', describe: "Demo cluster: serve metrics.k8s.io (default true; false leaves usage to the kubelets' stats/summary)" })
    .check((args) => {
      const pods = args['scale-pods'];
      const churn = args['churn'];
      if (pods !== undefined && !(Number.isInteger(pods) && pods >= 0)) throw new Error(`--scale-pods must be a whole number of pods, got ${String(pods)}`);
      if (churn !== undefined && !(Number.isFinite(churn) && churn >= 0)) throw new Error(`--churn must be a number of updates per second, got ${String(churn)}`);
      if (churn !== undefined && churn > 0 && !(pods !== undefined && pods > 0)) throw new Error('--churn needs --scale-pods: it updates those pods');
      return true;
    }) as Argv<T & ScaleArgs>;
}

/** The cluster flags every command that talks to a cluster takes. */
export function withClusterOptions<T>(yargs: Argv<T>): Argv<T & ClusterArgs> {
  return yargs
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' })
    .option('context', { type: 'string', describe: 'The kubeconfig context to use (default: the current context)' })
    .option('namespace', { alias: 'n', type: 'string', describe: "Namespace (default: the context's namespace, else default)" })
    .option('demo', { type: 'boolean', describe: 'Start the embedded demo cluster on 127.0.0.1 and connect to it' })
    .option('seed', { type: 'number', default: 1, describe: 'Demo cluster: seed for names, IPs and timings' })
    .option('speed', { type: 'number', default: 1, describe: 'Demo cluster: how much faster than real time its clock runs' })
    .conflicts('demo', ['kubeconfig', 'context']);
}

/** --scale-pods and --churn for the explorer's `--demo` (the one-shot commands have no use for them). */
export function withDemoScaleOptions<T>(yargs: Argv<T>): Argv<T & ScaleArgs> {
  return withScaleOptions(yargs).implies('scale-pods', 'demo').implies('churn', 'demo');
}
