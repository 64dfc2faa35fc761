import type { AuditRecord } from './auditLog.js';

export interface LaunchAudit {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  target?: string;
  profile: string;
  command?: readonly string[];
  /** The debugger runs in a copy of the pod: audited as an attach, as its session would be. */
  copy: boolean;
  /** The debugger is a node debug pod on this node (a created pod too: audited as an attach). */
  node?: string;
  start: Date;
}

/**
 * The audit line of a debug container that got no session: made and left (`debug --no-attach`:
 * `launched`), or made and never running (`failed`, with why: pod deleted, image not pulled, timeout).
 */
export function launchRecord(
  session: { user: string; contextName: string; server: string },
  launch: LaunchAudit,
  outcome: { outcome: 'launched' } | { outcome: 'failed'; error: string },
): AuditRecord {
  const record: AuditRecord = {
    kind: launch.copy ? 'attach' : 'debug',
    user: session.user,
    context: session.contextName,
    server: session.server,
    namespace: launch.namespace,
    pod: launch.pod,
    container: launch.container,
    image: launch.image,
    profile: launch.profile,
    start: launch.start.toISOString(),
    end: new Date().toISOString(),
    outcome: outcome.outcome,
    exitCode: null,
    bytesIn: 0,
    bytesOut: 0,
  };
  if (launch.target !== undefined && !launch.copy) record.target = launch.target;
  if (launch.command !== undefined && launch.command.length > 0) record.command = [...launch.command];
  if (launch.node !== undefined) record.node = launch.node;
  if (outcome.outcome === 'failed') record.error = outcome.error;
  return record;
}
