import type { JsonObject, ObjectKey } from '../apiTypes.js';
import type { Clock, ClockTimer } from '../clock.js';
import { isJsonObject, objectList } from '../controlPlane/json.js';
import type { Random } from '../controlPlane/random.js';
import type { ObjectStore } from '../objectStore.js';
import { formatTimestamp } from '../timestamps.js';

export interface ChurnOptions {
  /** Status updates per second of the cluster's clock, spread over `pods`. */
  rate: number;
  clock: Clock;
  random: Random;
}

/** How often the churn wakes up; each wake-up writes the updates that fell due since the last. */
const tickMs = 20;

function setReady(status: JsonObject, container: JsonObject, ready: boolean, at: string): void {
  container['ready'] = ready;
  const statuses = objectList(status, 'containerStatuses');
  const unready = statuses.filter((item) => item['ready'] !== true).map((item) => String(item['name']));
  const allReady = unready.length === 0;
  for (const condition of objectList(status, 'conditions')) {
    if (condition['type'] !== 'Ready' && condition['type'] !== 'ContainersReady') continue;
    const value = allReady ? 'True' : 'False';
    if (condition['status'] !== value) condition['lastTransitionTime'] = at;
    condition['status'] = value;
    if (allReady) {
      delete condition['reason'];
      delete condition['message'];
    } else {
      condition['reason'] = 'ContainersNotReady';
      condition['message'] = `containers with unready status: [${unready.join(' ')}]`;
    }
  }
}

/**
 * One status update as a kubelet would write it: a readiness probe that starts failing, a container
 * restart (the previous instance killed, a new one started, not ready yet), or, with `recover`, a
 * pod that failed before passing its probe again. A crash-looping pod only counts another restart.
 */
function churnPod(pod: JsonObject, random: Random, at: string, recover: boolean): boolean {
  const status = pod['status'];
  if (!isJsonObject(status)) return false;
  const statuses = objectList(status, 'containerStatuses');
  const container = statuses[0];
  if (container === undefined) return false;
  const state = container['state'];
  const waiting = isJsonObject(state) && isJsonObject(state['waiting']);
  if (recover) {
    if (waiting || container['ready'] === true) return false;
    setReady(status, container, true, at);
    touchKubelet(pod, at);
    return false;
  }
  const restart = waiting || random.chance(0.2);
  if (restart) {
    const restarts = typeof container['restartCount'] === 'number' ? container['restartCount'] : 0;
    const running = isJsonObject(state) && isJsonObject(state['running']) ? state['running'] : undefined;
    container['restartCount'] = restarts + 1;
    container['lastState'] = {
      terminated: {
        exitCode: waiting ? 1 : 137,
        reason: waiting ? 'Error' : random.chance(0.3) ? 'OOMKilled' : 'Error',
        startedAt: running?.['startedAt'] ?? at,
        finishedAt: at,
        containerID: container['containerID'],
      },
    };
    container['containerID'] = `containerd://${random.hex(64)}`;
    if (!waiting) {
      container['state'] = { running: { startedAt: at } };
      setReady(status, container, false, at);
    }
  } else {
    setReady(status, container, false, at);
  }
  touchKubelet(pod, at);
  // Whether the pod is now unready and should recover later.
  return !waiting;
}

function touchKubelet(pod: JsonObject, at: string): void {
  const metadata = pod['metadata'];
  if (!isJsonObject(metadata)) return;
  for (const entry of objectList(metadata, 'managedFields')) if (entry['manager'] === 'kubelet') entry['time'] = at;
}

/**
 * Writes `rate` pod status updates a second, each to a pod drawn at random from `pods`: the load a
 * big cluster's kubelets put on the API server, here for the watch fan-out and the clients behind it.
 */
export class Churn {
  private timer: ClockTimer | undefined;
  private startedAt = 0;
  /** Updates due so far that were written or given up (a backlog beyond a second is dropped). */
  private accounted = 0;
  private written = 0;
  /** Pods this churn made unready, oldest first: each becomes ready again a little later. */
  private readonly unready: ObjectKey[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly pods: readonly ObjectKey[],
    private readonly options: ChurnOptions,
  ) {}

  /** Updates written so far. */
  get updates(): number {
    return this.written;
  }

  start(): void {
    if (this.timer !== undefined || this.pods.length === 0 || !(this.options.rate > 0)) return;
    this.startedAt = this.options.clock.now();
    this.schedule();
  }

  stop(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.options.clock.setTimeout(() => this.tick(), tickMs);
  }

  private tick(): void {
    const { clock, random, rate } = this.options;
    const now = clock.now();
    const due = Math.floor(((now - this.startedAt) * rate) / 1000);
    const at = formatTimestamp(new Date(now));
    // A stall (a busy event loop) is not made up for all at once: at most a second's worth per tick.
    const count = Math.max(0, Math.min(due - this.accounted, Math.ceil(rate)));
    for (let i = 0; i < count; i++) {
      // Half the updates bring a pod back (always once about two seconds' worth are unready), so
      // the fleet keeps its shape: a few percent flapping, not a cluster slowly going red.
      const recover = this.unready.length > 0 && (this.unready.length >= 2 * rate || random.chance(0.5));
      const key = recover ? this.unready.shift() : this.pods[random.int(this.pods.length)];
      if (key === undefined) continue;
      let nowUnready = false;
      const before = this.store.resourceVersion();
      this.store.update(key, (pod) => void (nowUnready = churnPod(pod, random, at, recover)));
      if (this.store.resourceVersion() !== before) this.written += 1;
      if (nowUnready) this.unready.push(key);
    }
    this.accounted = Math.max(this.accounted + count, due - Math.ceil(rate));
    this.schedule();
  }
}
