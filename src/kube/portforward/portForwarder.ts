import type { Server, Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeKubeError } from '../errors.js';
import { RawRequestError, requestJson } from '../rawRequest.js';
import { hostPort, listenAddresses, listenOn, ListenError } from './listeners.js';
import { ForwardStreamError, openPortStream, type PortStream } from './portStream.js';

export interface PortMapping {
  /** 0: a free port. */
  local: number;
  remote: number;
}

export interface ForwardOptions {
  namespace: string;
  pod: string;
  mappings: readonly PortMapping[];
  /** `--address`: IPs or localhost (the default). */
  addresses?: readonly string[];
  /** How long before a forward whose API server went away checks again (doubling to 30 s). */
  retryMs?: number;
  /** The pod selected: a new pod that took its name ends the forward, as the pod's end does. */
  uid?: string;
  /** Checks this often that the pod is still there and running (kubectl's forward ends with its pod); default never. */
  checkPodEveryMs?: number;
}

export type ForwardEvent =
  | { kind: 'listening'; address: string; local: number; remote: number }
  | { kind: 'connection'; local: number; remote: number }
  | { kind: 'connectionError'; local: number; remote: number; message: string }
  | { kind: 'reconnecting'; message: string }
  | { kind: 'reconnected' }
  | { kind: 'ended'; reason: string };

export type ForwardState = 'active' | 'reconnecting' | 'ended';

export interface ForwardStats {
  state: ForwardState;
  listeners: ReadonlyArray<{ address: string; local: number; remote: number }>;
  /** Connections accepted so far, and still open. */
  connections: number;
  active: number;
  errors: number;
  /** Bytes from local clients to the pod, and back. */
  bytesIn: number;
  bytesOut: number;
  lastError?: string;
  /** Why it ended (stopped, the pod went away). */
  endReason?: string;
}

/** A local client that half-closed waits at most this long for the pod's side to finish. */
const HALF_CLOSE_MS = 30_000;
const MAX_RETRY_MS = 30_000;

/**
 * kubectl port-forward, natively: listens on the local addresses and opens one pods/portforward
 * WebSocket per accepted connection (as kubectl does). A connection's failure is counted and shown,
 * never fatal; when the API server cannot be reached the forward says it is reconnecting and checks
 * the pod until it answers again; it ends when the pod is gone or stop() is called.
 */
export class PortForwarder {
  readonly ended: Promise<string>;
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly streams = new Set<PortStream>();
  private readonly bound: Array<{ address: string; local: number; remote: number }> = [];
  private stats_: ForwardStats;
  private resolveEnded: (reason: string) => void = () => undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private podTimer: NodeJS.Timeout | undefined;
  private retryMs: number;

