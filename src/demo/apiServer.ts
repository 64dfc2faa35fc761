import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { JsonObject } from './apiTypes.js';
import { anonymousUser, authenticate, forbiddenMessage, isAllowed, type DemoUser, type UserInfo } from './authorization.js';
import { sendError } from './http.js';
import type { ObjectStore } from './objectStore.js';
import { resourceAttributesOf } from './requestInfo.js';
import { builtInRoutes } from './routes/index.js';
import { Router, type HttpMethod, type Route, type RouteAccess, type RouteParams, type ServerContext } from './router.js';
import { createSelfSignedCertificate, type SelfSignedCertificate } from './selfSignedCertificate.js';
import { ApiError, methodNotAllowed, pathNotFound, toApiError, unauthorized } from './status.js';
import { WatchRegistry } from './watchStream.js';

export interface ApiServerOptions {
  store: ObjectStore;
  /** Bearer tokens this server accepts, each with its user's authorization rules. */
  users: readonly DemoUser[];
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port; `listen()` after `stop()` reuses the port first bound. */
  port?: number;
  /** Server time for ages in Tables and deletion timestamps; defaults to the wall clock. */
  now?: () => Date;
  /** Endpoints added to the built-in ones (e.g. pods/log, pods/exec); matched after them. */
  routes?: readonly Route[];
  /** Interval of BOOKMARK events on watches that allow them; defaults to 60 s like kube-apiserver. */
  bookmarkIntervalMs?: number;
  /** Groups the added routes serve, for /apis (e.g. metrics.k8s.io). */
  apiGroups?: readonly JsonObject[];
  /**
   * Certificate to serve HTTPS with; by default a fresh self-signed one. `false` serves plain HTTP,
   * which kubectl cannot use: client-go never sends a bearer token over http://.
   */
  tls?: SelfSignedCertificate | false;
}

export interface ApiServer {
  /** https://127.0.0.1:<port> (http:// when started with `tls: false`) */
  readonly url: string;
  readonly port: number;
  /** PEM certificate clients must trust (the server's own, self-signed); undefined over plain HTTP. */
  readonly certificateAuthority: string | undefined;
  /** Number of watch streams currently open. */
  readonly openWatches: number;
  /** Adds an endpoint while running. */
  addRoute(route: Route): void;
  /** Stops listening and drops every connection (watches end cleanly); the store is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port after `stop()`. */
  listen(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

const httpMethods: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function forbiddenPath(user: UserInfo, method: string, path: string): ApiError {
  return new ApiError(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${method.toLowerCase()} path "${path}"`, {});
}

function checkAccess(access: RouteAccess, user: UserInfo | undefined, params: RouteParams, query: URLSearchParams, method: HttpMethod, path: string): void {
  if (access.kind === 'public') return;
  const effectiveUser = user ?? anonymousUser;
  if (access.kind === 'authenticated') {
    if (user === undefined) throw forbiddenPath(effectiveUser, method, path);
    return;
  }
  const attributes = access.attributes(params, query, method);
  if (isAllowed(effectiveUser, attributes)) return;
  throw new ApiError(403, 'Forbidden', forbiddenMessage(effectiveUser, attributes), { name: attributes.name, kind: attributes.resource });
}

/** Writes a Status as a raw HTTP response on a socket whose upgrade we refuse. */
function rejectUpgrade(socket: Duplex, error: ApiError): void {
  const body = `${JSON.stringify(error.toStatus())}\n`;
  socket.end(
    `HTTP/1.1 ${error.code} ${error.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Starts a Kubernetes API server (HTTPS with a self-signed certificate) on 127.0.0.1 that serves `store` with kube-apiserver
 * 1.24's paths, bodies, errors, watches and server-side Tables.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const router = new Router([...builtInRoutes(), ...(options.routes ?? [])]);
  const watches = new WatchRegistry();
  let port = options.port ?? 0;
  const context: ServerContext = {
    store: options.store,
    now: options.now ?? (() => new Date()),
    serverAddress: () => `${host}:${port}`,
    watches,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    apiGroups: options.apiGroups ?? [],
  };

  const resolveRequest = (request: IncomingMessage, upgrade: boolean) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const authentication = authenticate(options.users, request.headers.authorization);
    if (authentication.kind === 'rejected') throw unauthorized();
    const user = authentication.kind === 'user' ? authentication.user : undefined;
    const method = (request.method ?? 'GET').toUpperCase();
    const match = httpMethods.has(method) ? router.match(method, url.pathname, upgrade) : ({ kind: 'wrong-method' } as const);
    if (match.kind !== 'match') {
      const attributes = resourceAttributesOf(method, url.pathname, url.searchParams);
      if (attributes !== undefined) checkAccess({ kind: 'resource', attributes: () => attributes }, user, {}, url.searchParams, method as HttpMethod, url.pathname);
      else if (user === undefined) throw forbiddenPath(anonymousUser, method, url.pathname);
      throw match.kind === 'none' ? pathNotFound() : methodNotAllowed();
    }
    checkAccess(match.route.access, user, match.params, url.searchParams, method as HttpMethod, url.pathname);
    return { route: match.route, params: match.params, query: url.searchParams, user: user ?? anonymousUser };
  };

  const handleRequest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const resolved = resolveRequest(request, false);
      await resolved.route.handle?.({ request, response, params: resolved.params, query: resolved.query, user: resolved.user, server: context });
    } catch (error) {
      if (!response.headersSent) sendError(response, toApiError(error));
      else response.destroy();
    }
  };

  const handleUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    try {
      const resolved = resolveRequest(request, true);
      await resolved.route.upgrade?.({ request, socket, head, params: resolved.params, query: resolved.query, user: resolved.user, server: context });
    } catch (error) {
      if (socket.writable) rejectUpgrade(socket, toApiError(error));
      else socket.destroy();
    }
  };

  const tls = options.tls === false ? undefined : (options.tls ?? createSelfSignedCertificate());
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    void handleRequest(request, response);
  };
  const serverOptions = { keepAlive: true, keepAliveInitialDelay: 30_000 };
  const server: Server =
    tls === undefined ? createHttpServer(serverOptions, onRequest) : createHttpsServer({ ...serverOptions, cert: tls.cert, key: tls.key }, onRequest);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void handleUpgrade(request, socket, head);
  });
  // Every TCP connection, so stop() can end even those still in the TLS handshake, which
  // closeAllConnections() does not see and which would otherwise hold server.close() for minutes.
  const sockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Longer than clients' idle keep-alive, so a reused connection is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let listening = false;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      if (listening) {
        resolve();
        return;
      }
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      watches.endAll();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });

  await listen();
  return {
    get url() {
      return `${tls === undefined ? 'http' : 'https'}://${host}:${port}`;
    },
    certificateAuthority: tls?.cert,
    get port() {
      return port;
    },
    get openWatches() {
      return watches.size;
    },
    addRoute: (route) => router.add(route),
    stop,
    listen,
    close: stop,
  };
}
