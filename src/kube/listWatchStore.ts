import type { KubeConfig } from '@kubernetes/client-node';
import { Backoff, type BackoffOptions } from './backoff.js';
import { describeKubeError, rejectedObjectMessage, shortWatchMessage, type KubeErrorContext } from './errors.js';
import { NotifyBatcher } from './notifyBatcher.js';
import { bookmarkVersion, decodeObject, type ObjectKind } from './objectShape.js';
import type { ConnectionState, ResourceStore } from './resourceStore.js';
import { fetchListPage, type ListPage } from './watch/listClient.js';
import type { Probe } from './watch/silenceMonitor.js';
import { RejectedObject, troubleOf, troubleOfWatch, type Trouble } from './watch/trouble.js';
import { watchOnce, type WatchEnd, type WatchEventType } from './watch/watchClient.js';
import { byNamespaceThenName, objectKey, patchSorted, type Keyed } from './nameOrder.js';

/** Where one kind of object is listed and watched; `T` is the JSON shape the store keeps. */
export interface ListWatchSource<T> {
  /** API path of the collection, e.g. /api/v1/namespaces/lab/pods. */
  path: string;
  kind: ObjectKind;
  fieldSelector?: string;
  labelSelector?: string;
  /** Only carries T. */
  readonly shape?: T;
}

export interface StoreSilenceOptions {
  /** A list or watch this long without a byte asks the server whether it is alive (30 s). */
  probeAfterMs?: number;
  /** A list page this long without a byte is retried (60 s). */
  listLimitMs?: number;
  /** A watch this long without a byte is retried, or twice the gap between bookmarks if longer (90 s). */
  watchFloorMs?: number;
}

export interface ListWatchStoreOptions<T> {
  kubeConfig: KubeConfig;
  source: ListWatchSource<T>;
  /** Named in error lines (server, user, context). */
  errorContext?: KubeErrorContext;
  pageSize?: number;
  /** Asked of the server per watch; like client-go's reflector, a random 5-10 minutes by default. */
  watchTimeoutSeconds?: number;
  batchMs?: number;
  backoff?: BackoffOptions;
  /** Wait before listing again after a 403 (30 s). */
  forbiddenRetryMs?: number;
  silence?: StoreSilenceOptions;
  /** Asked when a request has been silent (see ServerProbe); the stores of a session share one. */
  probe?: Probe;
  /**
   * After a 401: forgets a credential that can be fetched again (ClusterConfig.refreshCredentials);
   * true means the store tries again (a few times) instead of giving up.
   */
  refreshCredentials?: () => boolean;
  /** Called once by close(). */
  onClose?: () => void;
}

export interface StoreStats {
  /** Completed lists (the first one included). */
  lists: number;
  /** List pages received. */
  pages: number;
  /** Watch requests the server accepted. */
  watches: number;
  /** Every request sent: list pages and watches. */
  requests: number;
  /** Objects (and watch lines) refused because they were not of the kind asked for. */
  rejected: number;
  /** Where the next watch resumes. */
  resourceVersion: string;
}

type Next = 'retry' | 'relist' | 'stop';

/**
 * A cache of one kind of object kept current by LIST (paginated, in name order) then WATCH from
 * the list's resourceVersion, as client-go's reflector does it: bookmarks asked for and followed,
 * a 410 relists, and every failure — refused, throttled, dropped, stalled, undecodable — waits a
 * jittered back-off that resets only after two clean minutes, so no server can make it spin.
 *
 * Objects are kept as the JSON the server sent (checked against the kind, managedFields trimmed):
 * timestamps stay RFC 3339 strings. The first list is shown page by page as it arrives; a relist
 * keeps the old objects until the new list is complete, then swaps them in one step.
 */
export class ListWatchStore<T extends Keyed> implements ResourceStore<T> {
  private objects = new Map<string, T>();
  private sorted: readonly T[] | undefined = [];
  /** The last sorted snapshot and the keys changed since (undefined: a whole new set, sort it all). */
  private lastSorted: readonly T[] = [];
  private changedKeys: Set<string> | undefined = new Set();
  private state: ConnectionState = { kind: 'connecting' };
  private readonly notifier: NotifyBatcher;
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private lastResourceVersion = '';
  private hasListed = false;
  private lastHeard = Date.now();
  private lastBookmarkAt: number | undefined;
  /** The timeoutSeconds asked of the current watch, in ms. */
  private currentWatchTimeoutMs = 0;
  private bookmarkGapMs = 0;
  private wakeUp: (() => void) | undefined;
  private closed = false;
  private unauthorizedRetries = 0;
  private readonly counts = { lists: 0, pages: 0, watches: 0, requests: 0, rejected: 0 };

  constructor(private readonly options: ListWatchStoreOptions<T>) {
    this.notifier = new NotifyBatcher(options.batchMs ?? 50);
    this.backoff = new Backoff(options.backoff);
    void this.run();
  }

