import type { JsonObject, ResourceName } from './apiTypes.js';
import { integerParameter, parseBoolean } from './http.js';
import type { ObjectFilter } from './objectFilter.js';
import { kindOf, type RevisionedChange } from './objectStore.js';
import type { RouteContext } from './router.js';
import { badRequest, expired } from './status.js';
import { buildTable, tablePrinterFor, type TableRequest } from './tables/table.js';
import { metadataNamespace } from './jsonAccess.js';

/** The watches a server has open, so that stopping the server can end each stream cleanly. */
export class WatchRegistry {
  private readonly active = new Set<() => void>();

  add(end: () => void): () => void {
    this.active.add(end);
    return () => {
      this.active.delete(end);
    };
  }

  get size(): number {
    return this.active.size;
  }

  endAll(): void {
    for (const end of [...this.active]) end();
  }
}

export interface WatchRequest {
  resource: ResourceName;
  /** Undefined for a watch across all namespaces (or of a cluster-scoped resource). */
  namespace?: string;
  filter: ObjectFilter;
  table?: TableRequest;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

// kube-apiserver drops watchers that cannot keep up rather than buffering without bound.
const maxBufferedBytes = 16 * 1024 * 1024;

/**
 * A change serialised once however many watchers send it (watch fan-out: several clients watching
 * 20,000 pods under 500 updates a second). The store hands every watcher the same object, one
 * change after another, so remembering the last one is enough; stored objects never change in place.
 */
let lastEncoded: { object: JsonObject; text: string } | undefined;

function encodedObject(object: JsonObject): string {
  if (lastEncoded?.object !== object) lastEncoded = { object, text: JSON.stringify(object) };
  return lastEncoded.text;
}

/** The zero-valued object a BOOKMARK event carries: only its resourceVersion means anything. */
function bookmarkObject(resource: ResourceName, resourceVersion: string): JsonObject {
  const metadata = { resourceVersion, creationTimestamp: null };
  const head = { kind: kindOf(resource), apiVersion: 'v1', metadata };
  switch (resource) {
    case 'pods':
      return { ...head, spec: { containers: null }, status: {} };
    case 'namespaces':
      return { ...head, spec: {}, status: {} };
    case 'events':
      return {
        ...head,
        involvedObject: {},
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: null,
        reportingComponent: '',
        reportingInstance: '',
      };
  }
}

/**
 * Decides what a change means to a watcher with a selector, like the watch cache does: an object
 * that starts matching is ADDED, one that stops matching is DELETED (with its previous content).
 */
function eventFor(change: RevisionedChange, filter: ObjectFilter): { type: WatchEventType; object: JsonObject } | undefined {
  const nowMatches = filter.matches(change.object);
  if (change.type === 'ADDED') return nowMatches ? { type: 'ADDED', object: change.object } : undefined;
  const previousMatched = change.previous !== undefined && filter.matches(change.previous);
  if (change.type === 'DELETED') return previousMatched || nowMatches ? { type: 'DELETED', object: change.object } : undefined;
  if (nowMatches && previousMatched) return { type: 'MODIFIED', object: change.object };
  if (nowMatches) return { type: 'ADDED', object: change.object };
  if (previousMatched && change.previous !== undefined) {
    const object = structuredClone(change.previous);
    const metadata = object['metadata'];
    if (typeof metadata === 'object' && metadata !== null) (metadata as JsonObject)['resourceVersion'] = String(change.revision);
    return { type: 'DELETED', object };
  }
  return undefined;
}

/** The revision to replay changes after, or undefined for "start from the current state". */
function startRevision(resourceVersion: string | null): number | undefined {
  if (resourceVersion === null || resourceVersion === '' || resourceVersion === '0') return undefined;
  if (!/^\d+$/.test(resourceVersion)) throw badRequest(`invalid resource version: ${resourceVersion}`);
  return Number(resourceVersion);
}

/**
 * Serves `?watch=true` as kube-apiserver does: a chunked stream of one JSON event per line,
 * starting with ADDED events for the current objects when no resourceVersion is given, or with
 * the changes after the given one; a compacted resourceVersion gets one ERROR (410 Expired) event.
 */
export function serveWatch(context: RouteContext, watch: WatchRequest): void {
  const { request, response, query, server } = context;
  const { store } = server;
  const requested = startRevision(query.get('resourceVersion'));
  const allowBookmarks = parseBoolean(query.get('allowWatchBookmarks'));
  const timeoutSeconds = integerParameter(query, 'timeoutSeconds');

  const inScope = (object: JsonObject): boolean => watch.namespace === undefined || metadataNamespace(object) === watch.namespace;
  const printer = tablePrinterFor(watch.resource);
  let headersSent = false;
  let ended = false;

  const write = (type: WatchEventType, object: JsonObject): void => {
    if (ended) return;
    if (watch.table !== undefined && type !== 'ERROR') {
      const resourceVersion = String((object['metadata'] as JsonObject | undefined)?.['resourceVersion'] ?? store.resourceVersion());
      const rows = type === 'BOOKMARK' ? [] : [object];
      const table = buildTable(printer, rows, { resourceVersion }, watch.table, server.now(), { withHeaders: !headersSent });
      headersSent = true;
      response.write(`${JSON.stringify({ type, object: table })}\n`);
    } else {
      response.write(`{"type":${JSON.stringify(type)},"object":${encodedObject(object)}}\n`);
    }
    if (response.writableLength > maxBufferedBytes) end();
  };

  const startResponse = (): void => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    response.flushHeaders();
  };

  let history: RevisionedChange[] = [];
  let initialObjects: readonly JsonObject[] = [];
  if (requested === undefined) {
    initialObjects = store.view(watch.resource, watch.namespace).filter((object) => watch.filter.matches(object));
  } else {
    const replay = store.changesSince(requested);
    if (!Array.isArray(replay)) {
      startResponse();
      const status = expired(`too old resource version: ${requested} (${replay.oldestRevision})`).toStatus();
      response.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }
    history = replay;
  }

  const deliver = (change: RevisionedChange): void => {
    if (change.resource !== watch.resource || !inScope(change.object)) return;
    if (requested !== undefined && change.revision <= requested) return;
    const event = eventFor(change, watch.filter);
    if (event !== undefined) write(event.type, event.object);
  };

  // Subscribing and reading the current state happen in the same tick, so no change falls between them.
  const unsubscribe = store.subscribe(deliver);
  const bookmarks = allowBookmarks
    ? setInterval(() => write('BOOKMARK', bookmarkObject(watch.resource, store.resourceVersion())), server.bookmarkIntervalMs)
    : undefined;
  // Like kube-apiserver: the client's timeoutSeconds, or a random 30 to 60 minutes.
  const timeoutMs = timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
  const timeout = setTimeout(() => end(), timeoutMs);
  const unregister = server.watches.add(() => end());
  function end(): void {
    if (ended) return;
    ended = true;
    unsubscribe();
    unregister();
    clearInterval(bookmarks);
    clearTimeout(timeout);
    if (!response.writableEnded) response.end();
  }
  response.on('close', end);

  request.socket.setKeepAlive(true, 30_000);
  request.socket.setNoDelay(true);
  startResponse();
  for (const object of initialObjects) write('ADDED', object);
  for (const change of history) deliver(change);
}
