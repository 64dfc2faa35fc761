import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { AsciicastRecorder, castFileName } from '../audit/asciicast.js';
import { appendAuditRecord, auditLogPath, type AuditRecord } from '../audit/auditLog.js';
import { prepareSessionFiles, SessionFilesError } from '../audit/sessionFiles.js';
import { containerEnd } from '../kube/debug/containerExit.js';
import { DebugError } from '../kube/debug/debugError.js';
import { openAttach, openExec, type StreamSession } from '../kube/debug/streamSession.js';
import type { Printable } from '../model/printable.js';
import { attachBanner, handTerminalTo, PROMPT_HINT, type HandoverResult, type HandoverStdin, type HandoverStdout } from './handover.js';

/** The parts of a ClusterSession a terminal session uses. */
export interface TerminalSessionCluster {
  kubeConfig: KubeConfig;
  coreApi(): Promise<CoreV1Api>;
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
  /** A node debugger's node. */
  node?: string;
  stdin: HandoverStdin;
  stdout: HandoverStdout;
  stderr?: { write(chunk: string | Uint8Array): boolean };
  /** Save the output as asciicast v2 in this directory. */
  recordDir?: string;
  /** Default auditLogPath(); null turns the audit log off. */
  auditPath?: string | null;
  /** Limit for the kubelet to report the exit code after an attached shell ended (default 10 s). */
  exitCodeTimeoutMs?: number;
  /**
   * How long an exec may stay silent before the terminal is handed over anyway (default 700 ms). A
   * shell prints its prompt at once; a command that cannot run ends first, and the caller keeps the screen.
   */
  startTimeoutMs?: number;
}

export interface TerminalSessionResult extends HandoverResult {
  /** The process's exit code: the container's terminated state for attach, the Status for exec. */
  exitCode?: number;
  /** The pod went away while the session ran (deleted): there is no exit code to wait for. */
  podGone?: true;
  castPath?: string;
}

/** How the hand-over looks; the stream itself is already open. */
export interface HandOverLook {
  /** Clear the screen and scrollback first (the TUI: nothing of the explorer may look like shell output). */
  clearScreen?: boolean;
  /** Typed while the session opened (the UI held the keys): sent first, as if typed now. */
  typeahead?: string;
}

/**
 * A session the server has accepted and (for exec) whose process has shown that it runs, while the
 * caller still owns the screen. `handOver` gives it the terminal; `cancel` gives it up unused.
 */
export interface OpenedSession {
  readonly protocol: string;
  handOver(look?: HandOverLook): Promise<TerminalSessionResult>;
  /** Closes the stream without handing over (Esc while opening, quitting); audited as failed. */
  cancel(why: string): Promise<void>;
}

const DEFAULT_START_TIMEOUT_MS = 700;

type AuditFields = Pick<AuditRecord, 'outcome' | 'exitCode' | 'bytesIn' | 'bytesOut'> & { error?: string };

/**
 * Opens attach (or exec) and confirms that it started, without touching the terminal: the audit
 * log and the recording directory are checked before anything is sent; a refused stream (403, 404,
 * an exited container's 500) or an exec that ends before its first byte (no shell in the image)
 * rejects with a DebugError carrying the server's words, after auditing the failure. A
 * SessionFilesError says the audit log or recording cannot be written (nothing was sent then).
 */
