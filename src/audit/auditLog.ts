// fs.promises, not node:fs/promises: the bundle then loads it when first used (test/e2e/firstFrameModules.test.ts).
import { promises as files } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { stateDirectory } from './stateDirectory.js';

/** One debug, attach or exec session, as one JSON line of the audit log. */
export interface AuditRecord {
  kind: 'debug' | 'attach' | 'exec';
  /** Kubeconfig user, context and server the session used. */
  user: string;
  context: string;
  server: string;
  namespace: string;
  pod: string;
  container: string;
  image?: string;
  target?: string;
  profile?: string;
  /** The node a node debugger (`debug node/NAME`) ran on, in the host's namespaces. */
  node?: string;
  command?: string[];
  /** RFC 3339 */
  start: string;
  end: string;
  /** How the terminal session ended: exited, detached, disconnected, or failed before it began. */
  outcome: 'exited' | 'detached' | 'disconnected' | 'failed' | 'launched';
  /** null when unknown (detached, dropped). */
  exitCode: number | null;
  error?: string;
  /** Bytes typed into the container / received from it. */
  bytesIn: number;
  bytesOut: number;
}

/** Who did it, against which cluster: the kubeconfig user, context and server of the session. */
export interface AuditIdentity {
  user: string;
  context: string;
  server: string;
}

/** A pod deleted (`delete`, with its grace period) or killed (`kill`: grace 0, forced). */
export interface PodDeletionRecord extends AuditIdentity {
  kind: 'delete' | 'kill';
  namespace: string;
  pod: string;
  uid?: string;
  /** Undefined: the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  force: boolean;
  /** gone: removed at once; terminating: stopping within its grace period; failed: refused or unreachable. */
  outcome: 'gone' | 'terminating' | 'failed';
  error?: string;
  /** RFC 3339 */
  start: string;
}

/** One port-forward from its start to its end. */
export interface PortForwardRecord extends AuditIdentity {
  kind: 'port-forward';
  namespace: string;
  pod: string;
  addresses: string[];
  ports: Array<{ local: number; remote: number }>;
  start: string;
  end: string;
  /** Why it ended: stopped, the pod went away, podscope exited. */
  outcome: string;
  connections: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
}

export type AnyAuditRecord = AuditRecord | PodDeletionRecord | PortForwardRecord;

/** $XDG_STATE_HOME/podscope/audit.jsonl, else ~/.local/state/podscope/audit.jsonl. */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(stateDirectory(env, home), 'audit.jsonl');
}

/**
 * Appends the record with the time it was written. The directory is created private (0700) and
 * the file 0600: the log names clusters, users and pods.
 */
export async function appendAuditRecord(record: AnyAuditRecord, path: string = auditLogPath(), now: () => Date = () => new Date()): Promise<void> {
  await files.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const line = JSON.stringify({ time: now().toISOString(), ...record }) + '\n';
  await files.appendFile(path, line, { mode: 0o600 });
  // appendFile's mode applies only when it creates the file; tighten one created by an older version.
  await files.chmod(path, 0o600);
}
