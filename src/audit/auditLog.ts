import { appendFile, chmod, mkdir } from 'node:fs/promises';
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

/** $XDG_STATE_HOME/podscope/audit.jsonl, else ~/.local/state/podscope/audit.jsonl. */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(stateDirectory(env, home), 'audit.jsonl');
}

/**
 * Appends the record with the time it was written. The directory is created private (0700) and
 * the file 0600: the log names clusters, users and pods.
 */
export async function appendAuditRecord(record: AuditRecord, path: string = auditLogPath(), now: () => Date = () => new Date()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const line = JSON.stringify({ time: now().toISOString(), ...record }) + '\n';
  await appendFile(path, line, { mode: 0o600 });
  // appendFile's mode applies only when it creates the file; tighten one created by an older version.
  await chmod(path, 0o600);
}
