import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { AsciicastRecorder, castFileName } from '../audit/asciicast.js';
import { appendAuditRecord, auditLogPath, type AuditRecord } from '../audit/auditLog.js';
import { containerExitCode } from '../kube/debug/containerExit.js';
import { DebugError } from '../kube/debug/debugError.js';
import { openAttach, openExec, type StreamSession } from '../kube/debug/streamSession.js';
import { attachBanner, handTerminalTo, type HandoverResult, type HandoverStdin, type HandoverStdout } from './handover.js';

/** The parts of a ClusterSession a terminal session uses. */
export interface TerminalSessionCluster {
  kubeConfig: KubeConfig;
  coreApi: CoreV1Api;
  user: string;
  contextName: string;
  server: string;
}

export interface TerminalSessionOptions {
  /** 'debug' and 'attach' attach to the container's main process; 'exec' runs `command`. */
  kind: 'debug' | 'attach' | 'exec';
  namespace: string;
  pod: string;
  container: string;
  command?: string[];
  /** For the audit record. */
  image?: string;
  target?: string;
  profile?: string;
  stdin: HandoverStdin;
  stdout: HandoverStdout;
  stderr?: { write(chunk: string | Uint8Array): boolean };
  /** Save the output as asciicast v2 in this directory. */
  recordDir?: string;
  /** Default auditLogPath(); null turns the audit log off. */
  auditPath?: string | null;
  /** Limit for the kubelet to report the exit code after an attached shell ended (default 10 s). */
  exitCodeTimeoutMs?: number;
}

export interface TerminalSessionResult extends HandoverResult {
  /** The process's exit code: the container's terminated state for attach, the Status for exec. */
  exitCode?: number;
  castPath?: string;
}

/**
 * Opens attach (or exec), hands the terminal over, works out the exit code, and writes the audit
 * line (and the recording). The caller has unmounted Ink and left the alternate screen; when this
 * settles the terminal is cooked and stdin paused. A stream that cannot open rejects with the
 * DebugError (after auditing it as failed).
 */
export async function runTerminalSession(cluster: TerminalSessionCluster, options: TerminalSessionOptions): Promise<TerminalSessionResult> {
  const start = new Date();
  const tty = options.stdin.isTTY === true;
  const audit = (fields: Pick<AuditRecord, 'outcome' | 'exitCode' | 'bytesIn' | 'bytesOut'> & { error?: string }): Promise<void> =>
    options.auditPath === null ? Promise.resolve() : appendAuditRecord(auditRecord(cluster, options, start, fields), options.auditPath ?? auditLogPath());

  let stream: StreamSession;
  try {
    stream =
      options.kind === 'exec'
        ? await openExec(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, command: options.command ?? [], stdin: true, tty })
        : await openAttach(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, stdin: true, tty });
  } catch (error) {
    const failure = error instanceof DebugError ? error : new DebugError(error instanceof Error ? error.message : String(error), 'other');
    await audit({ outcome: 'failed', exitCode: null, bytesIn: 0, bytesOut: 0, error: failure.message });
    throw failure;
  }

  const recorder = options.recordDir
    ? await AsciicastRecorder.create(options.recordDir, castFileName(options.pod, options.container, start), {
        width: options.stdout.columns ?? 80,
        height: options.stdout.rows ?? 24,
        env: { TERM: process.env.TERM ?? 'xterm-256color', SHELL: '/bin/sh' },
        title: `${options.namespace}/${options.pod} ${options.container}`,
      })
    : undefined;

  const result: TerminalSessionResult = await handTerminalTo(stream, {
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr,
    banner: tty ? attachBanner(options.pod, options.container) : undefined,
    onOutput: recorder ? (data) => recorder.output(data) : undefined,
    onResize: recorder ? (size) => recorder.resize(size) : undefined,
  });
  await recorder?.close();
  if (recorder) result.castPath = recorder.path;

  if (options.kind !== 'exec' && result.how === 'exited' && result.error === undefined) {
    const code = await containerExitCode(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, timeoutMs: options.exitCodeTimeoutMs });
    if (code === undefined) delete result.exitCode;
    else result.exitCode = code;
  }
  const counters = stream.counters();
  await audit({ outcome: result.how, exitCode: result.exitCode ?? null, bytesIn: counters.bytesIn, bytesOut: counters.bytesOut, error: result.error });
  return result;
}

function auditRecord(
  cluster: TerminalSessionCluster,
  options: TerminalSessionOptions,
  start: Date,
  fields: Pick<AuditRecord, 'outcome' | 'exitCode' | 'bytesIn' | 'bytesOut'> & { error?: string },
): AuditRecord {
  const record: AuditRecord = {
    kind: options.kind,
    user: cluster.user,
    context: cluster.contextName,
    server: cluster.server,
    namespace: options.namespace,
    pod: options.pod,
    container: options.container,
    start: start.toISOString(),
    end: new Date().toISOString(),
    outcome: fields.outcome,
    exitCode: fields.exitCode,
    bytesIn: fields.bytesIn,
    bytesOut: fields.bytesOut,
  };
  if (options.image) record.image = options.image;
  if (options.target) record.target = options.target;
  if (options.profile) record.profile = options.profile;
  if (options.command && options.command.length > 0) record.command = [...options.command];
  if (fields.error) record.error = fields.error;
  return record;
}
