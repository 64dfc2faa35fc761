import type { KubeConfig } from '@kubernetes/client-node';
import type { WireEvent, WirePod } from '../../model/apiObjects.js';
import type { LogWanted } from '../../model/diagnosis/types.js';
import { readListPage, ReadError, type JsonReader, type ListPage } from '../podReads.js';
import { describeKubeError } from '../errors.js';
import { openLogRequest } from '../logs/logRequest.js';
import type { NamespaceScope } from '../sources.js';

/** Lists are read in pages of this many objects, as kubectl does (its --chunk-size). */
const PAGE = 500;

/** A container's last log lines: enough for a one-line quote, bounded in lines and bytes. */
export const LOG_TAIL_LINES = 10;
export const LOG_TAIL_BYTES = 16 * 1024;

async function allPages<T>(what: string, page: (cont: string | undefined) => Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cont: string | undefined;
  try {
    do {
      const list = await page(cont);
      items.push(...list.items);
      cont = list.continueToken;
    } while (cont !== undefined);
  } catch (error) {
    throw new ReadError(describeKubeError(error, { what }));
  }
  return items;
}

export function listPodsIn(reader: JsonReader, scope: NamespaceScope): Promise<WirePod[]> {
  const namespace = 'namespace' in scope ? scope.namespace : undefined;
  const what = namespace === undefined ? 'list pods in all namespaces' : `list pods in namespace ${namespace}`;
  return allPages(what, (cont) => readListPage<WirePod>(reader, 'pods', namespace, { limit: PAGE, continue: cont }));
}

/** The events of a scope (only those about pods), or of one pod by its involved object. */
export function listPodEventsIn(reader: JsonReader, scope: NamespaceScope, pod?: string): Promise<WireEvent[]> {
  const fieldSelector = pod === undefined ? 'involvedObject.kind=Pod' : `involvedObject.kind=Pod,involvedObject.name=${pod}`;
  const namespace = 'namespace' in scope ? scope.namespace : undefined;
  const what = namespace === undefined ? 'list events in all namespaces' : `list events in namespace ${namespace}`;
  return allPages(what, (cont) => readListPage<WireEvent>(reader, 'events', namespace, { fieldSelector, limit: PAGE, continue: cont }));
}

/**
 * The last lines of one container's log (its previous instance with `previous`), bounded by
 * LOG_TAIL_LINES and LOG_TAIL_BYTES; rejects when the server refuses (no previous instance, gone).
 */
export async function readLogTail(kubeConfig: KubeConfig, pod: { namespace: string; name: string }, wanted: LogWanted, signal?: AbortSignal): Promise<string[]> {
  const body = await openLogRequest(
    kubeConfig,
    { namespace: pod.namespace, pod: pod.name, container: wanted.container, previous: wanted.previous, tailLines: LOG_TAIL_LINES, limitBytes: LOG_TAIL_BYTES },
    signal,
  );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= LOG_TAIL_BYTES) {
      body.destroy();
      break;
    }
  }
  const text = Buffer.concat(chunks).subarray(0, LOG_TAIL_BYTES).toString('utf8');
  return text.split(/\r?\n/).filter((line, i, all) => !(i === all.length - 1 && line === ''));
}
