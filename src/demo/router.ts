import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { JsonObject } from './apiTypes.js';
import type { ResourceAttributes, UserInfo } from './authorization.js';
import type { ObjectStore } from './objectStore.js';
import type { WatchRegistry } from './watchStream.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteParams = Readonly<Record<string, string>>;

/** What every handler may use besides its request. */
export interface ServerContext {
  store: ObjectStore;
  now(): Date;
  /** host:port clients reach this server at (discovery's serverAddressByClientCIDRs). */
  serverAddress(): string;
  watches: WatchRegistry;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK event. */
  bookmarkIntervalMs: number;
  /** API groups served by added routes (an aggregated API such as metrics.k8s.io), listed by /apis. */
  apiGroups: readonly JsonObject[];
}

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  params: RouteParams;
  query: URLSearchParams;
  user: UserInfo;
  server: ServerContext;
}

/** Context of a connection upgrade (WebSocket exec/attach); the handler owns the socket from then on. */
export interface UpgradeContext {
  request: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  params: RouteParams;
  query: URLSearchParams;
  user: UserInfo;
  server: ServerContext;
}

/**
 * Who may call a route: anyone (`public`, like /version), any authenticated user (`authenticated`,
 * like discovery), or those the authorization rules allow for the resource attributes.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'resource'; attributes: (params: RouteParams, query: URLSearchParams, method: HttpMethod) => ResourceAttributes };

export interface Route {
  method: HttpMethod;
  /** Path pattern; `:name` segments capture one URL-decoded path segment. */
  path: string;
  access: RouteAccess;
  handle?(context: RouteContext): Promise<void> | void;
  /** For routes served over a connection upgrade (WebSocket); takes precedence when the request upgrades. */
  upgrade?(context: UpgradeContext): Promise<void> | void;
}

/** Authorization for `verb` on a resource addressed by the route's `:namespace` and `:name` parameters. */
export function resourceAccess(verb: string | ((query: URLSearchParams) => string), resource: string, subresource?: string): RouteAccess {
  return {
    kind: 'resource',
    attributes: (params, query) => ({
      verb: typeof verb === 'string' ? verb : verb(query),
      resource,
      subresource,
      namespace: params['namespace'],
      name: params['name'],
    }),
  };
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

export type RouteMatch = { kind: 'match'; route: Route; params: RouteParams } | { kind: 'wrong-method' } | { kind: 'none' };

function splitPath(path: string): string[] | undefined {
  const trimmed = path.replace(/\/+$/, '');
  try {
    return trimmed === '' ? [] : trimmed.slice(1).split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

/** Table-driven routing: adding an endpoint is adding one Route. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  constructor(routes: readonly Route[] = []) {
    for (const route of routes) this.add(route);
  }

  add(route: Route): void {
    this.routes.push({ route, segments: route.path.replace(/\/+$/, '').slice(1).split('/') });
  }

  match(method: string, path: string, upgrade = false): RouteMatch {
    const segments = splitPath(path);
    if (segments === undefined) return { kind: 'none' };
    let pathMatched = false;
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, segments);
      if (params === undefined) continue;
      pathMatched = true;
      const servesKind = upgrade ? compiled.route.upgrade !== undefined : compiled.route.handle !== undefined;
      if (compiled.route.method === method && servesKind) return { kind: 'match', route: compiled.route, params };
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const value = actual[i] ?? '';
    if (expected.startsWith(':')) {
      if (value === '') return undefined;
      params[expected.slice(1)] = value;
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