  snapshot(): readonly T[] {
    if (this.sorted === undefined) {
      const changed = this.changedKeys;
      // A few watch events among 20,000 objects: patch the last order (binary search) instead of sorting it all again.
      this.sorted = changed !== undefined && changed.size <= this.objects.size / 8 ? patchSorted(this.lastSorted, changed, this.objects) : [...this.objects.values()].sort(byNamespaceThenName);
      this.lastSorted = this.sorted;
      this.changedKeys = new Set();
    }
    return this.sorted;
  }

  connection(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    return this.notifier.subscribe(listener);
  }

  stats(): StoreStats {
    return { ...this.counts, resourceVersion: this.lastResourceVersion };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.wakeUp?.();
    this.notifier.close();
    this.options.onClose?.();
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.closed) {
      if (needList) {
        const trouble = await this.list();
        if (this.closed) return;
        if (trouble === undefined) needList = false;
        else if ((await this.recover(trouble)) === 'stop') return;
        continue;
      }
      const trouble = troubleOfWatch(await this.watch(), this.watchHealthyAfterMs());
      if (this.closed) return;
      if (trouble === undefined) continue;
      const next = await this.recover(trouble);
      if (next === 'stop') return;
      if (next === 'relist') needList = true;
    }
  }

  private async list(): Promise<Trouble | undefined> {
    const { kind } = this.options.source;
    const progressive = !this.hasListed;
    const fresh = new Map<string, T>();
    let resourceVersion = '';
    let continueToken: string | undefined;
    let whole = false;
    for (;;) {
      let page: ListPage;
      this.counts.requests += 1;
      try {
        page = await fetchListPage({
          kubeConfig: this.options.kubeConfig,
          path: this.listPath(continueToken, whole),
          signal: this.abort.signal,
          silence: { probeAfterMs: this.silence().probeAfterMs, limitMs: this.silence().listLimitMs },
          probe: this.options.probe,
          onHeard: this.heard,
        });
      } catch (error) {
        const trouble = troubleOf(error);
        // The continue token expired (the server compacted past the first page, as a list of 20,000
        // pods under churn can outlast): as client-go's pager does, ask for the whole list in one
        // answer instead of starting the pages over, which could expire the same way forever.
        if (trouble.kind === 'expired' && continueToken !== undefined && !whole) {
          whole = true;
          continueToken = undefined;
          fresh.clear();
          continue;
        }
        return trouble;
      }
      if (this.closed) return undefined;
      this.counts.pages += 1;
      for (const raw of page.items) {
        const decoded = decodeObject<T>(raw, kind);
        if (!decoded.ok) {
          this.counts.rejected += 1;
          continue;
        }
        const key = objectKey(decoded.object);
        fresh.set(key, decoded.object);
        // The first list is shown as it comes: pages come in name order, so the first screen is right.
        if (progressive) {
          this.objects.set(key, decoded.object);
          this.changedKeys?.add(key);
        }
      }
      resourceVersion = page.resourceVersion || resourceVersion;
      continueToken = page.continueToken;
      if (progressive && continueToken) {
        this.changed();
        this.setState({ kind: 'listing', received: fresh.size });
      }
      if (!continueToken) break;
    }
    this.counts.lists += 1;
    this.hasListed = true;
    this.objects = fresh;
    this.changedKeys = undefined;
    this.lastResourceVersion = resourceVersion;
    this.changed();
    this.setState(this.liveState());
    return undefined;
  }

  private watch(): Promise<WatchEnd> {
    const { source } = this.options;
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion: this.lastResourceVersion, timeoutSeconds: String(timeoutSeconds) });
    if (source.fieldSelector) query.set('fieldSelector', source.fieldSelector);
    if (source.labelSelector) query.set('labelSelector', source.labelSelector);
    this.counts.requests += 1;
    this.lastBookmarkAt = undefined;
    this.currentWatchTimeoutMs = timeoutSeconds * 1000;
    return watchOnce({
      kubeConfig: this.options.kubeConfig,
      path: `${source.path}?${query.toString()}`,
      signal: this.abort.signal,
      silence: { probeAfterMs: this.silence().probeAfterMs, limitMs: Math.max(this.silence().watchFloorMs, 2 * this.bookmarkGapMs) },
      probe: this.options.probe,
      onOpen: () => {
        this.counts.watches += 1;
        this.unauthorizedRetries = 0;
        this.setState(this.liveState());
      },
      onEvent: (type, object) => this.applyEvent(type, object),
      onHeard: this.heard,
    });
  }

  /** A clean end sooner than this is a server that ends every watch at once: back off. */
  private watchHealthyAfterMs(): number {
    return Math.min(0.9 * this.currentWatchTimeoutMs, 10_000);
  }

  private applyEvent(type: WatchEventType, raw: unknown): void {
    if (type === 'BOOKMARK') {
      const version = bookmarkVersion(raw);
      if (version === undefined) throw new RejectedObject(rejectedObjectMessage('bookmark', 'no resourceVersion'));
      this.lastResourceVersion = version;
      const now = Date.now();
      if (this.lastBookmarkAt !== undefined) this.bookmarkGapMs = now - this.lastBookmarkAt;
      this.lastBookmarkAt = now;
      return;
    }
    const { kind } = this.options.source;
    const decoded = decodeObject<T>(raw, kind);
    if (!decoded.ok) throw new RejectedObject(rejectedObjectMessage(kind.kind.toLowerCase(), decoded.problem));
    const object = decoded.object;
    const version = object.metadata?.resourceVersion;
    if (version) this.lastResourceVersion = version;
    const key = objectKey(object);
    if (type === 'DELETED') {
      if (!this.objects.delete(key)) return;
    } else {
      this.objects.set(key, object);
    }
    this.changedKeys?.add(key);
    this.changed();
  }

  /** Sets the state a trouble calls for, waits as long as it calls for, and says what to do next. */
  private async recover(trouble: Trouble): Promise<Next> {
    const context = this.options.errorContext;
    switch (trouble.kind) {
      case 'refused': {
        const problem = describeKubeError(trouble.error, context);
        // A rotated token file or an expired plugin credential: fetch it again, a few times.
        if (trouble.code === 401 && this.unauthorizedRetries < 3 && this.options.refreshCredentials?.()) {
          this.unauthorizedRetries += 1;
          return this.reconnect(problem.message, 'retry');
        }
        if (trouble.code === 401 || trouble.code === 404 || trouble.code === 400 || trouble.code === 422) {
          // Retrying cannot fix these; the user has to change the kubeconfig or the request.
          this.setState({ kind: 'failed', message: problem.message });
          return 'stop';
        }
        if (trouble.code === 403) {
          this.setState({ kind: 'forbidden', message: problem.message });
          await this.sleep(this.options.forbiddenRetryMs ?? 30_000);
          return 'relist';
        }
        if (trouble.code === 429 || trouble.retryAfterMs !== undefined) {
          const delay = Math.max(1000, trouble.retryAfterMs ?? this.backoff.next());
          this.setState({ kind: 'throttled', status: trouble.code, retryInMs: delay });
          await this.sleep(delay);
          return 'retry';
        }
        return this.reconnect(problem.message, 'retry');
      }
      case 'expired':
        return this.reconnect(describeKubeError(trouble.error, context).message, 'relist');
      case 'stalled': {
        const delay = this.backoff.next();
        const silentMs = Date.now() - this.lastHeard;
        if (trouble.serverSilent) this.setState({ kind: 'stale', silentMs, since: new Date(this.lastHeard) });
        await this.sleep(delay);
        return 'retry';
      }
      case 'network':
        return this.reconnect(describeKubeError(trouble.error, context).message, 'retry');
      case 'decode':
        this.counts.rejected += 1;
        return this.reconnect(trouble.message, 'relist');
      case 'short':
        return this.reconnect(shortWatchMessage(trouble.ms), 'retry');
      case 'fatal':
        this.setState({ kind: 'failed', message: describeKubeError(trouble.error, context).message });
        return 'stop';
    }
  }

  private async reconnect(error: string, next: Next): Promise<Next> {
    const delay = this.backoff.next();
    const since = this.state.kind === 'reconnecting' ? this.state.since : new Date();
    this.setState({ kind: 'reconnecting', error, since, attempt: this.backoff.attempts });
    await this.sleep(delay);
    return next;
  }

  private liveState(): ConnectionState {
    return this.counts.rejected > 0 ? { kind: 'live', rejected: this.counts.rejected } : { kind: 'live' };
  }

  private listPath(continueToken: string | undefined, whole = false): string {
    const { source } = this.options;
    const query = new URLSearchParams(whole ? {} : { limit: String(this.options.pageSize ?? 500) });
    if (continueToken) query.set('continue', continueToken);
    if (source.fieldSelector) query.set('fieldSelector', source.fieldSelector);
    if (source.labelSelector) query.set('labelSelector', source.labelSelector);
    return `${source.path}?${query.toString()}`;
  }

  private silence(): Required<StoreSilenceOptions> {
    const silence = this.options.silence ?? {};
    return { probeAfterMs: silence.probeAfterMs ?? 30_000, listLimitMs: silence.listLimitMs ?? 60_000, watchFloorMs: silence.watchFloorMs ?? 90_000 };
  }

  private readonly heard = (): void => {
    this.lastHeard = Date.now();
  };

  private changed(): void {
    this.sorted = undefined;
    this.notifier.notify();
  }

  private setState(next: ConnectionState): void {
    if (sameState(this.state, next)) return;
    this.state = next;
    this.notifier.notify();
  }

  /** Waits, unless close() comes first. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wakeUp = undefined;
    });
  }
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
