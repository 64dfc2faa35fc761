import type { JsonObject, ObjectStoreApi, StoreChange } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import { deletePodObject, effectiveGracePeriod } from '../podDeletion.js';
import { stringField } from './json.js';
import { TimerGroup } from './timers.js';

/** How soon the controller looks at a namespace again while its pods are still terminating. */
const RECHECK_MS = 1000;

/**
 * kube-controller-manager's namespace controller, for what the demo stores: once a namespace is
 * Terminating, every pod in it is deleted gracefully (each with its own grace period) and its events
 * go; when no pod is left, the namespace's finalizer is done and the object is removed.
 */
export class NamespaceController {
  private readonly timers: TimerGroup;
  private readonly pending = new Set<string>();

  constructor(
    private readonly store: ObjectStoreApi,
    private readonly clock: Clock,
  ) {
    this.timers = new TimerGroup(clock);
    for (const namespace of store.list('namespaces')) this.namespaceChanged(namespace);
  }

  changed(change: StoreChange): void {
    if (change.resource === 'namespaces' && change.type !== 'DELETED') this.namespaceChanged(change.object);
    if (change.resource === 'pods' && change.type === 'DELETED') {
      const namespace = stringField(change.object, 'metadata', 'namespace') ?? '';
      if (this.pending.has(namespace)) this.schedule(namespace, 0);
    }
  }

  stop(): void {
    this.timers.close();
  }

  private namespaceChanged(namespace: JsonObject): void {
    const name = stringField(namespace, 'metadata', 'name') ?? '';
    if (stringField(namespace, 'metadata', 'deletionTimestamp') === undefined || this.pending.has(name)) return;
    this.pending.add(name);
    this.schedule(name, 0);
  }

  private schedule(name: string, delayMs: number): void {
    this.timers.after(delayMs, () => this.sync(name));
  }

  private sync(name: string): void {
    if (!this.pending.has(name)) return;
    const now = new Date(this.clock.now());
    const pods = this.store.list('pods', name);
    for (const pod of pods) {
      if (stringField(pod, 'metadata', 'deletionTimestamp') !== undefined) continue;
      deletePodObject(this.store, { resource: 'pods', namespace: name, name: stringField(pod, 'metadata', 'name') ?? '' }, effectiveGracePeriod(pod, undefined), now);
    }
    if (this.store.list('pods', name).length > 0) {
      this.schedule(name, RECHECK_MS);
      return;
    }
    for (const event of this.store.list('events', name)) this.store.remove({ resource: 'events', namespace: name, name: stringField(event, 'metadata', 'name') ?? '' });
    this.pending.delete(name);
    this.store.remove({ resource: 'namespaces', name });
  }
}
