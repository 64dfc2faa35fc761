import type { ObjectStoreApi } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import type { PodNetwork } from '../network/podNetwork.js';
import type { Backoff } from './backoff.js';
import type { Behaviours } from './behaviours.js';
import type { EventRecorder } from './eventRecorder.js';
import type { NodeImages } from './imagePuller.js';
import type { NodeIpam } from './ipam.js';
import type { LogStore } from './logStore.js';
import type { ClusterNode } from './nodes.js';
import type { Random } from './random.js';

/** Everything a node's kubelet shares between its pod workers. */
export interface KubeletContext {
  node: ClusterNode;
  store: ObjectStoreApi;
  clock: Clock;
  events: EventRecorder;
  logs: LogStore;
  behaviours: Behaviours;
  images: NodeImages;
  ipam: NodeIpam;
  containerBackoff: Backoff;
  imageBackoff: Backoff;
  random: Random;
  /** Forces the interval of steady log output (the `logRate` firehose). */
  steadyIntervalMs?: number;
  /** Only these pods (`namespace/name`) get the firehose; absent: every pod. */
  firehosePods?: ReadonlySet<string>;
  /** Where containers' servers listen; absent: nothing listens (port-forward finds every port refused). */
  network?: PodNetwork;
}
