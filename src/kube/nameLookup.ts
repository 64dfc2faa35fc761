import type { KubeConfig } from '@kubernetes/client-node';
import { readBoundedBody } from './http/boundedBody.js';
import { openKubeRequest } from './http/kubeRequest.js';

/** Names only: real API servers answer with metadata alone; others fall back to the full list. */
const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1, application/json';

/** At most this many names: a completion list longer than this is read by nobody. */
const MAX_NAMES = 5000;

/** The largest answer read; a list of metadata for MAX_NAMES pods fits easily. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * GETs one API path as JSON, within `signal`. Built for shell completion: one request, no retry,
 * any failure (refused, forbidden, slow, not JSON, too large) rejects and the caller stays silent.
 */
export async function getJson(kubeConfig: KubeConfig, path: string, signal: AbortSignal, accept = 'application/json'): Promise<unknown> {
  const response = await openKubeRequest(kubeConfig, path, { signal, accept });
  const body = await readBoundedBody(response, MAX_BODY_BYTES, () => new Error('answer too large'));
  if (response.statusCode !== 200) throw new Error(`the server answered ${response.statusCode ?? 0}`);
  return JSON.parse(body.toString('utf8')) as unknown;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The `name` of each entry of an array field, skipping anything malformed. */
function namesIn(list: unknown, nameOf: (item: unknown) => unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map(nameOf).filter((name): name is string => typeof name === 'string');
}

function names(list: unknown): string[] {
  return namesIn(record(list)['items'], (item) => record(record(item)['metadata'])['name']);
}

export async function listNamespaceNames(kubeConfig: KubeConfig, signal: AbortSignal): Promise<string[]> {
  return names(await getJson(kubeConfig, `/api/v1/namespaces?limit=${MAX_NAMES}`, signal, METADATA_LIST));
}

export async function listPodNames(kubeConfig: KubeConfig, namespace: string, signal: AbortSignal): Promise<string[]> {
  return names(await getJson(kubeConfig, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?limit=${MAX_NAMES}`, signal, METADATA_LIST));
}

/** Every container of the pod: app, init (sidecars among them) and ephemeral, in that order. */
export async function podContainerNames(kubeConfig: KubeConfig, namespace: string, pod: string, signal: AbortSignal): Promise<string[]> {
  const spec = record(record(await getJson(kubeConfig, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`, signal))['spec']);
  return ['containers', 'initContainers', 'ephemeralContainers'].flatMap((field) => namesIn(spec[field], (container) => record(container)['name']));
}
