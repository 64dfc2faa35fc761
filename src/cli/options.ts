import type { Argv } from 'yargs';

/** Options that choose the cluster, shared by the TUI and every non-interactive command. */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  demo?: boolean;
  seed: number;
  speed: number;
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
