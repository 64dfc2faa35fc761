import type { KubeConfig } from '@kubernetes/client-node';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { ClientOptions, WebSocket } from 'ws';
import { parseStreamStatus } from './channelStatus.js';
import { DebugError } from './debugError.js';

/** v5 adds a close-stream channel (servers ≥1.30); 1.24 refuses a v5-only offer with 403, so offer v4 too. */
export const STREAM_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;
/** v5 only: `[255, channel]` tells the other side that this stream ends. */
const CLOSE_STREAM = 255;

export type OutputChannel = 'stdout' | 'stderr';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** How a stream session ended. */
export interface StreamEnd {
  /**
   * exited: the process ended (exitCode, or error when it failed to run; over attach the Status is
   * always Success, so ask containerExitCode for the real code); disconnected: the connection ended without a status; closed: we closed it (detach). */
  how: 'exited' | 'disconnected' | 'closed';
  exitCode?: number;
  error?: string;
}

export interface StreamCounters {
  /** Bytes sent to the container's stdin. */
  bytesIn: number;
  /** Bytes received from its stdout and stderr. */
  bytesOut: number;
}

/** One attach or exec connection. Output arriving before the first listener is kept for it. */
export interface StreamSession {
  readonly protocol: string;
  readonly tty: boolean;
  readonly stdin: boolean;
  write(data: string | Uint8Array): void;
  resize(size: TerminalSize): void;
  onOutput(listener: (data: Buffer, channel: OutputChannel) => void): () => void;
  /**
   * Settles at the first output byte (`output`: the process runs and talks) or when the stream ends
   * first (`ended`: see `done`); never rejects. How an exec is known to have started: a shell prints
   * its prompt at once, a command that cannot run ends with a Status before any output.
   */
  readonly firstActivity: Promise<'output' | 'ended'>;
  /** Ends the process's stdin (v5.channel.k8s.io only; a no-op with older protocols). */
  closeStdin(): void;
  /** Settles once, when the connection ends; never rejects. */
  readonly done: Promise<StreamEnd>;
  /** Ends the connection (a detach: the container's process keeps running). */
  close(): void;
  counters(): StreamCounters;
}

export interface StreamSessionTarget {
  kubeConfig: KubeConfig;
}

export interface AttachOptions {
  namespace: string;
  pod: string;
  container: string;
  /** default true */
  stdin?: boolean;
  /** default true */
  tty?: boolean;
}

export interface ExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** default false */
  stdin?: boolean;
  /** default false */
  tty?: boolean;
}

export function attachPath(options: AttachOptions): string {
  const tty = options.tty ?? true;
  const query = new URLSearchParams({ container: options.container, stdin: String(options.stdin ?? true), stdout: 'true', stderr: String(!tty), tty: String(tty) });
  return `${podPath(options)}/attach?${query.toString()}`;
}

/** Each argument is its own `command` parameter, URL-encoded (the server drops parameters holding a raw `;`). */
export function execPath(options: ExecOptions): string {
  const query = new URLSearchParams();
  for (const part of options.command) query.append('command', part);
  const tty = options.tty ?? false;
  query.set('container', options.container);
  query.set('stdin', String(options.stdin ?? false));
  query.set('stdout', 'true');
  query.set('stderr', String(!tty));
  query.set('tty', String(tty));
  return `${podPath(options)}/exec?${query.toString()}`;
}

function podPath(options: { namespace: string; pod: string }): string {
  return `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(options.pod)}`;
}

export function openAttach(session: StreamSessionTarget, options: AttachOptions): Promise<StreamSession> {
  return openStream(session.kubeConfig, attachPath(options), { tty: options.tty ?? true, stdin: options.stdin ?? true });
}

export function openExec(session: StreamSessionTarget, options: ExecOptions): Promise<StreamSession> {
  if (options.command.length === 0) return Promise.reject(new DebugError('exec needs a command', 'invalid'));
  return openStream(session.kubeConfig, execPath(options), { tty: options.tty ?? false, stdin: options.stdin ?? false });
}

