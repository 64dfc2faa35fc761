import type { KubeConfig } from '@kubernetes/client-node';
import { usageKey, type PodUsage, type UsageSourceKind, type UsageState } from '../../model/usage.js';
import { Backoff } from '../backoff.js';
import type { NamespaceScope } from '../sources.js';
import { isAbsent, metricsApiUsage, refusalWord, summaryUsage, type SummaryOptions } from './usageSources.js';

/** A live view of a scope's usage; polled while open. */
export interface UsageFeed {
  state(): UsageState;
  /** Told after each poll that changed the state; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /**
   * What the screen shows of an all-namespaces scope: only these namespaces' usage is needed (the
   * rows on screen); undefined, the whole scope (a sort by usage ranks every pod). Polls at once
   * when the shown namespaces were not in the last poll.
   */
  focus(namespaces: readonly string[] | undefined): void;
  close(): void;
}

export interface UsagePollerOptions {
  kubeConfig: KubeConfig;
  scope: NamespaceScope;
  /** The nodes of the pods shown (of these namespaces, when given): where the summary fallback asks. */
  nodes: (namespaces?: readonly string[]) => readonly string[];
  /** Between polls (metrics-server's resolution: 15 s). */
  intervalMs?: number;
  /** Per request. */
  timeoutMs?: number;
  summary?: Partial<SummaryOptions>;
  /** After a failed poll; by default 15 s doubling to 5 min. */
  backoff?: Backoff;
}

const DEFAULT_INTERVAL_MS = 15_000;
/** No node known yet (the pod list is loading): look again soon. */
const NO_NODES_RETRY_MS = 2_000;
/**
 * At most this many namespaces are listed one by one; more on screen at once (rows sorted by age
 * across the cluster) take one list of the whole scope, as before.
 */
export const MAX_FOCUSED_NAMESPACES = 4;
/** Scrolling into other namespaces: one poll once the screen settles, not one per key. */
const REFOCUS_DELAY_MS = 200;

/** The namespaces a poll asks for; undefined, the whole scope. */
type Coverage = readonly string[] | undefined;

function covers(polled: Coverage, wanted: Coverage): boolean {
  if (polled === undefined) return true;
  return wanted !== undefined && wanted.every((namespace) => polled.includes(namespace));
}

/**
 * Polls one scope's usage: metrics.k8s.io when the cluster serves it (one PodMetrics list per
 * poll), else the kubelets' stats/summary through the node proxy (one request per node holding
 * shown pods, a few at a time, capped), else `not available` with each source's answer, asked again
 * after a back-off (metrics-server may come up). One poll at a time; a poll that fails after
 * success keeps the last values and says so.
 */
export class UsagePoller implements UsageFeed {
  private current: UsageState = { kind: 'loading' };
  private readonly listeners = new Set<() => void>();
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly summaryOptions: SummaryOptions;
  private readonly backoff: Backoff;
  private mode: UsageSourceKind | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | undefined;
  private closed = false;
  /** What the screen shows (see focus); undefined, the whole scope. */
  private focused: Coverage;
  /** What the last poll asked for; null before any. */
  private polled: Coverage | null = null;
  private refocus: NodeJS.Timeout | undefined;

  constructor(private readonly options: UsagePollerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.summaryOptions = { concurrency: options.summary?.concurrency ?? 4, maxNodes: options.summary?.maxNodes ?? 20 };
    this.backoff = options.backoff ?? new Backoff({ initialMs: this.intervalMs, maxMs: 300_000, jitter: 0.2, resetAfterMs: 600_000 });
    this.schedule(0);
  }

  state(): UsageState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  focus(namespaces: readonly string[] | undefined): void {
    if (!('allNamespaces' in this.options.scope)) return;
    const wanted = namespaces === undefined || namespaces.length > MAX_FOCUSED_NAMESPACES ? undefined : [...new Set(namespaces)].sort();
    if (sameCoverage(wanted, this.focused)) return;
    this.focused = wanted;
    // The first poll has not gone out yet (it takes the focus), or the last one already has these.
    if (this.polled === null || covers(this.polled, wanted) || this.refocus !== undefined || !this.answering()) return;
    this.refocus = setTimeout(() => {
      this.refocus = undefined;
      if (this.inFlight !== undefined || covers(this.polled ?? [], this.focused)) return;
      if (this.timer !== undefined) clearTimeout(this.timer);
      void this.poll();
    }, REFOCUS_DELAY_MS);
    this.refocus.unref?.();
  }

