import {
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ConfigurationOptions,
} from '@kubernetes/client-node';
// Not re-exported by the package index; the generated serializer is what the typed list calls use.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { describeKubeError, type KubeErrorContext, type KubeStatus } from './errors.js';
import { NotifyBatcher } from './notifyBatcher.js';
import { withSignal } from './requestOptions.js';
import type { ConnectionState, ResourceStore } from './resourceStore.js';

export interface ListPageQuery {
  limit: number;
  _continue?: string;
  fieldSelector?: string;
  labelSelector?: string;
}

/** Where one kind of object is listed and watched. */
export interface ListWatchSource<T extends KubernetesObject> {
  /** API path of the collection, e.g. /api/v1/namespaces/lab/pods (the Watch class adds ?watch=true). */
  path: string;
  /** client-node model name (e.g. 'V1Pod') used to turn raw watch objects into the typed shape lists return. */
  modelName: string;
  fieldSelector?: string;
  labelSelector?: string;
  /** One page of the list through the typed API; pass `options` on so close() can abort it. */
  listPage(query: ListPageQuery, options: ConfigurationOptions): Promise<KubernetesListObject<T>>;
}

export interface ListWatchStoreOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  source: ListWatchSource<T>;
  /** Named in error lines (server, user, context). */
  errorContext?: KubeErrorContext;
  pageSize?: number;
  /** Asked of the server per watch; like client-go's reflector, a random 5-10 minutes by default. */
  watchTimeoutSeconds?: number;
  batchMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  forbiddenRetryMs?: number;
  /** Called once by close(). */
  onClose?: () => void;
}

/**
 * A cache of one kind of object kept current by LIST (paginated) then WATCH from the list's
 * resourceVersion, resuming from the last resourceVersion seen (bookmarks included) when a watch
 * ends and relisting only on 410 Expired. client-node's ListWatch is not used: it neither asks
 * for bookmarks nor retries with back-off, and mixes typed list objects with raw watch objects.
 *
 * Objects are kept in the typed shape of client-node's list calls (timestamps as Date); raw watch
 * objects go through ObjectSerializer.deserialize so both paths give one shape.
 */
export class ListWatchStore<T extends KubernetesObject> implements ResourceStore<T> {
  private objects = new Map<string, T>();
  private sorted: readonly T[] | undefined = [];
  private state: ConnectionState = { kind: 'connecting' };
  private readonly notifier: NotifyBatcher;
  private readonly watch: Watch;
  private readonly abort = new AbortController();
  private lastResourceVersion = '';
  private watchController: AbortController | undefined;
  private wakeUp: (() => void) | undefined;
  private closed = false;
  private readonly counts = { lists: 0, watches: 0 };

  constructor(private readonly options: ListWatchStoreOptions<T>) {
    this.notifier = new NotifyBatcher(options.batchMs ?? 50);
    this.watch = new Watch(options.kubeConfig);
    void this.run();
  }

  snapshot(): readonly T[] {
    this.sorted ??= [...this.objects.values()].sort(byNamespaceThenName);
    return this.sorted;
  }

  connection(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    return this.notifier.subscribe(listener);
  }

  /**
   * Completed lists (the first one included), watch requests the server accepted, and the
   * resourceVersion the next watch would resume from.
   */
  stats(): { lists: number; watches: number; resourceVersion: string } {
    return { ...this.counts, resourceVersion: this.lastResourceVersion };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.watchController?.abort();
    this.wakeUp?.();
    this.notifier.close();
    this.options.onClose?.();
  }

  private async run(): Promise<void> {
    let needList = true;
    let attempt = 0;
    while (!this.closed) {
      try {
        if (needList) {
          await this.relist();
          if (this.closed) return;
          needList = false;
          attempt = 0;
        }
        const started = Date.now();
        await this.watchOnce(() => {
          attempt = 0;
        });
        // At most one watch a second: a server that ends every watch at once must not get a tight loop.
        if (started + 1000 > Date.now()) await this.sleep(started + 1000 - Date.now());
      } catch (err) {
        if (this.closed) return;
        const problem = describeKubeError(err, this.options.errorContext);
        switch (problem.kind) {
          case 'expired':
            needList = true;
            break;
          case 'forbidden':
            this.setState({ kind: 'forbidden', message: problem.message });
            needList = true;
            await this.sleep(this.options.forbiddenRetryMs ?? 30_000);
            break;
          case 'unauthorized':
          case 'tls':
          case 'invalid':
          case 'notFound':
            // Retrying cannot fix these; the user has to change the kubeconfig or the request.
            this.setState({ kind: 'failed', message: problem.message });
            return;
          default: {
            attempt += 1;
            const since = this.state.kind === 'reconnecting' ? this.state.since : new Date();
            this.setState({ kind: 'reconnecting', error: problem.message, since, attempt });
            await this.sleep(this.backoffMs(attempt));
          }
        }
      }
    }
  }

