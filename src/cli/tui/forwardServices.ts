import type { V1Pod } from '@kubernetes/client-node';
import { readRawPod } from '../../kube/actions/podReads.js';
import { ReadError } from '../../kube/podReads.js';
import { hostPort, ListenError } from '../../kube/portforward/portForwarder.js';
import type { PortForwarder } from '../../kube/portforward/portForwarder.js';
import { portIsFree } from '../../kube/portforward/listeners.js';
import { clean } from '../../model/printable.js';
import type { ForwardRequest, ForwardServices, ForwardView } from '../../ui/services.js';
import { checkForwardable, ForwardStartError, startAuditedForward, type ForwardSession } from '../actions/auditedForward.js';

/** Traffic counters change without events: the list is refreshed this often while someone looks. */
const REFRESH_MS = 1000;
/** A forward notices this soon that its pod was deleted or replaced. */
const POD_CHECK_MS = 10_000;

interface Entry {
  id: string;
  request: ForwardRequest;
  forwarder: PortForwarder;
  finished: Promise<string>;
}

/**
 * The explorer's port-forwards. They belong to the session, not to the UI: a shell hand-over
 * unmounts the UI and they keep running; they end with their pod, on `x`, on a context switch
 * (stopAll) or when podscope exits. Each is audited when it ends.
 */
export class ForwardRegistry implements ForwardServices {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly ForwardView[] = [];
  private snapshotKey = '';
  private timer: NodeJS.Timeout | undefined;
  private next = 1;

  constructor(private readonly session: ForwardSession) {}

  list(): readonly ForwardView[] {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.refresh();
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.refresh(), REFRESH_MS);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  async start(request: ForwardRequest): Promise<ForwardView> {
    const { namespace, name } = request.pod;
    const mappings = [{ local: request.local, remote: request.remote }];
    try {
      const pod = (await readRawPod(this.session, namespace, name)) as V1Pod;
      if (request.pod.uid !== undefined && pod.metadata?.uid !== request.pod.uid) throw new ForwardStartError(`pod ${namespace}/${name} was replaced by a new pod of the same name`);
      await checkForwardable(this.session, pod, mappings);
      const id = String(this.next++);
      const { forwarder, finished } = await startAuditedForward(
        this.session,
        { namespace, pod: name, mappings, addresses: ['localhost'], uid: pod.metadata?.uid, checkPodEveryMs: POD_CHECK_MS },
        () => this.refresh(),
      );
      this.entries.set(id, { id, request, forwarder, finished });
      void finished.then(() => this.refresh());
      this.refresh();
      const view = this.snapshot.find((candidate) => candidate.id === id);
      if (view === undefined) throw new Error('the forward ended at once');
      return view;
    } catch (error) {
      if (error instanceof ReadError || error instanceof ForwardStartError || error instanceof ListenError) throw new Error(error.message);
      throw error;
    }
  }

  async stop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    await entry.forwarder.stop('stopped');
    await entry.finished;
    this.refresh();
  }

  /** Stops every forward (context switch, exit) and waits for their audit lines, at most `timeoutMs`. */
  async stopAll(reason: string, timeoutMs: number): Promise<void> {
    const all = [...this.entries.values()];
    for (const entry of all) void entry.forwarder.stop(reason);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(all.map((entry) => entry.finished)), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  isFree(port: number): Promise<boolean> {
    return portIsFree(['localhost'], port);
  }

  private refresh(): void {
    const views = [...this.entries.values()].map((entry) => viewOf(entry));
    const key = JSON.stringify(views);
    if (key === this.snapshotKey) return;
    this.snapshotKey = key;
    this.snapshot = views;
    for (const listener of this.listeners) listener();
  }
}

function viewOf(entry: Entry): ForwardView {
  const stats = entry.forwarder.stats();
  const first = stats.listeners[0];
  const view: ForwardView = {
    id: entry.id,
    namespace: entry.request.pod.namespace,
    pod: entry.request.pod.name,
    addresses: stats.listeners.map((listener) => hostPort(listener.address, listener.local)),
    local: first?.local ?? entry.request.local,
    remote: entry.request.remote,
    state: stats.state,
    connections: stats.connections,
    active: stats.active,
    errors: stats.errors,
    bytesIn: stats.bytesIn,
    bytesOut: stats.bytesOut,
  };
  if (stats.lastError !== undefined) view.lastError = clean(stats.lastError);
  if (stats.endReason !== undefined) view.endReason = clean(stats.endReason);
  return view;
}
