import type { ClusterSession } from '../clusterSession.js';
import { describeKubeError } from '../errors.js';
import { RawRequestError, requestJson } from '../rawRequest.js';

export type DeleteSession = Pick<ClusterSession, 'kubeConfig'>;

export interface DeleteRequest {
  namespace: string;
  name: string;
  /** Undefined: the pod's own terminationGracePeriodSeconds. 0 is a force delete (kill). */
  gracePeriodSeconds?: number;
  /** Only this pod: a replacement that took the name since it was selected is never deleted. */
  uid?: string;
  signal?: AbortSignal;
}

export interface DeleteResult {
  /** The pod is gone already (grace 0, or it never ran); otherwise it is Terminating. */
  gone: boolean;
  /** The grace period the server gave the pod (deletionGracePeriodSeconds), when it stays Terminating. */
  gracePeriodSeconds?: number;
  uid?: string;
}

/** A delete that failed; the message is the one line to show. */
export class DeleteError extends Error {
  override readonly name = 'DeleteError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * DELETE of one pod as kubectl sends it (DeleteOptions with the grace period, background
 * propagation), with a uid precondition when the caller knows which pod it means.
 */
export async function deletePod(session: DeleteSession, request: DeleteRequest): Promise<DeleteResult> {
  const { namespace, name } = request;
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
  if (request.gracePeriodSeconds !== undefined) body['gracePeriodSeconds'] = request.gracePeriodSeconds;
  if (request.uid !== undefined) body['preconditions'] = { uid: request.uid };
  let answer: unknown;
  try {
    answer = await requestJson(session.kubeConfig, {
      method: 'DELETE',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
      body,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof RawRequestError && error.statusCode === 409 && request.uid !== undefined) {
      throw new DeleteError(`pod ${namespace}/${name} was replaced by a new pod of the same name; nothing was deleted`, 409);
    }
    const problem = describeKubeError(error, { what: `delete pod ${namespace}/${name}` });
    throw new DeleteError(problem.message, problem.status);
  }
  const object = record(answer);
  if (object['kind'] === 'Status') return { gone: true };
  const metadata = record(object['metadata']);
  const grace = metadata['deletionGracePeriodSeconds'];
  const uid = typeof metadata['uid'] === 'string' ? metadata['uid'] : undefined;
  // The answer is the pod as it was removed, or as it now is: Terminating with a deletion timestamp.
  if (metadata['deletionTimestamp'] === undefined || grace === 0) return { gone: true, uid };
  return { gone: false, gracePeriodSeconds: typeof grace === 'number' ? grace : undefined, uid };
}

/**
 * Waits until the pod is gone (404, or a new pod of the same name holds it): what `kubectl delete`
 * waits for by default. Polls, bounded by `signal`.
 */
export async function waitForPodGone(session: DeleteSession, request: { namespace: string; name: string; uid?: string; signal: AbortSignal; intervalMs?: number }): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.name)}`;
  for (;;) {
    try {
      const pod = record(await requestJson(session.kubeConfig, { method: 'GET', path, signal: request.signal }));
      if (request.uid !== undefined && record(pod['metadata'])['uid'] !== request.uid) return;
    } catch (error) {
      if (error instanceof RawRequestError && error.statusCode === 404) return;
      if (request.signal.aborted) throw new DeleteError(`timed out waiting for pod ${request.namespace}/${request.name} to be deleted`);
      throw new DeleteError(describeKubeError(error, { what: `wait for pod ${request.namespace}/${request.name} to be deleted` }).message);
    }
    await sleep(request.intervalMs ?? 500, request.signal);
    if (request.signal.aborted) throw new DeleteError(`timed out waiting for pod ${request.namespace}/${request.name} to be deleted`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
