import type { ClusterSession } from '../../kube/clusterSession.js';
import { listPodEventsIn, readLogTail } from '../../kube/diagnosis/diagnosisReads.js';
import { diagnosePods } from '../../kube/diagnosis/diagnoseWithLogs.js';
import type { Severity } from '../../model/containerTree.js';
import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import type { Diagnosis, DiagnosisSeverity } from '../../model/diagnosis/types.js';
import { p } from '../../model/printable.js';
import type { PrintLine } from '../output.js';

export const DIAGNOSIS_TONE: Readonly<Record<DiagnosisSeverity, Severity>> = { failed: 'error', warning: 'warning', progressing: 'progress' };

/** One pod's diagnosis with its events and the log it quotes; undefined for a healthy pod or when the events cannot be read. */
export async function diagnoseOnePod(
  session: Pick<ClusterSession, 'getJson' | 'kubeConfig'>,
  pod: Pod,
  ascii: boolean,
  /** Already read by the caller; undefined: read here (none when they cannot be read). */
  known?: readonly KubeEvent[],
): Promise<Diagnosis | undefined> {
  const namespace = pod.metadata?.namespace ?? '';
  const events = known ?? (await listPodEventsIn(session, { namespace }, pod.metadata?.name ?? '').catch(() => []));
  const [found] = await diagnosePods([pod], events, { now: new Date(), ascii, readTail: (ref, wanted, signal) => readLogTail(session.kubeConfig, ref, wanted, signal) });
  return found?.diagnosis;
}

/** `why: ...`, the line printed over a pod's tree. */
export function whyLine(diagnosis: Diagnosis): PrintLine {
  return { text: p`why: ${diagnosis.text}`, tone: DIAGNOSIS_TONE[diagnosis.severity] };
}
