import type { JsonObject, ResourceName } from '../apiTypes.js';
import { parseBoolean, sendJson, sendJsonList } from '../http.js';
import { listPage } from '../listing.js';
import { objectFilterFromQuery } from '../objectFilter.js';
import { isClusterScoped, kindOf } from '../objectStore.js';
import type { RouteContext } from '../router.js';
import { notFound } from '../status.js';
import { buildTable, negotiateTable, tablePrinterFor } from '../tables/table.js';
import { serveWatch } from '../watchStream.js';

/** `list` or `watch`, the verb kube-apiserver authorizes a collection GET as. */
export function listVerb(query: URLSearchParams): string {
  return parseBoolean(query.get('watch')) ? 'watch' : 'list';
}

function withoutTypeMeta(object: JsonObject): JsonObject {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

/** GET on a collection: a list (JSON or Table, paginated) or, with `watch=true`, a watch stream. */
export function listOrWatch(resource: ResourceName) {
  return (context: RouteContext): void => {
    const { params, query, request, response, server } = context;
    const namespace = isClusterScoped(resource) ? undefined : params['namespace'];
    const filter = objectFilterFromQuery(resource, query);
    const table = negotiateTable(request.headers.accept, query);
    if (parseBoolean(query.get('watch'))) {
      serveWatch(context, { resource, namespace, filter, table });
      return;
    }
    const page = listPage(server.store, resource, namespace, filter, query);
    const listMeta: JsonObject = { resourceVersion: page.resourceVersion };
    if (page.continue !== undefined) listMeta['continue'] = page.continue;
    if (page.remainingItemCount !== undefined) listMeta['remainingItemCount'] = page.remainingItemCount;
    if (table !== undefined) {
      sendJson(response, 200, buildTable(tablePrinterFor(resource), page.items, page, table, server.now()));
      return;
    }
    sendJsonList(response, { kind: `${kindOf(resource)}List`, apiVersion: 'v1', metadata: listMeta }, page.items.map(withoutTypeMeta));
  };
}

/** The object a route's `:namespace`/`:name` address, or a 404 Status. */
export function requireObject(context: RouteContext, resource: ResourceName): JsonObject {
  const name = context.params['name'] ?? '';
  const object = context.server.store.get({ resource, namespace: isClusterScoped(resource) ? undefined : context.params['namespace'], name });
  if (object === undefined) throw notFound(resource, name);
  return object;
}

/** Answers with one object, as JSON or as a one-row Table when the client asked for one. */
export function sendObject(context: RouteContext, resource: ResourceName, object: JsonObject, statusCode = 200): void {
  const table = negotiateTable(context.request.headers.accept, context.query);
  if (table === undefined) {
    sendJson(context.response, statusCode, object);
    return;
  }
  const resourceVersion = String((object['metadata'] as JsonObject | undefined)?.['resourceVersion'] ?? '');
  sendJson(context.response, statusCode, buildTable(tablePrinterFor(resource), [object], { resourceVersion }, table, context.server.now()));
}

export function getObject(resource: ResourceName) {
  return (context: RouteContext): void => {
    sendObject(context, resource, requireObject(context, resource));
  };
}
