import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import type { EventScope, NamespaceScope } from '../sources.js';
import type { ResourceStore } from '../resourceStore.js';
import { containerProgress, type ContainerProgress } from './containerProgress.js';
import { DebugError } from './debugError.js';

export const DEFAULT_WAIT_TIMEOUT_MS = 120_000;
/** After a pull failure shows in the status, how long to wait for its Failed event (which says why). */
const FAILURE_EVENT_GRACE_MS = 3_000;

export interface WaitSession {
  podStore(scope: NamespaceScope): ResourceStore<Pod>;
  eventStore(scope: EventScope): ResourceStore<KubeEvent>;
}

export interface WaitOptions {
  namespace: string;
  pod: string;
  container: string;
  /** default 120 s */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every new snapshot (deduplicated), for a live panel or progress lines. */
  onProgress?: (progress: ContainerProgress) => void;
  /**
   * The pod is known to exist (the container was just added to it): a pod missing from the first
   * list was deleted meanwhile, not mistyped. Default true.
   */
  podExisted?: boolean;
}

/**
 * Watches the pod and its events until `container` runs; resolves with the running snapshot.
 * Rejects with a DebugError: pullFailed (the event's own message), terminated (exited before
 * attach; its logs remain), timeout/aborted (the container stays and can be attached later; the
 * error's `problem` is its line without saying so, and `extra.stays` names the pod),
 * notFound (pod gone), podFinished, or the store's forbidden/failed line.
 */
export function waitForContainer(session: WaitSession, options: WaitOptions): Promise<ContainerProgress> {
  const { namespace, pod: podName, container } = options;
  const pods = session.podStore({ namespace });
  const events = session.eventStore({ namespace, fieldSelector: `involvedObject.name=${podName},involvedObject.namespace=${namespace}` });
  /** Timed out or stopped: the container is left starting, and can be attached once it runs. */
  const stays = (problem: string, kind: 'timeout' | 'aborted'): DebugError =>
    new DebugError(`${problem}; ${container} stays in pod ${podName} and can be attached later`, kind, { container, stays: { pod: podName, problem } });

  return new Promise<ContainerProgress>((resolve, reject) => {
    let settled = false;
    let seenPod = options.podExisted ?? true;
    let lastKey = '';
    let graceTimer: NodeJS.Timeout | undefined;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const timer = setTimeout(() => finish(stays(`${container} is still not running after ${formatSeconds(timeoutMs)}`, 'timeout')), timeoutMs);

    const onAbort = (): void => finish(stays(`stopped waiting for ${container}`, 'aborted'));
    const unsubscribes = [pods.subscribe(check), events.subscribe(check)];
    options.signal?.addEventListener('abort', onAbort, { once: true });

    function finish(outcome: ContainerProgress | DebugError): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const unsubscribe of unsubscribes) unsubscribe();
      pods.close();
      events.close();
      if (outcome instanceof DebugError) reject(outcome);
      else resolve(outcome);
    }

    function check(): void {
      if (settled) return;
      for (const store of [pods, events]) {
        const connection = store.connection();
        if (connection.kind === 'forbidden' || connection.kind === 'failed') {
          finish(new DebugError(connection.message, connection.kind === 'forbidden' ? 'forbidden' : 'other', { container }));
          return;
        }
      }
      const pod = pods.snapshot().find((p) => p.metadata?.name === podName);
      if (pod === undefined) {
        if (pods.connection().kind === 'live') finish(new DebugError(seenPod ? `pod ${podName} was deleted` : `pods "${podName}" not found`, 'notFound', { container }));
        return;
      }
      seenPod = true;
      const progress = containerProgress(pod, events.snapshot(), container);
      const key = JSON.stringify(progress);
      if (key !== lastKey) {
        lastKey = key;
        options.onProgress?.(progress);
      }
      if (progress.phase === 'running') return finish(progress);
      if (progress.phase === 'terminated') {
        const how = progress.exitCode !== undefined ? `exited with code ${progress.exitCode}` : 'terminated';
        return finish(new DebugError(`${container} ${how} before it could be attached; its logs remain (podscope/kubectl logs ${podName} -c ${container})`, 'terminated', { container }));
      }
      if (progress.phase === 'failed') return failSoon(progress);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        finish(new DebugError(`ephemeral containers cannot start in a pod that has stopped (pod ${podName} is ${phase})`, 'podFinished', { container, copyToSuggested: true }));
      }
    }

    /** Fails with the Failed event's message once it is there (or after a short grace, with the status's). */
    function failSoon(progress: ContainerProgress): void {
      const failed = [...progress.events].reverse().find((event) => event.reason === 'Failed' && !event.message.startsWith('Error: '));
      if (failed) return finish(new DebugError(failed.message, 'pullFailed', { container }));
      const fallback = progress.message ? `${progress.reason}: ${progress.message}` : (progress.reason ?? 'the container cannot start');
      graceTimer ??= setTimeout(() => finish(new DebugError(fallback, 'pullFailed', { container })), FAILURE_EVENT_GRACE_MS);
    }

    check();
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
