import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One HTTP request as a container's server program sees it. */
export interface HttpRequestView {
  method: string;
  path: string;
  httpVersion: string;
  userAgent: string;
  /** The peer as the container sees it (the kubelet's end of a port-forward: 127.0.0.1). */
  remoteAddress: string;
}

export interface HttpReply {
  status: number;
  headers?: Readonly<Record<string, string>>;
  body: string;
}

/** A port a container's process listens on, and how it answers. */
export interface ServedPort {
  port: number;
  http(request: HttpRequestView): HttpReply;
}

/** Who listens: one container of one pod (pods are told apart by uid: a replacement may reuse the name). */
export interface ListenerOwner {
  uid: string;
  namespace: string;
  pod: string;
  container: string;
}

/** The listeners of one container process; closed when the process ends. */
export interface ContainerListeners {
  close(): void;
}

interface Listener {
  owner: ListenerOwner;
  served: ServedPort;
  onRequest: (request: HttpRequestView, reply: HttpReply) => void;
  /** The real socket, opened on the first connection (a scenario of thousands of pods costs nothing until then). */
  server?: Promise<Server>;
  closed: boolean;
}

/** Why a dial into a pod failed, worded as the kubelet's port-forward reports it. */
export class DialRefused extends Error {
  override readonly name = 'DialRefused';
}

/**
 * The pods' network namespaces, as far as port-forward needs them: each running container that
 * serves a port has a real HTTP server on 127.0.0.1 (an ephemeral port of this machine), and
 * `dial(uid, port)` connects to it as the kubelet connects to localhost:port inside the pod.
 */
export class PodNetwork {
  private readonly listeners = new Map<string, Listener>();
  private readonly sockets = new Set<Socket>();
  private closed = false;

  /** Starts listening on every port of `served` for the container's process. */
  listen(owner: ListenerOwner, served: readonly ServedPort[], onRequest: (request: HttpRequestView, reply: HttpReply) => void): ContainerListeners {
    const opened: Listener[] = [];
    for (const port of served) {
      const key = keyOf(owner.uid, port.port);
      if (this.closed || this.listeners.has(key)) continue;
      const listener: Listener = { owner, served: port, onRequest, closed: false };
      this.listeners.set(key, listener);
      opened.push(listener);
    }
    return {
      close: () => {
        for (const listener of opened) this.stop(listener);
      },
    };
  }

  /** Whether something in the pod listens on `port`. */
  listens(uid: string, port: number): boolean {
    return this.listeners.has(keyOf(uid, port));
  }

  /** A TCP connection to `port` inside the pod; rejects with DialRefused when nothing listens there. */
  async dial(uid: string, port: number): Promise<Socket> {
    const listener = this.listeners.get(keyOf(uid, port));
    if (listener === undefined || listener.closed) throw new DialRefused(`dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    const server = await (listener.server ??= this.start(listener));
    const address = server.address() as AddressInfo | null;
    if (address === null || listener.closed) throw new DialRefused(`dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    return new Promise((resolve, reject) => {
      const socket = connect(address.port, '127.0.0.1');
      socket.once('connect', () => {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        resolve(socket);
      });
      socket.once('error', (error) => reject(new DialRefused(`dial tcp4 127.0.0.1:${port}: ${error.message}`)));
    });
  }

  /** Closes every listener and connection (the cluster stops). */
  async close(): Promise<void> {
    this.closed = true;
    const servers = [...this.listeners.values()].map((listener) => this.stop(listener));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(servers);
  }

  private start(listener: Listener): Promise<Server> {
    const server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
      const view: HttpRequestView = {
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        httpVersion: request.httpVersion,
        userAgent: request.headers['user-agent'] ?? '',
        remoteAddress: '127.0.0.1',
      };
      const reply = listener.served.http(view);
      listener.onRequest(view, reply);
      response.writeHead(reply.status, { 'Content-Length': Buffer.byteLength(reply.body), ...reply.headers });
      response.end(reply.body);
    });
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  private async stop(listener: Listener): Promise<void> {
    if (listener.closed) return;
    listener.closed = true;
    const key = keyOf(listener.owner.uid, listener.served.port);
    if (this.listeners.get(key) === listener) this.listeners.delete(key);
    const server = await listener.server?.catch(() => undefined);
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function keyOf(uid: string, port: number): string {
  return `${uid}:${port}`;
}
