import type { V1Pod } from '@kubernetes/client-node';
import type { PodKey } from './state.js';

export function podKeyOf(pod: V1Pod): PodKey {
  return { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pods in the order kubectl lists them: by namespace, then name. Issue 3 adds other sort keys. */
export function sortPods(pods: readonly V1Pod[]): V1Pod[] {
  return [...pods].sort((a, b) => {
    const ka = podKeyOf(a);
    const kb = podKeyOf(b);
    return compareText(ka.namespace, kb.namespace) || compareText(ka.name, kb.name);
  });
}