export async function openTerminalSession(cluster: TerminalSessionCluster, options: TerminalSessionOptions): Promise<OpenedSession> {
  const start = new Date();
  const tty = options.stdin.isTTY === true;
  const auditPath = options.auditPath === null ? null : (options.auditPath ?? auditLogPath());
  await prepareSessionFiles({ auditPath, recordDir: options.recordDir });
  const audit = (fields: AuditFields): Promise<void> => (auditPath === null ? Promise.resolve() : appendAuditRecord(auditRecord(cluster, options, start, fields), auditPath));
  const failed = async <E extends Error>(failure: E, stream?: StreamSession): Promise<E> => {
    const counters = stream?.counters() ?? { bytesIn: 0, bytesOut: 0 };
    await audit({ outcome: 'failed', exitCode: null, ...counters, error: failure.message });
    return failure;
  };

  let stream: StreamSession;
  try {
    stream =
      options.kind === 'exec'
        ? await openExec(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, command: options.command ?? [], stdin: true, tty })
        : await openAttach(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, stdin: true, tty });
  } catch (error) {
    throw await failed(error instanceof DebugError ? error : new DebugError(error instanceof Error ? error.message : String(error), 'other'));
  }

  // Attach is confirmed by the upgrade itself (an exited container answers 500 instead); an exec
  // has started once it prints, or once it stayed quiet without failing for a moment.
  let quiet = options.kind !== 'exec';
  if (options.kind === 'exec') {
    const first = await Promise.race([stream.firstActivity, delay(options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS).then(() => 'quiet' as const)]);
    if (first === 'ended') {
      const end = await stream.done;
      const command = (options.command ?? []).join(' ');
      const failure =
        end.error !== undefined
          ? new DebugError(end.error, /executable file not found/.test(end.error) ? 'notFound' : 'other')
          : end.how === 'exited'
            ? new DebugError(`${command} in ${options.container} exited at once (exit code ${end.exitCode ?? 'unknown'})`, 'terminated')
            : new DebugError(`the connection to ${options.container} dropped before ${command} started`, 'other');
      throw await failed(failure, stream);
    }
    quiet = first === 'quiet';
  }

  let recorder: AsciicastRecorder | undefined;
  if (options.recordDir !== undefined) {
    try {
      recorder = await AsciicastRecorder.create(options.recordDir, castFileName(options.pod, options.container, start), {
        width: options.stdout.columns ?? 80,
        height: options.stdout.rows ?? 24,
        env: { TERM: process.env.TERM ?? 'xterm-256color', SHELL: '/bin/sh' },
        title: `${options.namespace}/${options.pod} ${options.container}`,
      });
    } catch (error) {
      stream.close();
      await stream.done;
      throw await failed(new SessionFilesError(`cannot record the session in ${options.recordDir}: ${error instanceof Error ? error.message : String(error)}`), stream);
    }
  }

  let settled = false;
  return {
    protocol: stream.protocol,
    cancel: async (why) => {
      if (settled) return;
      settled = true;
      stream.close();
      await stream.done;
      await recorder?.close();
      await failed(new DebugError(why, 'aborted'), stream);
    },
    handOver: async (look = {}) => {
      if (settled) throw new DebugError('the session was already handed over or cancelled', 'other');
      settled = true;
      const preamble: Printable[] = tty ? [attachBanner(options.pod, options.container)] : [];
      if (tty && quiet) preamble.push(PROMPT_HINT);
      const result: TerminalSessionResult = await handTerminalTo(stream, {
        stdin: options.stdin,
        stdout: options.stdout,
        stderr: options.stderr,
        clearScreen: look.clearScreen,
        typeahead: look.typeahead,
        preamble,
        // An attached shell printed its prompt before we came: make it draw it again.
        redraw: tty && options.kind !== 'exec',
        onOutput: recorder ? (data) => recorder.output(data) : undefined,
        onResize: recorder ? (size) => recorder.resize(size) : undefined,
      });
      try {
        await recorder?.close();
      } catch {
        // A recording that could not be finished must not hide how the session ended.
      }
      if (recorder) result.castPath = recorder.path;

      if (options.kind !== 'exec' && result.how === 'exited' && result.error === undefined) {
        const end = await containerEnd(cluster, { namespace: options.namespace, pod: options.pod, container: options.container, timeoutMs: options.exitCodeTimeoutMs });
        if (end.exitCode === undefined) delete result.exitCode;
        else result.exitCode = end.exitCode;
        if (end.podGone) result.podGone = true;
      }
      const counters = stream.counters();
      try {
        await audit({ outcome: result.how, exitCode: result.exitCode ?? null, bytesIn: counters.bytesIn, bytesOut: counters.bytesOut, error: result.error });
      } catch {
        // Checked writable before the session began; a disk that filled meanwhile must not lose the result.
      }
      return result;
    },
  };
}

/**
 * openTerminalSession, then the hand-over: for callers that own no screen (the CLI). When this
 * settles the terminal is cooked and stdin paused.
 */
export async function runTerminalSession(cluster: TerminalSessionCluster, options: TerminalSessionOptions, look?: HandOverLook): Promise<TerminalSessionResult> {
  const opened = await openTerminalSession(cluster, options);
  return opened.handOver(look);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function auditRecord(cluster: TerminalSessionCluster, options: TerminalSessionOptions, start: Date, fields: AuditFields): AuditRecord {
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
  if (options.node) record.node = options.node;
  if (options.command && options.command.length > 0) record.command = [...options.command];
  if (fields.error) record.error = fields.error;
  return record;
}
