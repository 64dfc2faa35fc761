import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, sep } from 'node:path';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
// The parser KubeConfig.loadFromString uses; client-node's own loadYaml would run the document
// through its ObjectSerializer, which loads every generated model.
import { load as loadYaml } from 'js-yaml';
import { CredentialAuthenticator, type CredentialSource } from './credentials/credentialSources.js';
import { ExecPlugin, type ExecConfig } from './credentials/execPlugin.js';
import { TokenFileSource } from './credentials/tokenFile.js';

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
  /** An exec credential plugin that has not answered by then is stopped (default 30 s). */
  execTimeoutMs?: number;
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
  /**
   * Forgets a credential that can be fetched again (an exec plugin's; a token file is read again
   * when it changes anyway) after the server refused it with 401. False: nothing to refresh.
   */
  refreshCredentials: () => boolean;
}

/**
 * Resolves cluster, user, context and namespace the way kubectl does.
 * client-node's loadFromDefault is not used because its merge differs from kubectl's: it throws on
 * a name defined in two files (kubectl: the first file wins), lets later files override
 * current-context (kubectl: the first file that sets it wins) and fails on missing files in
 * $KUBECONFIG (kubectl skips them).
 */
export function loadClusterConfig(options: ClusterConfigOptions = {}): ClusterConfig {
  const { files, merged } = readMerged(options);

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

  checkFiles(cluster, merged.users.find((candidate) => candidate.name === userName), userName);
  const credentials = credentialSources(merged, userName, cluster, options.execTimeoutMs);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: merged.clusters.map(allowPlainHttp),
    // client-node must not run its own exec runner or send a static token over ours.
    users: merged.users.map((user) => (credentials.has(user.name) ? { ...user, exec: undefined, token: undefined } : user)),
    contexts: merged.contexts,
    currentContext: contextName,
  });
  if (credentials.size > 0) kubeConfig.addAuthenticator(new CredentialAuthenticator(credentials));
  return {
    kubeConfig,
    contextName,
    clusterName: cluster.name,
    server: cluster.server,
    user: userName,
    namespace: options.namespace || context.namespace || 'default',
    sources: files.map((file) => file.path),
    refreshCredentials: () => {
      const source = credentials.get(userName);
      if (source?.kind === 'exec') source.plugin.invalidate();
      return source !== undefined;
    },
  };
}

function readMerged(options: ClusterConfigOptions): { files: LoadedFile[]; merged: MergedEntries } {
  const env = options.env ?? process.env;
  const files = readKubeconfigFiles(candidatePaths(options, env, options.home ?? homedir()), env);
  return { files, merged: mergeFirstWins(files) };
}

/** One context of the kubeconfig, for the context picker. */
export interface KubeContextInfo {
  name: string;
  cluster: string;
  /** The cluster's server; undefined when the context names a cluster the kubeconfig lacks. */
  server?: string;
  user: string;
  namespace?: string;
  /** The kubeconfig's current-context (not the one podscope may have switched to). */
  current: boolean;
}

/**
 * The contexts of the same kubeconfig files loadClusterConfig reads, merged the same way, in file
 * order. Reading only: podscope never writes a kubeconfig.
 */
export function listKubeContexts(options: ClusterConfigOptions = {}): KubeContextInfo[] {
  const { merged } = readMerged(options);
  return merged.contexts.map((context) => {
    const info: KubeContextInfo = { name: context.name, cluster: context.cluster, user: context.user ?? '', current: context.name === merged.currentContext };
    const server = merged.clusters.find((cluster) => cluster.name === context.cluster)?.server;
    if (server !== undefined) info.server = server;
    if (context.namespace !== undefined) info.namespace = context.namespace;
    return info;
  });
}

/** The context names of the merged kubeconfig (first file wins, as kubectl merges them). */
export function kubeconfigContextNames(options: Pick<ClusterConfigOptions, 'kubeconfig' | 'env' | 'home'> = {}): string[] {
  return readMerged(options).merged.contexts.map((context) => context.name);
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
  /** What client-node's parser drops, by user name. */
  extras: Map<string, UserExtras>;
}

/** Parts of a user stanza client-node does not keep (or keeps wrong), paths already absolute. */
interface UserExtras {
  tokenFile?: string;
  exec?: ExecConfig;
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
    loaded.push({ path, config: parseKubeconfig(path, text), extras: userExtras(path, text) });
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
  extras: Map<string, UserExtras>;
}

