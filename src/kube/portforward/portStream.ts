import type { ClientRequest, IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClientOptions, WebSocket } from 'ws';

/** What the kubelet's port-forward speaks on 1.24 (which refuses v5 with 403) and after. */
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io'] as const;

const DATA = 0;
const ERROR = 1;

/** Why a port-forward stream could not be opened or ended badly; `kind` decides what to do next. */
export class ForwardStreamError extends Error {
  override readonly name = 'ForwardStreamError';
  constructor(
    message: string,
    /** podGone: 404; refused: 4xx (forbidden, not running, bad port); unavailable: the API server did not answer or failed (retry later). */
    readonly kind: 'podGone' | 'refused' | 'unavailable',
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface StreamEnd {
  /** closed: a normal close (the pod side ended); dropped: the connection broke. */
  how: 'closed' | 'dropped';
  code: number;
}

/** One WebSocket to pods/{name}/portforward for one port: one TCP connection inside the pod. */
export interface PortStream {
  write(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  /** Text the kubelet wrote on the port's error channel (connection refused, ...). */
  onError(listener: (message: string) => void): void;
  readonly done: Promise<StreamEnd>;
  close(): void;
}

export function portForwardPath(namespace: string, pod: string, port: number): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?ports=${port}`;
}

function refusal(status: number, body: string, pod: string): ForwardStreamError {
  let message = body.trim();
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // the kubelet answers some refusals as plain text
  }
  if (status === 404) return new ForwardStreamError(message || `pods "${pod}" not found`, 'podGone', status);
  if (status === 403 && message === '') message = 'the server refused the port-forward stream (403): you may not port-forward here, or it speaks none of the offered protocols';
  if (status >= 400 && status < 500) return new ForwardStreamError(message || `the server refused the port-forward (${status})`, 'refused', status);
  return new ForwardStreamError(message || `the server failed the port-forward (${status})`, 'unavailable', status);
}

/**
 * Opens the stream and resolves once the server upgraded it. The first frame on each channel is the
 * port number (2 bytes, little-endian), not data; the client's own bytes go out on channel 0 without
 * one, as recorded (streams/portforward-http-v4.jsonl).
 */
export async function openPortStream(kubeConfig: KubeConfig, target: { namespace: string; pod: string; port: number }): Promise<PortStream> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new ForwardStreamError('the kubeconfig has no current cluster', 'refused');
  const url = cluster.server.replace(/^http/, 'ws').replace(/\/+$/, '') + portForwardPath(target.namespace, target.pod, target.port);
  const options: ClientOptions = { handshakeTimeout: 15_000 };
  await kubeConfig.applyToHTTPSOptions(options);
  // ws is loaded when a stream opens: the explorer's first frame does not wait for it.
  const { WebSocket } = await import('ws');
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, [...PORT_FORWARD_PROTOCOLS], options);
    let opened = false;
    socket.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => reject(refusal(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), target.pod)));
      response.on('error', () => reject(refusal(response.statusCode ?? 0, '', target.pod)));
    });
    socket.on('error', (error: Error) => {
      if (!opened) reject(new ForwardStreamError(`cannot reach the API server: ${error.message}`, 'unavailable'));
    });
    socket.on('open', () => {
      opened = true;
      resolve(new ChannelPortStream(socket));
    });
  });
}

class ChannelPortStream implements PortStream {
  readonly done: Promise<StreamEnd>;
  private readonly dataListeners: Array<(data: Buffer) => void> = [];
  private readonly errorListeners: Array<(message: string) => void> = [];
  private readonly prefixSeen = new Set<number>();
  private errorText = '';

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (frame: Buffer) => this.receive(frame));
    socket.on('error', () => socket.terminate());
    this.done = new Promise((resolve) => {
      socket.on('close', (code: number) => {
        if (this.errorText !== '') for (const listener of this.errorListeners) listener(this.errorText);
        resolve({ how: code === 1000 ? 'closed' : 'dropped', code });
      });
    });
  }

  write(data: Buffer): void {
    if (data.length === 0 || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(Buffer.concat([Buffer.from([DATA]), data]));
  }

  onData(listener: (data: Buffer) => void): void {
    this.dataListeners.push(listener);
  }

  onError(listener: (message: string) => void): void {
    this.errorListeners.push(listener);
  }

  close(): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    this.socket.close(1000);
  }

  private receive(frame: Buffer): void {
    if (frame.length === 0) return;
    const channel = frame[0] ?? -1;
    const payload = frame.subarray(1);
    if (!this.prefixSeen.has(channel)) {
      this.prefixSeen.add(channel);
      return;
    }
    if (channel === DATA && payload.length > 0) for (const listener of this.dataListeners) listener(payload);
    else if (channel === ERROR) this.errorText += payload.toString('utf8');
  }
}
