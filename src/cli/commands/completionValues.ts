import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { CompletionRequest } from './completionEngine.js';

/** How long a lookup may take in all, credential plugins included; then completion offers nothing. */
export const LOOKUP_TIMEOUT_MS = 1500;

/** PODSCOPE_COMPLETION_TIMEOUT_MS (a positive number of milliseconds) for a slow link or a loaded machine, else LOOKUP_TIMEOUT_MS. */
export function lookupTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.PODSCOPE_COMPLETION_TIMEOUT_MS);
  return Number.isFinite(asked) && asked > 0 ? asked : LOOKUP_TIMEOUT_MS;
}

/**
 * How long a list from the cluster is reused: bash runs the completion again on the second Tab, and
 * a user typing `podscope logs ch<Tab><Tab>` should not wait twice. Short enough that a pod that
 * just appeared shows up on the next try.
 */
export const CACHE_TTL_MS = 10_000;

type Lookup = Extract<CompletionRequest, { kind: 'lookup' }>;

/** $XDG_CACHE_HOME/podscope/completion (absolute only), else ~/.cache/podscope/completion. */
function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'podscope', 'completion');
}

function cached(key: string, now: number): string[] | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(cacheDirectory(), `${key}.json`), 'utf8')) as { at?: unknown; names?: unknown };
    if (typeof entry.at !== 'number' || now - entry.at > CACHE_TTL_MS || now < entry.at || !Array.isArray(entry.names)) return undefined;
    return entry.names.filter((name): name is string => typeof name === 'string');
  } catch {
    return undefined;
  }
}

function remember(key: string, names: readonly string[], now: number): void {
  try {
    const directory = cacheDirectory();
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(join(directory, `${key}.json`), JSON.stringify({ at: now, names }), { mode: 0o600 });
  } catch {
    // A read-only home only costs the next Tab a request.
  }
}

/**
 * The cache key of a lookup, made without loading the Kubernetes client (that is most of the cost of
 * a Tab): the kubeconfig files as they are now (path, size, mtime), the flags that choose the
 * cluster and namespace, and what is looked up. Editing the kubeconfig changes the key.
 */
function cacheKey(request: Lookup, env: NodeJS.ProcessEnv = process.env): string {
  const { kubeconfig, context, namespace } = request.cluster;
  const paths = kubeconfig !== undefined ? [kubeconfig] : env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(homedir(), '.kube', 'config')];
  const files = paths.map((path) => {
    try {
      const stat = statSync(path);
      return [resolve(path), stat.size, stat.mtimeMs];
    } catch {
      return [resolve(path)];
    }
  });
  return createHash('sha256')
    .update(JSON.stringify([files, context ?? '', namespace ?? '', request.source, request.pod ?? '']))
    .digest('hex')
    .slice(0, 32);
}

/** Asks the cluster the line names, through the kubeconfig like every other command. */
async function clusterNames(request: Lookup, signal: AbortSignal, timeoutMs: number): Promise<string[]> {
  // --demo starts a cluster of its own: nothing to ask without starting one, and that is not quick.
  if (request.cluster.demo) return [];
  const key = cacheKey(request);
  const now = Date.now();
  const known = cached(key, now);
  if (known !== undefined) return known;
  const [{ loadClusterConfig }, lookups] = await Promise.all([import('../../kube/kubeconfig.js'), import('../../kube/nameLookup.js')]);
  // A credential plugin gets the lookup's own budget (its default is 30 s, for a login prompt): then it is stopped.
  const config = loadClusterConfig({ kubeconfig: request.cluster.kubeconfig, context: request.cluster.context, namespace: request.cluster.namespace, execTimeoutMs: timeoutMs });
  let names: string[];
  if (request.source === 'namespaces') names = await lookups.listNamespaceNames(config.kubeConfig, signal);
  else if (request.source === 'pods') names = await lookups.listPodNames(config.kubeConfig, config.namespace, signal);
  else names = request.pod === undefined ? [] : await lookups.podContainerNames(config.kubeConfig, config.namespace, request.pod, signal);
  remember(key, names, now);
  return names;
}

async function names(request: Lookup, signal: AbortSignal, timeoutMs: number): Promise<string[]> {
  switch (request.source) {
    case 'contexts':
      return (await import('../../kube/kubeconfig.js')).kubeconfigContextNames({ kubeconfig: request.cluster.kubeconfig });
    case 'images':
      return new (await import('../tui/recentImages.js')).RecentImages().list();
    case 'files':
    case 'directories':
      return [];
    default:
      return clusterNames(request, signal, timeoutMs);
  }
}

/** The lookup's values that start with what is typed, or [] on any failure or after the timeout. */
export async function lookupValues(request: Lookup, timeoutMs = lookupTimeoutMs()): Promise<string[]> {
  const signal = AbortSignal.timeout(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
  });
  try {
    const found = await Promise.race([names(request, signal, timeoutMs).catch((): string[] => []), deadline]);
    return [...new Set(found)].filter((name) => name.startsWith(request.current));
  } finally {
    clearTimeout(timer);
  }
}
