import type { KubeConfig } from '@kubernetes/client-node';
import type { Pod } from '../../model/apiObjects.js';
import { controllerOf, ownerChain, OWNER_KINDS_READ, type OwnerAnswer, type OwnerLookup, type OwnerRef } from '../../model/tree/ownerChain.js';
import { describeKubeError } from '../errors.js';
import { requestJson } from '../rawRequest.js';

export interface OwnerReaderOptions {
  kubeConfig: KubeConfig;
  /** Told after each answer arrives (the UI redraws the tree). */
  onAnswer?: () => void;
  now?: () => number;
  timeoutMs?: number;
  /** Reads in flight at once; more wait their turn. */
  concurrency?: number;
  /** Answers kept; the oldest go first. */
  maxEntries?: number;
}

interface Entry {
  answer: OwnerAnswer;
  /** When a settled answer is asked again. */
  expiresAt: number;
}

/** Owners move rarely (a Deployment never changes the ReplicaSets it owns); refusals and failures are asked again sooner. */
const READ_TTL_MS = 5 * 60_000;
const REFUSED_TTL_MS = 60_000;
const FAILED_TTL_MS = 15_000;

function ownerOf(object: unknown): OwnerRef | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  const metadata = (object as { metadata?: { ownerReferences?: unknown } }).metadata;
  const refs = metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const valid = refs.filter(
    (r): r is { kind: string; name: string; apiVersion?: string; controller?: boolean } =>
      typeof r === 'object' && r !== null && typeof (r as { kind?: unknown }).kind === 'string' && typeof (r as { name?: unknown }).name === 'string',
  );
  return controllerOf(valid);
}

/**
 * Reads the owner objects of pods (a ReplicaSet for its Deployment, a Job for its CronJob) with a
 * GET each, cached, a few at a time. A 403 or 404 is an answer like any other: the chain then shows
 * what is known. Pods themselves are never read here.
 */
export class OwnerReader {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private readonly now: () => number;

  constructor(private readonly options: OwnerReaderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** What is known now; starts a read of what is not (the answer comes through onAnswer). */
  readonly lookup: OwnerLookup = (namespace, ref) => {
    const target = OWNER_KINDS_READ[ref.kind];
    if (target === undefined) return undefined;
    const id = `${namespace}/${ref.kind}/${ref.name}`;
    const known = this.entries.get(id);
    if (known !== undefined && (known.answer.kind === 'pending' || known.expiresAt > this.now())) return known.answer;
    const answer: OwnerAnswer = known?.answer ?? { kind: 'pending' };
    this.store(id, { answer, expiresAt: Number.POSITIVE_INFINITY });
    this.schedule(() => this.read(id, `/apis/${target.group}/namespaces/${encodeURIComponent(namespace)}/${target.resource}/${encodeURIComponent(ref.name)}`));
    return answer;
  };

  /** The whole chain of `pod`, every read done (the CLI's `podscope tree`). */
  async settle(pod: Pod): Promise<void> {
    for (let round = 0; round < 8; round++) {
      const chain = ownerChain(pod, this.lookup);
      if (chain?.unknown?.kind !== 'pending') return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private readonly waiters: (() => void)[] = [];

  private store(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    const max = this.options.maxEntries ?? 1000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  private schedule(task: () => Promise<void>): void {
    const run = (): void => {
      this.running += 1;
      void task().finally(() => {
        this.running -= 1;
        this.queue.shift()?.();
      });
    };
    if (this.running < (this.options.concurrency ?? 4)) run();
    else this.queue.push(run);
  }

  private async read(id: string, path: string): Promise<void> {
    let entry: Entry;
    try {
      const object = await requestJson(this.options.kubeConfig, { method: 'GET', path, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
      entry = { answer: { kind: 'read', owner: ownerOf(object) }, expiresAt: this.now() + READ_TTL_MS };
    } catch (error) {
      const problem = describeKubeError(error);
      if (problem.kind === 'forbidden') entry = { answer: { kind: 'forbidden' }, expiresAt: this.now() + REFUSED_TTL_MS };
      else if (problem.kind === 'notFound') entry = { answer: { kind: 'notFound' }, expiresAt: this.now() + REFUSED_TTL_MS };
      else {
        const reason = problem.status !== undefined ? `HTTP ${problem.status}` : problem.kind === 'timeout' ? 'timed out' : 'no answer';
        entry = { answer: { kind: 'failed', reason }, expiresAt: this.now() + FAILED_TTL_MS };
      }
    }
    this.store(id, entry);
    for (const wake of this.waiters.splice(0)) wake();
    this.options.onAnswer?.();
  }
}
