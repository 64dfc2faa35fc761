// The API paths the one-shot reads GET, in a module of their own: a command names them before it
// runs (ConnectOptions.readAhead) without loading the reads and their shape checks.

export function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The collection of `resource` in a namespace, or in all of them. */
export function collectionPath(resource: 'pods' | 'events', namespace: string | undefined): string {
  return namespace === undefined ? `/api/v1/${resource}` : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

/** The path readPod GETs. */
export function podPath(namespace: string, name: string): string {
  return `${collectionPath('pods', namespace)}/${encodeURIComponent(name)}`;
}

/** The pod's events as `kubectl describe` asks for them: by involved object name and namespace. */
export function podEventsQuery(namespace: string, name: string): Record<string, string> {
  return { fieldSelector: `involvedObject.name=${name},involvedObject.namespace=${namespace}` };
}

/** The path listPodEvents GETs. */
export function podEventsPath(namespace: string, name: string): string {
  return collectionPath('events', namespace) + query(podEventsQuery(namespace, name));
}
