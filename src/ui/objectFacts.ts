import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { eventFacts, type EventFacts } from '../model/eventRows.js';
import { podFacts, type PodFacts } from '../model/podColumns.js';

/**
 * Store objects are replaced, never changed, when the cluster changes them: what a row says apart
 * from the clock (its cleaned cluster text included) is computed once per object and remembered
 * for as long as the object lives.
 */
function memoByObject<T extends object, R>(compute: (object: T) => R): (object: T) => R {
  const memo = new WeakMap<T, R>();
  return (object) => {
    let value = memo.get(object);
    if (value === undefined) {
      value = compute(object);
      memo.set(object, value);
    }
    return value;
  };
}

export const podFactsOf: (pod: V1Pod) => PodFacts = memoByObject(podFacts);
export const eventFactsOf: (event: CoreV1Event) => EventFacts = memoByObject(eventFacts);