async function openStream(kubeConfig: KubeConfig, path: string, flags: { tty: boolean; stdin: boolean }): Promise<StreamSession> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new DebugError('the kubeconfig has no current cluster', 'other');
  const url = cluster.server.replace(/^http/, 'ws').replace(/\/+$/, '') + path;
  const options: ClientOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  // ws is loaded when a stream opens: the explorer's first frame does not wait for it.
  const { WebSocket } = await import('ws');
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, [...STREAM_PROTOCOLS], options);
    let opened = false;
    socket.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => reject(refusal(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
      response.on('error', () => reject(refusal(response.statusCode ?? 0, '')));
    });
    socket.on('error', (error: Error) => {
      if (!opened) reject(new DebugError(`cannot open the stream: ${error.message}`, 'other'));
    });
    socket.on('open', () => {
      opened = true;
      resolve(new ChannelSession(socket, flags));
    });
  });
}

/** The server's answer instead of the upgrade: a Status JSON, or the kubelet's plain text (500 for an exited container). */
function refusal(status: number, body: string): DebugError {
  let message = body.trim();
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // plain text body
  }
  if (message === '') message = status === 403 ? 'the server refused the stream (403): it speaks none of the offered protocols, or you may not attach/exec here' : `the server refused the stream (${status})`;
  const kind = status === 403 ? 'forbidden' : status === 404 ? 'notFound' : status === 400 ? 'invalid' : 'streamRefused';
  return new DebugError(message, kind, { status });
}

class ChannelSession implements StreamSession {
  readonly protocol: string;
  readonly done: Promise<StreamEnd>;
  readonly firstActivity: Promise<'output' | 'ended'>;
  private noteActivity: (what: 'output' | 'ended') => void = () => undefined;
  private listeners = new Set<(data: Buffer, channel: OutputChannel) => void>();
  private pending: Array<[Buffer, OutputChannel]> = [];
  private status: StreamEnd | undefined;
  private closedByUs = false;
  private bytesIn = 0;
  private bytesOut = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly flags: { tty: boolean; stdin: boolean },
  ) {
    this.protocol = socket.protocol;
    this.firstActivity = new Promise((resolve) => (this.noteActivity = resolve));
    socket.on('message', (data: Buffer) => this.receive(data));
    this.done = new Promise((resolve) => {
      socket.on('close', () => {
        this.noteActivity('ended');
        this.listeners.clear();
        this.pending = [];
        if (this.status) resolve(this.status);
        else resolve({ how: this.closedByUs ? 'closed' : 'disconnected' });
      });
    });
  }

  get tty(): boolean {
    return this.flags.tty;
  }

  get stdin(): boolean {
    return this.flags.stdin;
  }

  write(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (bytes.length === 0 || this.socket.readyState !== this.socket.OPEN) return;
    this.bytesIn += bytes.length;
    this.socket.send(Buffer.concat([Buffer.from([STDIN]), bytes]));
  }

  closeStdin(): void {
    if (this.protocol !== 'v5.channel.k8s.io' || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(Buffer.from([CLOSE_STREAM, STDIN]));
  }

  resize(size: TerminalSize): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const width = Math.max(1, Math.floor(size.columns));
    const height = Math.max(1, Math.floor(size.rows));
    this.socket.send(Buffer.concat([Buffer.from([RESIZE]), Buffer.from(JSON.stringify({ Width: width, Height: height }))]));
  }

  onOutput(listener: (data: Buffer, channel: OutputChannel) => void): () => void {
    this.listeners.add(listener);
    const held = this.pending;
    this.pending = [];
    for (const [data, channel] of held) listener(data, channel);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.socket.readyState === this.socket.CLOSED) return;
    this.closedByUs = true;
    this.socket.close(1000);
  }

  counters(): StreamCounters {
    return { bytesIn: this.bytesIn, bytesOut: this.bytesOut };
  }

  private receive(frame: Buffer): void {
    if (frame.length === 0) return;
    const channel = frame[0];
    const payload = frame.subarray(1);
    if (channel === STDOUT || channel === STDERR) {
      if (payload.length === 0) return; // the server opens each output channel with an empty frame
      this.bytesOut += payload.length;
      this.noteActivity('output');
      const name: OutputChannel = channel === STDOUT ? 'stdout' : 'stderr';
      if (this.listeners.size === 0) this.pending.push([Buffer.from(payload), name]);
      else for (const listener of this.listeners) listener(payload, name);
    } else if (channel === STATUS) {
      const status = parseStreamStatus(payload.toString('utf8'));
      this.status = 'exitCode' in status ? { how: 'exited', exitCode: status.exitCode } : { how: 'exited', error: status.error };
      this.noteActivity('ended');
    }
    // 255 (v5 close-stream) and anything else: nothing to do for a client.
  }
}
