import { useEffect, useMemo, useState } from 'react';
import type { Pod } from '../../model/apiObjects.js';
import { diagnose, type Diagnosis, type LogTail } from '../../model/diagnosis/diagnose.js';
import { eventsForPod } from '../../model/eventRows.js';
import { treeAnchorsOf } from '../ageClock.js';
import { useExplorerModel, useUiState } from '../contexts/UiStateContext.js';
import type { DiagnosisServices } from '../services.js';
import { useAgeClock } from './useAgeClock.js';
import { useStoreSnapshot } from './useStore.js';

/** Which log a tail was read for: the pod, the container, which instance, and the restart it followed. */
function tailKey(pod: Pod, container: string, previous: boolean): string {
  const restarts = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === container)?.restartCount ?? 0;
  return `${pod.metadata?.uid ?? ''}/${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}/${container}/${previous}/${restarts}`;
}

/**
 * The WHY line of the selected pod: diagnosed from the pod, its events (from the scope's event store
 * the events pane uses too) and, when the line quotes a log, the last lines read once per restart.
 */
export function usePodDiagnosis(pod: Pod | undefined, services: DiagnosisServices | undefined, now: () => Date, ascii: boolean): Diagnosis | undefined {
  const model = useExplorerModel();
  const all = useStoreSnapshot(model.eventStore(useUiState()));
  const namespace = pod?.metadata?.namespace;
  const name = pod?.metadata?.name;
  const uid = pod?.metadata?.uid;
  const events = useMemo(() => (namespace === undefined || name === undefined ? [] : eventsForPod(all, namespace, name, uid)), [all, namespace, name, uid]);
  const anchors = useMemo(() => (pod === undefined ? [] : treeAnchorsOf(pod)), [pod]);
  const time = useAgeClock(anchors, now);
  const [tail, setTail] = useState<{ key: string; tail: LogTail } | undefined>(undefined);

  const bare = useMemo(() => (pod === undefined ? undefined : diagnose({ pod, events, now: time, ascii })), [pod, events, time, ascii]);
  const wanted = bare?.logWanted;
  const key = pod === undefined || wanted === undefined ? undefined : tailKey(pod, wanted.container, wanted.previous);

  useEffect(() => {
    if (key === undefined || wanted === undefined || services === undefined || namespace === undefined || name === undefined) return;
    if (tail?.key === key) return;
    const abort = new AbortController();
    services.logTail({ namespace, name, uid }, wanted, abort.signal).then(
      (lines) => {
        if (!abort.signal.aborted) setTail({ key, tail: { ...wanted, lines } });
      },
      () => {
        // No such log (yet): the line goes without its quote.
      },
    );
    return () => abort.abort();
    // `wanted` is described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, services, namespace, name, uid]);

  return useMemo(() => {
    if (pod === undefined || bare === undefined) return bare;
    if (tail === undefined || tail.key !== key) return bare;
    return diagnose({ pod, events, now: time, ascii, logTail: tail.tail }) ?? bare;
  }, [pod, bare, tail, key, events, time, ascii]);
}
