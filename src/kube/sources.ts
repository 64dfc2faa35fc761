import type { WireEvent, WireNamespace, WirePod } from '../model/apiObjects.js';
import type { ListWatchSource } from './listWatchStore.js';
import { EVENT_KIND, NAMESPACE_KIND, POD_KIND } from './objectShape.js';

export type NamespaceScope = { namespace: string } | { allNamespaces: true };
export type EventScope = NamespaceScope & { fieldSelector?: string };

function collection(scope: NamespaceScope, resource: string): string {
  return 'namespace' in scope ? `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/${resource}` : `/api/v1/${resource}`;
}

/** Where pods, namespaces and events are listed and watched. */
export function podSource(scope: NamespaceScope): ListWatchSource<WirePod> {
  return { path: collection(scope, 'pods'), kind: POD_KIND };
}

export function namespaceSource(): ListWatchSource<WireNamespace> {
  return { path: '/api/v1/namespaces', kind: NAMESPACE_KIND };
}

export function eventSource(scope: EventScope): ListWatchSource<WireEvent> {
  return { path: collection(scope, 'events'), kind: EVENT_KIND, fieldSelector: scope.fieldSelector };
}
