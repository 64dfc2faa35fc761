import type { CoreV1Api, CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describeKubeError, type KubeErrorDescription } from './errors.js';

/** A one-shot read failed; the message is the one line to show. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(readonly problem: KubeErrorDescription) {
    super(problem.message);
  }
}

async function described<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ReadError(describeKubeError(error, { what }));
  }
}

export function readPod(coreApi: CoreV1Api, namespace: string, name: string): Promise<V1Pod> {
  return described(`read pod ${namespace}/${name}`, () => coreApi.readNamespacedPod({ namespace, name }));
}

/** The pod's events as `kubectl describe` asks for them: by involved object name and namespace. */
export async function listPodEvents(coreApi: CoreV1Api, namespace: string, name: string): Promise<CoreV1Event[]> {
  const list = await described(`list events of pod ${namespace}/${name}`, () =>
    coreApi.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace}` }),
  );
  return list.items;
}

/** The pods a label selector picks in one namespace, in the server's order (by name), as `kubectl logs -l` lists them. */
export async function listPodsBySelector(coreApi: CoreV1Api, namespace: string, labelSelector: string): Promise<V1Pod[]> {
  const list = await described(`list pods in ${namespace}`, () => coreApi.listNamespacedPod({ namespace, labelSelector }));
  return list.items;
}
