import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import { diagnose, type Diagnosis, type LogWanted } from '../../model/diagnosis/diagnose.js';

/** Reads a container's last log lines; rejects when it cannot. */
export type LogTailReader = (pod: { namespace: string; name: string }, wanted: LogWanted, signal: AbortSignal) => Promise<string[]>;

export interface DiagnosedPod {
  pod: Pod;
  diagnosis: Diagnosis;
}

export interface DiagnoseOptions {
  now: Date;
  ascii: boolean;
  readTail?: LogTailReader;
  /** Log reads in flight at once, and in all (the rest are diagnosed without a quote). */
  concurrency?: number;
  maxLogReads?: number;
  /** Per log read. */
  timeoutMs?: number;
}

function podKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** Events grouped by the pod they are about, so each pod's diagnosis looks only at its own. */
function eventsByPod(events: readonly KubeEvent[]): Map<string, KubeEvent[]> {
  const groups = new Map<string, KubeEvent[]>();
  for (const event of events) {
    const involved = event.involvedObject;
    if (involved?.kind !== 'Pod') continue;
    const key = podKey(involved.namespace ?? event.metadata?.namespace, involved.name);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [event]);
    else group.push(event);
  }
  return groups;
}

/**
 * Every unhealthy pod's diagnosis; where the line would quote a log, the log's last lines are read
 * (bounded: a few at a time, a cap in all, a timeout each) and the pod diagnosed again with them.
 * A log that cannot be read leaves the line without its quote.
 */
export async function diagnosePods(pods: readonly Pod[], events: readonly KubeEvent[], options: DiagnoseOptions): Promise<DiagnosedPod[]> {
  const byPod = eventsByPod(events);
  const input = (pod: Pod) => ({ pod, events: byPod.get(podKey(pod.metadata?.namespace, pod.metadata?.name)) ?? [], now: options.now, ascii: options.ascii });
  const found: DiagnosedPod[] = [];
  for (const pod of pods) {
    const diagnosis = diagnose(input(pod));
    if (diagnosis !== undefined) found.push({ pod, diagnosis });
  }
  const { readTail } = options;
  if (readTail === undefined) return found;
  const wanting = found.filter((d) => d.diagnosis.logWanted !== undefined).slice(0, options.maxLogReads ?? 100);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanting.length) {
      const item = wanting[next++] as DiagnosedPod;
      const wanted = item.diagnosis.logWanted as LogWanted;
      const signal = AbortSignal.timeout(options.timeoutMs ?? 5000);
      try {
        const lines = await readTail({ namespace: item.pod.metadata?.namespace ?? '', name: item.pod.metadata?.name ?? '' }, wanted, signal);
        item.diagnosis = diagnose({ ...input(item.pod), logTail: { ...wanted, lines } }) ?? item.diagnosis;
      } catch {
        // No previous instance any more, or the log is not readable: the line goes without its quote.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, wanting.length) }, worker));
  return found;
}
