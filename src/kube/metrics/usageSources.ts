import type { KubeConfig } from '@kubernetes/client-node';
import type { PodUsage } from '../../model/usage.js';
import { KubeHttpError } from '../http/kubeRequest.js';
import type { NamespaceScope } from '../sources.js';
import { getJson } from '../http/jsonGet.js';
import { podUsageFromMetrics, podUsageFromSummary } from './usageDecoding.js';

/** Why a source gave nothing: a short word for `usage: not available (…)`. */
export function refusalWord(error: unknown): string {
  if (error instanceof KubeHttpError) {
    if (error.statusCode === 403) return 'forbidden';
    if (error.statusCode === 401) return 'unauthorized';
    if (error.statusCode === 404) return '404';
    if (error.statusCode === 503) return '503 service unavailable';
    return String(error.statusCode);
  }
  if (error instanceof Error && error.name === 'AbortError') return 'timed out';
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'failed';
}

/** The answers that mean "this source does not exist for you here", not "try again later". */
export function isAbsent(error: unknown): boolean {
  return error instanceof KubeHttpError && [401, 403, 404, 503].includes(error.statusCode);
}

/** One PodMetrics list per scope, as `kubectl top pod` and k9s read it. */
export async function metricsApiUsage(kubeConfig: KubeConfig, scope: NamespaceScope, signal: AbortSignal): Promise<PodUsage[]> {
  const path = 'namespace' in scope ? `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(scope.namespace)}/pods` : '/apis/metrics.k8s.io/v1beta1/pods';
  return podUsageFromMetrics(await getJson(kubeConfig, path, { signal }));
}

export interface SummaryOptions {
  /** Nodes asked at once. */
  concurrency: number;
  /** At most this many nodes per poll; the rest are said to be left out. */
  maxNodes: number;
}

export interface SummaryResult {
  pods: PodUsage[];
  /** Nodes asked, of those holding shown pods. */
  asked: number;
  total: number;
  /** Nodes that did not answer, with why (the first error's word). */
  failed: number;
  firstError?: unknown;
}

/**
 * The kubelets' stats/summary through the API server's node proxy, one request per node that
 * holds pods of the scope, a few at a time. Rejects only when every node refused (the caller then
 * knows the source is not there for this user); pods outside the scope (or the namespaces asked
 * for) are dropped.
 */
export async function summaryUsage(
  kubeConfig: KubeConfig,
  scope: NamespaceScope | { namespaces: readonly string[] },
  nodes: readonly string[],
  options: SummaryOptions,
  signal: AbortSignal,
): Promise<SummaryResult> {
  const inScope = (namespace: string): boolean => ('namespace' in scope ? namespace === scope.namespace : 'namespaces' in scope ? scope.namespaces.includes(namespace) : true);
  const chosen = [...new Set(nodes)].sort().slice(0, options.maxNodes);
  const pods: PodUsage[] = [];
  let failed = 0;
  let firstError: unknown;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chosen.length && !signal.aborted) {
      const node = chosen[next++] as string;
      try {
        const body = await getJson(kubeConfig, `/api/v1/nodes/${encodeURIComponent(node)}/proxy/stats/summary`, { signal });
        for (const pod of podUsageFromSummary(body)) if (inScope(pod.namespace)) pods.push(pod);
      } catch (error) {
        failed += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, chosen.length)) }, worker));
  if (chosen.length > 0 && failed === chosen.length) throw firstError;
  const result: SummaryResult = { pods, asked: chosen.length, total: new Set(nodes).size, failed };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}
