import type { CoreV1Api, CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import type { ListWatchSource } from './listWatchStore.js';

export type NamespaceScope = { namespace: string } | { allNamespaces: true };
export type EventScope = NamespaceScope & { fieldSelector?: string };

/** Where pods, namespaces and events are listed (typed API) and watched (path). */
export function podSource(coreApi: CoreV1Api, scope: NamespaceScope): ListWatchSource<V1Pod> {
  if ('namespace' in scope) {
    return {
      path: `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/pods`,
      modelName: 'V1Pod',
      listPage: (query, options) => coreApi.listNamespacedPod({ ...query, namespace: scope.namespace }, options),
    };
  }
  return { path: '/api/v1/pods', modelName: 'V1Pod', listPage: (query, options) => coreApi.listPodForAllNamespaces(query, options) };
}

export function namespaceSource(coreApi: CoreV1Api): ListWatchSource<V1Namespace> {
  return { path: '/api/v1/namespaces', modelName: 'V1Namespace', listPage: (query, options) => coreApi.listNamespace(query, options) };
}

export function eventSource(coreApi: CoreV1Api, scope: EventScope): ListWatchSource<CoreV1Event> {
  const { fieldSelector } = scope;
  if ('namespace' in scope) {
    return {
      path: `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/events`,
      modelName: 'CoreV1Event',
      fieldSelector,
      listPage: (query, options) => coreApi.listNamespacedEvent({ ...query, namespace: scope.namespace }, options),
    };
  }
  return {
    path: '/api/v1/events',
    modelName: 'CoreV1Event',
    fieldSelector,
    listPage: (query, options) => coreApi.listEventForAllNamespaces(query, options),
  };
}
