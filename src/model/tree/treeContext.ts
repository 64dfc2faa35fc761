import type { KubeEvent } from '../apiObjects.js';
import type { OwnerLookup } from './ownerChain.js';

/** What the tree shows beyond the pod object itself; each part absent = that detail left out. */
export interface TreeContext {
  /** The pod's events (model/eventRows eventsForPod): its probes' last failures. */
  events?: readonly KubeEvent[];
  /** Owner objects read from the cluster (src/kube/owners): the owner chain past the pod's own reference. */
  owners?: OwnerLookup;
}