  private async relist(): Promise<void> {
    const { source } = this.options;
    const fresh = new Map<string, T>();
    let resourceVersion = '';
    let continueToken: string | undefined;
    const requestOptions = withSignal(this.abort.signal);
    do {
      const page = await source.listPage(
        {
          limit: this.options.pageSize ?? 500,
          _continue: continueToken,
          fieldSelector: source.fieldSelector,
          labelSelector: source.labelSelector,
        },
        requestOptions,
      );
      if (this.closed) return;
      for (const item of page.items) fresh.set(objectKey(item), item);
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      continueToken = page.metadata?._continue || undefined;
    } while (continueToken);
    this.counts.lists += 1;
    this.objects = fresh;
    this.lastResourceVersion = resourceVersion;
    this.changed();
    this.setState({ kind: 'live' });
  }

  /**
   * One watch request; resolves when the server ends it, rejects on a connection error or with the
   * Status of an ERROR event (410 Expired among them).
   */
  private watchOnce(onConnected: () => void): Promise<void> {
    const { source } = this.options;
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    return new Promise<void>((resolve, reject) => {
      let errorStatus: KubeStatus | undefined;
      let finished = false;
      let watchdog: NodeJS.Timeout | undefined;

      const onEvent = (type: string, object: unknown): void => {
        if (finished || this.closed) return;
        if (type === 'ERROR') {
          errorStatus = asStatus(object);
          return;
        }
        this.applyEvent(type, object);
      };
      const onDone = (err: unknown): void => {
        if (finished) return;
        finished = true;
        clearTimeout(watchdog);
        this.watchController = undefined;
        if (this.closed) resolve();
        else if (errorStatus) reject(errorStatus);
        else if (err && !isAbortError(err)) reject(err);
        else resolve();
      };

      const query = {
        allowWatchBookmarks: true,
        resourceVersion: this.lastResourceVersion,
        timeoutSeconds,
        fieldSelector: source.fieldSelector,
        labelSelector: source.labelSelector,
      };
      this.watch.watch(source.path, query, onEvent, onDone).then((controller) => {
        if (finished) return;
        if (this.closed) {
          controller.abort();
          return;
        }
        this.watchController = controller;
        this.counts.watches += 1;
        // The server should end the watch after timeoutSeconds; if the connection silently died, end it here.
        watchdog = setTimeout(() => controller.abort(), (timeoutSeconds + 30) * 1000);
        onConnected();
        this.setState({ kind: 'live' });
      }, onDone);
    });
  }

  private applyEvent(type: string, raw: unknown): void {
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') return;
    const version = resourceVersionOf(raw);
    if (version) this.lastResourceVersion = version;
    // A bookmark's object is a zero-valued shell: only its resourceVersion means anything.
    if (type === 'BOOKMARK') return;
    const object = ObjectSerializer.deserialize(raw, this.options.source.modelName, '') as T;
    const key = objectKey(object);
    if (type === 'DELETED') {
      if (!this.objects.delete(key)) return;
    } else {
      this.objects.set(key, object);
    }
    this.changed();
  }

  private changed(): void {
    this.sorted = undefined;
    this.notifier.notify();
  }

  private setState(next: ConnectionState): void {
    if (sameState(this.state, next)) return;
    this.state = next;
    this.notifier.notify();
  }

  private backoffMs(attempt: number): number {
    const initial = this.options.backoffInitialMs ?? 500;
    const max = this.options.backoffMaxMs ?? 10_000;
    const base = Math.min(max, initial * 2 ** (attempt - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
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

function objectKey(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function byNamespaceThenName(a: KubernetesObject, b: KubernetesObject): number {
  return compare(a.metadata?.namespace ?? '', b.metadata?.namespace ?? '') || compare(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resourceVersionOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('metadata' in raw)) return undefined;
  const { metadata } = raw;
  if (typeof metadata !== 'object' || metadata === null || !('resourceVersion' in metadata)) return undefined;
  return typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined;
}

function asStatus(object: unknown): KubeStatus & { kind: 'Status' } {
  const value = typeof object === 'object' && object !== null ? (object as Record<string, unknown>) : {};
  return {
    kind: 'Status',
    code: typeof value.code === 'number' ? value.code : undefined,
    message: typeof value.message === 'string' ? value.message : undefined,
    reason: typeof value.reason === 'string' ? value.reason : undefined,
  };
}

function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && err.name === 'AbortError';
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'reconnecting' && b.kind === 'reconnecting') return a.error === b.error && a.attempt === b.attempt;
  if ((a.kind === 'forbidden' || a.kind === 'failed') && (b.kind === 'forbidden' || b.kind === 'failed')) return a.message === b.message;
  return true;
}
