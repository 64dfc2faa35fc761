import type { WireEvent, WirePod } from '../model/apiObjects.js';
import type { ClusterSession } from './clusterSession.js';
import { describeKubeError } from './errors.js';
import { checkObject, EVENT_KIND, POD_KIND, type ObjectKind } from './objectShape.js';
import { collectionPath, podEventsQuery, podPath, query } from './podPaths.js';
import { ReadError } from './readError.js';

// Its own module so that the commands' error handling does not load the reads (and their shapes).
export { ReadError } from './readError.js';

/** What a read needs of a session: its JSON GET (with the one-shot retries). */
export type JsonReader = Pick<ClusterSession, 'getJson'>;

/** A list's items and where the next page starts (`metadata.continue`; none on the last page). */
export interface ListPage<T> {
  items: T[];
  continueToken: string | undefined;
}

async function described<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ReadError(describeKubeError(error, { what }));
  }
}

/** The object as the server sent it, shape-checked as the stores check theirs (objectShape.ts). */
function checked<T>(raw: unknown, kind: ObjectKind): T {
  const result = checkObject<T>(raw, kind);
  if (!result.ok) throw new Error(`the server sent a ${kind.kind} that does not decode (${result.problem})`);
  return result.object;
}

function checkedList<T>(raw: unknown, kind: ObjectKind): ListPage<T> {
  const list = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (!Array.isArray(list.items)) throw new Error(`the server sent a ${kind.kind} list without items`);
  const metadata = typeof list.metadata === 'object' && list.metadata !== null ? (list.metadata as Record<string, unknown>) : {};
  const next = metadata.continue;
  return { items: list.items.map((item: unknown) => checked<T>(item, kind)), continueToken: typeof next === 'string' && next !== '' ? next : undefined };
}

/** One page of pods or events (every item shape-checked); rejects with the server's refusal. */
export async function readListPage<T>(
  reader: JsonReader,
  resource: 'pods' | 'events',
  namespace: string | undefined,
  parameters: Record<string, string | number | undefined>,
): Promise<ListPage<T>> {
  return checkedList<T>(await reader.getJson(collectionPath(resource, namespace) + query(parameters)), resource === 'pods' ? POD_KIND : EVENT_KIND);
}

/** GET one pod, shape-checked; the problem as a ReadError. */
export function readPod(reader: JsonReader, namespace: string, name: string, signal?: AbortSignal): Promise<WirePod> {
  return described(`read pod ${namespace}/${name}`, async () => checked<WirePod>(await reader.getJson(podPath(namespace, name), signal), POD_KIND));
}

/** The pod's events as `kubectl describe` asks for them: by involved object name and namespace. */
export async function listPodEvents(reader: JsonReader, namespace: string, name: string): Promise<WireEvent[]> {
  const list = await described(`list events of pod ${namespace}/${name}`, () => readListPage<WireEvent>(reader, 'events', namespace, podEventsQuery(namespace, name)));
  return list.items;
}

/** The pods a label selector picks in one namespace, in the server's order (by name), as `kubectl logs -l` lists them. */
export async function listPodsBySelector(reader: JsonReader, namespace: string, labelSelector: string): Promise<WirePod[]> {
  const list = await described(`list pods in ${namespace}`, () => readListPage<WirePod>(reader, 'pods', namespace, { labelSelector }));
  return list.items;
}
