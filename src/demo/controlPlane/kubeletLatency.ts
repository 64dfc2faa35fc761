/** A delay drawn uniformly from [min, max) milliseconds. */
export type LatencyRange = readonly [number, number];

/** How long the simulated kubelet and runtime take for each step of a pod's life. */
export const kubeletLatency = {
  pickup: [40, 160],
  sandbox: [250, 600],
  create: [20, 70],
  start: [40, 120],
  /** The PLEG relists every second: an exit is noticed within it. */
  noticeExit: [300, 1000],
  /** Pods with a container in back-off are synced again this often. */
  resync: [10_000, 13_000],
  /** Status write and sandbox teardown after the last container stopped. */
  cleanup: [150, 450],
  /** After a failed pull the next sync follows quickly and finds the image in back-off. */
  afterPullFailure: [800, 1200],
} as const satisfies Record<string, LatencyRange>;