  private constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: ForwardOptions,
    private readonly onEvent: (event: ForwardEvent) => void,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.stats_ = { state: 'active', listeners: this.bound, connections: 0, active: 0, errors: 0, bytesIn: 0, bytesOut: 0 };
    this.retryMs = options.retryMs ?? 1000;
  }

  /** Binds every mapping; rejects with a ListenError (and listens on nothing) when one cannot be bound at all. */
  static async start(kubeConfig: KubeConfig, options: ForwardOptions, onEvent: (event: ForwardEvent) => void = () => undefined): Promise<PortForwarder> {
    const forwarder = new PortForwarder(kubeConfig, options, onEvent);
    try {
      await forwarder.listen();
    } catch (error) {
      await forwarder.stop('could not listen');
      throw error;
    }
    if (options.checkPodEveryMs !== undefined) {
      forwarder.podTimer = setInterval(() => void forwarder.checkPod(), options.checkPodEveryMs);
      forwarder.podTimer.unref();
    }
    return forwarder;
  }

  stats(): ForwardStats {
    return { ...this.stats_, listeners: [...this.bound] };
  }

  /** Stops listening and closes every connection. */
  async stop(reason = 'stopped'): Promise<void> {
    if (this.stats_.state === 'ended') return;
    this.stats_ = { ...this.stats_, state: 'ended', endReason: reason };
    clearTimeout(this.retryTimer);
    clearInterval(this.podTimer);
    for (const stream of this.streams) stream.close();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    this.onEvent({ kind: 'ended', reason });
    this.resolveEnded(reason);
  }

  private async listen(): Promise<void> {
    const addresses = listenAddresses(this.options.addresses ?? ['localhost']);
    for (const mapping of this.options.mappings) {
      let local = mapping.local;
      const failures: string[] = [];
      let boundAny = false;
      for (const { address, optional } of addresses) {
        try {
          const { server, port } = await listenOn(address, local, (socket) => this.accepted(socket, { local: port, remote: mapping.remote }));
          // Port 0 picks a free port once; the other addresses listen on the same one.
          local = port;
          this.servers.push(server);
          this.bound.push({ address, local: port, remote: mapping.remote });
          boundAny = true;
          this.onEvent({ kind: 'listening', address, local: port, remote: mapping.remote });
        } catch (error) {
          if (!(error instanceof ListenError)) throw error;
          if (!optional) throw error;
          failures.push(error.message);
        }
      }
      if (!boundAny) throw new ListenError(failures[0] ?? `unable to listen on port ${mapping.local}`);
    }
  }

  private accepted(socket: Socket, mapping: { local: number; remote: number }): void {
    if (this.stats_.state === 'ended') {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    this.stats_ = { ...this.stats_, connections: this.stats_.connections + 1, active: this.stats_.active + 1 };
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.stats_ = { ...this.stats_, active: this.stats_.active - 1 };
    });
    socket.on('error', () => socket.destroy());
    this.onEvent({ kind: 'connection', ...mapping });
    openPortStream(this.kubeConfig, { namespace: this.options.namespace, pod: this.options.pod, port: mapping.remote }).then(
      (stream) => this.connect(socket, stream, mapping),
      (error: unknown) => {
        socket.destroy();
        const problem = error instanceof ForwardStreamError ? error : new ForwardStreamError(String(error), 'unavailable');
        this.failed(mapping, problem.message);
        if (problem.kind === 'podGone') void this.stop(`pod ${this.options.namespace}/${this.options.pod} is gone`);
        else if (problem.kind === 'unavailable') this.unhealthy(problem.message);
      },
    );
  }

  private connect(socket: Socket, stream: PortStream, mapping: { local: number; remote: number }): void {
    if (this.stats_.state === 'ended' || socket.destroyed) {
      stream.close();
      socket.destroy();
      return;
    }
    this.healthy();
    this.streams.add(stream);
    let halfClose: NodeJS.Timeout | undefined;
    let streamOpen = true;
    socket.on('data', (chunk: Buffer) => {
      this.stats_ = { ...this.stats_, bytesIn: this.stats_.bytesIn + chunk.length };
      stream.write(chunk);
    });
    socket.once('end', () => {
      // The client is done sending; the pod side gets a while to answer, but never keeps podscope alive.
      if (!streamOpen) return;
      halfClose = setTimeout(() => stream.close(), HALF_CLOSE_MS);
      halfClose.unref();
    });
    socket.once('close', () => {
      clearTimeout(halfClose);
      stream.close();
    });
    stream.onData((chunk) => {
      this.stats_ = { ...this.stats_, bytesOut: this.stats_.bytesOut + chunk.length };
      if (!socket.destroyed) socket.write(chunk);
    });
    stream.onError((message) => this.failed(mapping, message.trim()));
    socket.resume();
    void stream.done.then((end) => {
      streamOpen = false;
      clearTimeout(halfClose);
      this.streams.delete(stream);
      socket.end();
      if (end.how === 'dropped' && !socket.destroyed && this.stats_.state !== 'ended') {
        this.failed(mapping, `the connection to the pod dropped (WebSocket ${end.code})`);
        this.unhealthy('the stream to the pod dropped');
      }
    });
  }

  private failed(mapping: { local: number; remote: number }, message: string): void {
    this.stats_ = { ...this.stats_, errors: this.stats_.errors + 1, lastError: message };
    this.onEvent({ kind: 'connectionError', ...mapping, message });
  }

  private healthy(): void {
    if (this.stats_.state !== 'reconnecting') return;
    clearTimeout(this.retryTimer);
    this.retryMs = this.options.retryMs ?? 1000;
    this.stats_ = { ...this.stats_, state: 'active' };
    this.onEvent({ kind: 'reconnected' });
  }

  /** The API server did not answer: say so, and check the pod until it does. */
  private unhealthy(message: string): void {
    if (this.stats_.state !== 'active') return;
    this.stats_ = { ...this.stats_, state: 'reconnecting' };
    this.onEvent({ kind: 'reconnecting', message });
    this.scheduleCheck();
  }

  private scheduleCheck(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.check(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  /** While reconnecting: asks for the pod until the API server answers. */
  private async check(): Promise<void> {
    if (this.stats_.state !== 'reconnecting') return;
    const verdict = await this.inspectPod();
    if (verdict.kind === 'alive') this.healthy();
    else if (verdict.kind === 'ended') await this.stop(verdict.reason);
    else {
      this.stats_ = { ...this.stats_, lastError: verdict.message };
      this.scheduleCheck();
    }
  }

  /** Now and then while active: a forward whose pod went away (or was replaced) ends. */
  private async checkPod(): Promise<void> {
    if (this.stats_.state !== 'active') return;
    const verdict = await this.inspectPod();
    if (verdict.kind === 'ended') await this.stop(verdict.reason);
  }

  private async inspectPod(): Promise<{ kind: 'alive' } | { kind: 'ended'; reason: string } | { kind: 'unknown'; message: string }> {
    const { namespace, pod } = this.options;
    try {
      const object = (await requestJson(this.kubeConfig, { method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`, signal: AbortSignal.timeout(10_000) })) as {
        metadata?: { uid?: string };
        status?: { phase?: string };
      };
      if (this.options.uid !== undefined && object.metadata?.uid !== this.options.uid) return { kind: 'ended', reason: `pod ${namespace}/${pod} is gone (a new pod took its name)` };
      const phase = object.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return { kind: 'ended', reason: `pod ${namespace}/${pod} has stopped (${phase})` };
      return { kind: 'alive' };
    } catch (error) {
      if (error instanceof RawRequestError && error.statusCode === 404) return { kind: 'ended', reason: `pod ${namespace}/${pod} is gone` };
      return { kind: 'unknown', message: describeKubeError(error).message };
    }
  }
}

export { hostPort, ListenError };
