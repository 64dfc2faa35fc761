import { appendAuditRecord, type PodDeletionRecord } from '../../audit/auditLog.js';
import { DeleteError, deletePod, type DeleteRequest, type DeleteResult } from '../../kube/actions/deletePod.js';
import type { ClusterSession } from '../../kube/clusterSession.js';

export type DeletionKind = 'delete' | 'kill';

export interface AuditedDelete {
  result?: DeleteResult;
  error?: DeleteError;
  /** Why the audit line could not be written, if it could not. */
  auditProblem?: string;
}

/**
 * Deletes (or with grace 0, kills) one pod and appends the audit line, whatever the outcome: the
 * one implementation behind `podscope delete` and the explorer's delete and kill keys.
 */
export async function auditedDelete(
  session: Pick<ClusterSession, 'kubeConfig' | 'user' | 'contextName' | 'server'>,
  kind: DeletionKind,
  request: DeleteRequest,
  auditPath?: string,
): Promise<AuditedDelete> {
  const start = new Date().toISOString();
  const outcome: AuditedDelete = {};
  try {
    outcome.result = await deletePod(session, request);
  } catch (error) {
    if (!(error instanceof DeleteError)) throw error;
    outcome.error = error;
  }
  const record: PodDeletionRecord = {
    kind,
    user: session.user,
    context: session.contextName,
    server: session.server,
    namespace: request.namespace,
    pod: request.name,
    force: request.gracePeriodSeconds === 0,
    outcome: outcome.error !== undefined ? 'failed' : outcome.result?.gone === true ? 'gone' : 'terminating',
    start,
  };
  const uid = request.uid ?? outcome.result?.uid;
  if (uid !== undefined) record.uid = uid;
  if (request.gracePeriodSeconds !== undefined) record.gracePeriodSeconds = request.gracePeriodSeconds;
  if (outcome.error !== undefined) record.error = outcome.error.message;
  try {
    await appendAuditRecord(record, auditPath);
  } catch (error) {
    outcome.auditProblem = `could not write the audit log: ${error instanceof Error ? error.message : String(error)}`;
  }
  return outcome;
}
