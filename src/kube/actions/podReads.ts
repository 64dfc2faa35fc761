import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { ClusterSession } from '../clusterSession.js';
import { describeKubeError } from '../errors.js';
import { ReadError } from '../podReads.js';
import { requestJson } from '../rawRequest.js';
import { withSignal } from '../requestOptions.js';

export type PodSession = Pick<ClusterSession, 'coreApi' | 'kubeConfig'>;

/** What a raw read needs. */
export type RawSession = Pick<ClusterSession, 'kubeConfig'>;

function podPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
}

/** The pod exactly as the API server sent it (every field, in its order): what `get -o yaml|json` prints. */
export async function readRawPod(session: RawSession, namespace: string, name: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  try {
    const object = await requestJson(session.kubeConfig, { method: 'GET', path: podPath(namespace, name), signal });
    if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new Error('the server answered something that is not an object');
    return object as Record<string, unknown>;
  } catch (error) {
    throw new ReadError(describeKubeError(error, { what: `read pod ${namespace}/${name}` }));
  }
}

export interface PodDescriptionInput {
  pod: V1Pod;
  /** Undefined when they could not be listed: kubectl then prints no Events section at all. */
  events: CoreV1Event[] | undefined;
}

/**
 * What `kubectl describe pod` reads: a fresh GET of the pod and the events about it, selected as
 * kubectl does by the involved object's name, namespace and uid (a new pod of the same name does
 * not inherit the old one's events).
 */
export async function readPodDescription(session: PodSession, namespace: string, name: string, signal?: AbortSignal): Promise<PodDescriptionInput> {
  const options = signal === undefined ? undefined : withSignal(signal);
  let pod: V1Pod;
  try {
    pod = await (await session.coreApi()).readNamespacedPod({ namespace, name }, options);
  } catch (error) {
    throw new ReadError(describeKubeError(error, { what: `read pod ${namespace}/${name}` }));
  }
  const selector = [`involvedObject.name=${name}`, `involvedObject.namespace=${namespace}`];
  const uid = pod.metadata?.uid;
  if (uid !== undefined && uid !== '') selector.push(`involvedObject.uid=${uid}`);
  try {
    const list = await (await session.coreApi()).listNamespacedEvent({ namespace, fieldSelector: selector.join(',') }, options);
    return { pod, events: list.items };
  } catch {
    // kubectl describes the pod without its events when they cannot be listed (e.g. forbidden).
    return { pod, events: undefined };
  }
}
