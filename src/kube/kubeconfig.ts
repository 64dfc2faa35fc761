import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

/** A kubeconfig problem, phrased as the one line the user will read. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ClusterConfigOptions {
  /** --kubeconfig: one file; when set, $KUBECONFIG and ~/.kube/config are not read. */
  kubeconfig?: string;
  /** --context: overrides the kubeconfig's current-context. */
  context?: string;
  /** --namespace: overrides the context's namespace. */
  namespace?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface ClusterConfig {
  /** Holds the merged kubeconfig with the chosen context as its current context. */
  kubeConfig: KubeConfig;
  contextName: string;
  clusterName: string;
  server: string;
  /** The kubeconfig user name of the context ('' when the context names none). */
  user: string;
  namespace: string;
  /** The files that were read, in precedence order. */
  sources: string[];
}

/**
 * Resolves cluster, user, context and namespace the way kubectl does.
 * client-node's loadFromDefault is not used because its merge differs from kubectl's: it throws on
 * a name defined in two files (kubectl: the first file wins), lets later files override
 * current-context (kubectl: the first file that sets it wins) and fails on missing files in
 * $KUBECONFIG (kubectl skips them).
 */
export function loadClusterConfig(options: ClusterConfigOptions = {}): ClusterConfig {
  const env = options.env ?? process.env;
  const files = readKubeconfigFiles(candidatePaths(options, env, options.home ?? homedir()), env);
  const merged = mergeFirstWins(files.map((file) => file.config));

  const contextNames = merged.contexts.map((context) => context.name);
  const available = `(available: ${contextNames.length > 0 ? contextNames.join(', ') : 'none'})`;
  const contextName = options.context || merged.currentContext;
  if (!contextName) {
    throw new ConfigError(`no current context is set in kubeconfig; choose one with --context ${available}`);
  }
  const context = merged.contexts.find((candidate) => candidate.name === contextName);
  if (!context) throw new ConfigError(`context "${contextName}" not found in kubeconfig ${available}`);

  const cluster = merged.clusters.find((candidate) => candidate.name === context.cluster);
  if (!cluster) throw new ConfigError(`cluster "${context.cluster}" of context "${contextName}" not found in kubeconfig`);
  // The typings say string, but a context may name no user (kubectl then connects anonymously).
  const userName: string = context.user ?? '';
  if (userName && !merged.users.some((candidate) => candidate.name === userName)) {
    throw new ConfigError(`user "${userName}" of context "${contextName}" not found in kubeconfig`);
  }

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: merged.clusters.map(allowPlainHttp),
    users: merged.users,
    contexts: merged.contexts,
    currentContext: contextName,
  });
  return {
    kubeConfig,
    contextName,
    clusterName: cluster.name,
    server: cluster.server,
    user: userName,
    namespace: options.namespace || context.namespace || 'default',
    sources: files.map((file) => file.path),
  };
}

/** The context names of the merged kubeconfig (first file wins, as kubectl merges them). */
export function kubeconfigContextNames(options: Pick<ClusterConfigOptions, 'kubeconfig' | 'env' | 'home'> = {}): string[] {
  const env = options.env ?? process.env;
  const files = readKubeconfigFiles(candidatePaths(options, env, options.home ?? homedir()), env);
  return mergeFirstWins(files.map((file) => file.config)).contexts.map((context) => context.name);
}

interface Candidates {
  paths: string[];
  /** Missing files are skipped only in a $KUBECONFIG list (and ~/.kube/config may be absent). */
  missingIsError: boolean;
}

function candidatePaths(options: ClusterConfigOptions, env: NodeJS.ProcessEnv, home: string): Candidates {
  if (options.kubeconfig) return { paths: [options.kubeconfig], missingIsError: true };
  const list = env.KUBECONFIG;
  if (list) {
    const paths = [...new Set(list.split(delimiter).filter((path) => path.length > 0))];
    return { paths, missingIsError: false };
  }
  return { paths: [join(home, '.kube', 'config')], missingIsError: false };
}

interface LoadedFile {
  path: string;
  config: KubeConfig;
}

function readKubeconfigFiles(candidates: Candidates, env: NodeJS.ProcessEnv): LoadedFile[] {
  const loaded: LoadedFile[] = [];
  for (const path of candidates.paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if (!candidates.missingIsError && errorCode(err) === 'ENOENT') continue;
      throw new ConfigError(`cannot read kubeconfig ${path}: ${fileErrorReason(err)}`);
    }
    loaded.push({ path, config: parseKubeconfig(path, text) });
  }
  if (loaded.length === 0) {
    const lookedAt = env.KUBECONFIG ? `$KUBECONFIG: ${candidates.paths.join(', ')}` : '$KUBECONFIG / ~/.kube/config';
    throw new ConfigError(`no kubeconfig found (looked at ${lookedAt}); try: podscope --demo`);
  }
  return loaded;
}

function parseKubeconfig(path: string, text: string): KubeConfig {
  const config = new KubeConfig();
  // kubectl accepts an empty file as an empty config; js-yaml reads it as null, which client-node trips over.
  if (isBlankYaml(text)) return config;
  try {
    config.loadFromString(text);
  } catch (err) {
    throw new ConfigError(`kubeconfig ${path} is not valid: ${firstLine(err)}`);
  }
  // Relative certificate paths are relative to the file that names them, as in kubectl.
  config.makePathsAbsolute(dirname(path));
  return config;
}

interface MergedEntries {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

function mergeFirstWins(configs: KubeConfig[]): MergedEntries {
  const merged: MergedEntries = { clusters: [], users: [], contexts: [], currentContext: '' };
  for (const config of configs) {
    addNew(merged.clusters, config.getClusters());
    addNew(merged.users, config.getUsers());
    addNew(merged.contexts, config.getContexts());
    // client-node leaves currentContext undefined when the file sets none, despite its typings.
    const current: string | undefined = config.getCurrentContext();
    if (!merged.currentContext && current) merged.currentContext = current;
  }
  return merged;
}

function addNew<T extends { name: string }>(into: T[], entries: readonly T[]): void {
  for (const entry of entries) {
    if (!into.some((existing) => existing.name === entry.name)) into.push(entry);
  }
}

/**
 * kubectl talks to http:// servers as they are; client-node refuses unless insecure-skip-tls-verify
 * is set. TLS verification has no meaning for plain HTTP, so setting it changes nothing else.
 */
function allowPlainHttp(cluster: Cluster): Cluster {
  return cluster.server.startsWith('http:') && !cluster.skipTLSVerify ? { ...cluster, skipTLSVerify: true } : cluster;
}

function isBlankYaml(text: string): boolean {
  return text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line) || line.trim() === '---');
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

const fileErrorReasons: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is not a directory',
};

function fileErrorReason(err: unknown): string {
  const code = errorCode(err);
  return (code && fileErrorReasons[code]) ?? firstLine(err);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]?.trim() || 'unknown error';
}