function mergeFirstWins(files: LoadedFile[]): MergedEntries {
  const merged: MergedEntries = { clusters: [], users: [], contexts: [], currentContext: '', extras: new Map() };
  for (const { config, extras } of files) {
    addNew(merged.clusters, config.getClusters());
    for (const user of config.getUsers()) {
      if (merged.users.some((existing) => existing.name === user.name)) continue;
      merged.users.push(user);
      const extra = extras.get(user.name);
      if (extra) merged.extras.set(user.name, extra);
    }
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

/** `tokenFile` and `exec` as kubectl reads them, from the file's own YAML. */
function userExtras(path: string, text: string): Map<string, UserExtras> {
  const extras = new Map<string, UserExtras>();
  if (isBlankYaml(text)) return extras;
  const document: unknown = loadYaml(text);
  const users = isRecord(document) && Array.isArray(document.users) ? document.users : [];
  const base = dirname(path);
  for (const entry of users) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || !isRecord(entry.user)) continue;
    const { tokenFile, exec } = entry.user;
    const extra: UserExtras = {};
    // Relative paths are relative to the kubeconfig; an exec command only when it names a path, not a PATH lookup.
    if (typeof tokenFile === 'string' && tokenFile !== '') extra.tokenFile = isAbsolute(tokenFile) ? tokenFile : join(base, tokenFile);
    if (isRecord(exec) && typeof exec.command === 'string' && exec.command !== '') {
      const command = exec.command.includes(sep) && !isAbsolute(exec.command) ? join(base, exec.command) : exec.command;
      extra.exec = {
        command,
        args: Array.isArray(exec.args) ? exec.args.map(String) : undefined,
        env: Array.isArray(exec.env) ? exec.env.filter(isRecord).map((item) => ({ name: String(item.name), value: String(item.value) })) : undefined,
        apiVersion: typeof exec.apiVersion === 'string' ? exec.apiVersion : undefined,
        installHint: typeof exec.installHint === 'string' ? exec.installHint : undefined,
        provideClusterInfo: exec.provideClusterInfo === true,
      };
    }
    if (extra.tokenFile || extra.exec) extras.set(entry.name, extra);
  }
  return extras;
}

function credentialSources(merged: MergedEntries, userName: string, cluster: Cluster, execTimeoutMs: number | undefined): Map<string, CredentialSource> {
  const sources = new Map<string, CredentialSource>();
  const extra = merged.extras.get(userName);
  const user = merged.users.find((candidate) => candidate.name === userName);
  if (!extra || !user) return sources;
  if (extra.exec) {
    const clusterInfo = { server: cluster.server, 'certificate-authority-data': cluster.caData, 'insecure-skip-tls-verify': cluster.skipTLSVerify };
    sources.set(userName, { kind: 'exec', plugin: new ExecPlugin(extra.exec, { user: userName, cluster: clusterInfo, timeoutMs: execTimeoutMs }) });
  } else if (extra.tokenFile) {
    sources.set(userName, { kind: 'tokenFile', source: new TokenFileSource(extra.tokenFile, user.token) });
  }
  return sources;
}

/** Certificate files named by the chosen cluster and user must be readable, as kubectl checks at start. */
function checkFiles(cluster: Cluster, user: User | undefined, userName: string): void {
  const files: Array<[string | undefined, string]> = [
    [cluster.caFile, `certificate-authority of cluster "${cluster.name}"`],
    [user?.certFile, `client-certificate of user "${userName}"`],
    [user?.keyFile, `client-key of user "${userName}"`],
  ];
  for (const [path, what] of files) {
    if (!path) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      throw new ConfigError(`cannot read the ${what} (${path}): ${fileErrorReason(err)}`);
    }
  }
  if (cluster.proxyUrl) {
    let protocol = '';
    try {
      protocol = new URL(cluster.proxyUrl).protocol;
    } catch {
      throw new ConfigError(`proxy-url of cluster "${cluster.name}" is not a URL: ${cluster.proxyUrl}`);
    }
    if (!['http:', 'https:', 'socks:', 'socks4:', 'socks5:', 'socks5h:'].includes(protocol)) {
      throw new ConfigError(`proxy-url of cluster "${cluster.name}" has an unsupported scheme ${protocol} (use http, https or socks5)`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
