import type { JsonObject, ObjectKey, ObjectStoreApi } from './apiTypes.js';
import { numberAt, objectAt, stringAt } from './jsonAccess.js';
import { formatTimestamp } from './timestamps.js';

/**
 * The grace period a delete gets, as the pod registry decides it: the request's, else the pod's
 * terminationGracePeriodSeconds, else 30 s; 0 for a pod that never reached a node or has finished
 * (nothing runs that could be stopped gracefully). A negative request counts as 1, so it cannot
 * bypass graceful deletion.
 */
export function effectiveGracePeriod(pod: JsonObject, requested: number | undefined): number {
  const phase = stringAt(pod, 'status', 'phase');
  if ((stringAt(pod, 'spec', 'nodeName') ?? '') === '' || phase === 'Succeeded' || phase === 'Failed') return 0;
  if (requested !== undefined) return requested < 0 ? 1 : requested;
  return Math.max(0, numberAt(pod, 'spec', 'terminationGracePeriodSeconds') ?? 30);
}

/**
 * Graceful deletion: a pod running on a node gets a deletionTimestamp and stays (Terminating) until
 * its kubelet removes it; grace 0 removes it at once. A second delete may shorten the grace period,
 * never extend it. Returns the pod as the DELETE answers it, undefined when it is gone already.
 */
export function deletePodObject(store: ObjectStoreApi, key: ObjectKey, grace: number, now: Date): JsonObject | undefined {
  if (grace === 0) return store.remove(key);
  const deadline = now.getTime() + grace * 1000;
  return store.update(key, (object) => {
    const metadata = objectAt(object, 'metadata');
    if (metadata === undefined) return;
    const current = typeof metadata['deletionTimestamp'] === 'string' ? Date.parse(metadata['deletionTimestamp']) : undefined;
    if (current !== undefined && !Number.isNaN(current) && current <= deadline) return;
    metadata['deletionTimestamp'] = formatTimestamp(new Date(deadline));
    metadata['deletionGracePeriodSeconds'] = grace;
  });
}