  /** Whether the source answers (a source that failed is asked again only after its back-off, whatever the screen shows). */
  private answering(): boolean {
    return this.current.kind === 'loading' || (this.current.kind === 'live' && this.current.stale === undefined);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.refocus !== undefined) clearTimeout(this.refocus);
    this.inFlight?.abort();
    this.listeners.clear();
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref?.();
  }

  private set(state: UsageState): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener();
  }

  private live(source: UsageSourceKind, pods: readonly PodUsage[], note?: string): void {
    const byKey = new Map(pods.map((pod) => [usageKey(pod.namespace, pod.name), pod]));
    this.mode = source;
    // The same numbers again (nothing moved): the state, and so the screen, stays as it is.
    if (readsTheSame(this.current, source, byKey, note)) return;
    const state: UsageState = { kind: 'live', source, pods: byKey, atMs: Date.now() };
    if (note !== undefined) state.note = note;
    this.set(state);
  }

  /** A failure after values were shown: keep them, say the poll failed, retry later. */
  private stale(error: unknown): boolean {
    if (this.current.kind !== 'live' || isAbsent(error)) return false;
    this.set({ ...this.current, stale: refusalWord(error) });
    return true;
  }

  private async poll(): Promise<void> {
    if (this.closed || this.inFlight !== undefined) return;
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const delay = await this.pollOnce(controller.signal);
      // The screen moved to other namespaces while this poll was out: theirs soon, not in 15 s.
      this.schedule(covers(this.polled ?? undefined, this.focused) || !this.answering() ? delay : Math.min(delay, REFOCUS_DELAY_MS));
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
  }

  /** One poll; resolves with the delay before the next. */
  private async pollOnce(signal: AbortSignal): Promise<number> {
    const { kubeConfig } = this.options;
    const focused = this.focused;
    this.polled = focused;
    // An all-namespaces scope on screen as a few namespaces: only theirs (20,000 pods' metrics every
    // 15 s cost more than everything else the idle explorer does).
    const scopes: NamespaceScope[] = focused === undefined ? [this.options.scope] : focused.map((namespace) => ({ namespace }));
    let metricsWhy = 'not tried';
    if (this.mode !== 'summary') {
      try {
        const pods: PodUsage[] = [];
        for (const scope of scopes) pods.push(...(await metricsApiUsage(kubeConfig, scope, signal)));
        if (this.closed) return 0;
        this.live('metrics.k8s.io', pods);
        return this.intervalMs;
      } catch (error) {
        if (this.closed) return 0;
        if (this.mode === 'metrics.k8s.io' && this.stale(error)) return this.backoff.next();
        metricsWhy = refusalWord(error);
      }
    }
    const nodes = this.options.nodes(focused);
    try {
      const result = await summaryUsage(kubeConfig, focused === undefined ? this.options.scope : { namespaces: focused }, nodes, this.summaryOptions, signal);
      if (this.closed) return 0;
      const notes: string[] = [];
      if (result.asked < result.total) notes.push(`summary of ${result.asked} of ${result.total} nodes`);
      if (result.failed > 0) notes.push(`${result.failed} of ${result.asked} nodes did not answer (${refusalWord(result.firstError)})`);
      this.live('summary', result.pods, notes.length > 0 ? notes.join(', ') : undefined);
      return result.asked === 0 ? NO_NODES_RETRY_MS : this.intervalMs;
    } catch (error) {
      if (this.closed) return 0;
      if (this.mode === 'summary' && this.stale(error)) return this.backoff.next();
      this.mode = undefined;
      this.set({ kind: 'unavailable', reason: `metrics.k8s.io: ${metricsWhy}; summary: ${refusalWord(error)}` });
      return this.backoff.next();
    }
  }
}

function sameCoverage(a: Coverage, b: Coverage): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((namespace, i) => namespace === b[i]);
}

/** Whether a live answer shows what `current` shows: same source, note and every pod's container numbers. */
function readsTheSame(current: UsageState, source: UsageSourceKind, pods: ReadonlyMap<string, PodUsage>, note: string | undefined): boolean {
  if (current.kind !== 'live' || current.stale !== undefined || current.source !== source || current.note !== note || current.pods.size !== pods.size) return false;
  for (const [key, pod] of pods) {
    const before = current.pods.get(key)?.containers;
    if (before === undefined || before.length !== pod.containers.length) return false;
    for (let i = 0; i < before.length; i++) {
      const a = before[i];
      const b = pod.containers[i];
      if (a === undefined || b === undefined || a.name !== b.name || a.cpuMillis !== b.cpuMillis || a.memoryBytes !== b.memoryBytes) return false;
    }
  }
  return true;
}

/** One poll's answer (for a one-shot command): the first state that is not `loading`, or `loading` after `waitMs`. */
export function firstUsage(options: Omit<UsagePollerOptions, 'intervalMs'>, waitMs = 10_000): Promise<UsageState> {
  const poller = new UsagePoller(options);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      const state = poller.state();
      poller.close();
      resolve(state);
    };
    const timer = setTimeout(done, waitMs);
    poller.subscribe(() => {
      if (poller.state().kind !== 'loading') done();
    });
  });
}
