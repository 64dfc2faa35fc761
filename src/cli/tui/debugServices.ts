import { appendAuditRecord, auditLogPath } from '../../audit/auditLog.js';
import { launchRecord } from '../../audit/launchRecord.js';
import { prepareSessionFiles } from '../../audit/sessionFiles.js';
import { debugPermissions } from '../../kube/access/accessReview.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import type { ContainerProgress } from '../../kube/debug/containerProgress.js';
import { COPY_DELETE_TIMEOUT_MS, createDebugCopy, deleteDebugCopy, type CopyOutcome, type CopySession } from '../../kube/debug/copyPod.js';
import { DebugError } from '../../kube/debug/debugError.js';
import { DebugLauncher } from '../../kube/debug/launchDebugContainer.js';
import { createNodeDebugPod } from '../../kube/debug/nodeDebug.js';
import { waitForContainer } from '../../kube/debug/waitForContainer.js';
import type { ContainerTarget, DebugProgressView, DebugRequest, DebugServices, SessionStart } from '../../ui/services.js';
import type { RecentImages } from './recentImages.js';
import { copyOutcomeText } from './sessionMessage.js';

export type HandOverKind = 'attach' | 'shell';

/** What a node debugger's pod is called where a copy would be called a copy. */
export const NODE_POD_NOUN = 'node debugger pod';

export { COPY_DELETE_TIMEOUT_MS };

/** What the audit line records about a debug container this session launched. */
export interface LaunchDetails {
  image: string;
  target?: string;
  profile: string;
  /** The container runs in a pod this session made (a copy of a stopped pod, a node debugger); delete it after the session? */
  copy?: { deleteAfter: boolean; noun?: string };
  /** The pod made is a node debugger on this node. */
  node?: string;
}

export interface TuiDebugServices extends DebugServices {
  /**
   * Waits (at most `timeoutMs`) for a launch the UI has stopped to finish its clean-up, so quitting
   * while a copy to delete is still starting deletes it before the connection closes.
   */
  settle(timeoutMs: number): Promise<void>;
  /** Deletes a copy this session made, once its session has ended; a failure is reported, not thrown. */
  deleteCopy(target: { namespace: string; pod: string }): Promise<CopyOutcome>;
  /**
   * Exiting: deletes, in parallel, every copy made to be deleted that is not deleted yet (and lets a
   * stopped launch finish deleting its own), all within `timeoutMs`.
   */
  deletePendingCopies(timeoutMs: number): Promise<void>;
}

/**
 * The debug keys' side effects against the cluster. Launch and wait stay in the UI (a live panel);
 * attach and shell are passed to `handOver`, which opens the stream while the UI keeps the screen
 * and only then takes the terminal away from it.
 */
export function createDebugServices(
  session: ClusterSession,
  recentImages: RecentImages,
  handOver: (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined, signal?: AbortSignal, typed?: () => string) => Promise<SessionStart>,
  files: { auditPath?: string | null; recordDir?: string } = {},
): TuiDebugServices {
  /** Default auditLogPath(); null: no audit log (tests). */
  const auditPath = files.auditPath === undefined ? auditLogPath() : files.auditPath;
  const launcher = new DebugLauncher(session);
  const launched = new Map<string, LaunchDetails>();
  const keyOf = (target: ContainerTarget): string => `${target.namespace}/${target.pod}/${target.container}`;
  let waiting: Promise<ContainerTarget> | undefined;
  /** Copies made with deleteAfter and not deleted yet, by namespace/name. */
  const toDelete = new Map<string, { namespace: string; pod: string }>();
  const copyKey = (copy: { namespace: string; pod: string }): string => `${copy.namespace}/${copy.pod}`;
  /** Node debugger pods this session made (said so in messages instead of "copy"), by namespace/name. */
  const nodePods = new Set<string>();

  const deleteTracked = async (copy: { namespace: string; pod: string }, timeoutMs = COPY_DELETE_TIMEOUT_MS): Promise<CopyOutcome> => {
    const deleted = await deleteCopy(session, copy, timeoutMs);
    const outcome: CopyOutcome = nodePods.has(copyKey(copy)) ? { ...deleted, noun: NODE_POD_NOUN } : deleted;
    if (outcome.deleted) toDelete.delete(copyKey(copy));
    return outcome;
  };

  /** Adds the ephemeral container to the pod itself; resolves with its name. */
  const addEphemeral = async (request: DebugRequest, signal: AbortSignal): Promise<ContainerTarget> => {
    const created = await launcher.launch({
      namespace: request.namespace,
      pod: request.pod,
      image: request.image,
      target: request.target,
      profile: request.profile,
      command: request.command.length > 0 ? request.command : undefined,
      pullPolicy: request.pullPolicy,
      signal,
    });
    return { namespace: request.namespace, pod: request.pod, container: created.container };
  };

  /**
   * Creates the copy with the debugger as a regular container. Not aborted midway: a POST cut off
   * might still create the copy, and only a copy known to be ours may be deleted afterwards.
   */
  const createCopy = async (request: DebugRequest, name: string): Promise<ContainerTarget> => {
    const copy = await createDebugCopy(session, {
      namespace: request.namespace,
      pod: request.pod,
      copyTo: name,
      ...podDebugger(request),
    });
    return { namespace: request.namespace, pod: copy.pod, container: copy.container };
  };

  /** Creates the node debugger's pod (kubectl debug node/NAME), bound to the node; not aborted midway, as a copy. */
  const createNodePod = async (request: DebugRequest, node: string): Promise<ContainerTarget> => {
    const made = await createNodeDebugPod(session, {
      namespace: request.namespace,
      node,
      ...podDebugger(request),
    });
    nodePods.add(copyKey(made));
    return { namespace: made.namespace, pod: made.pod, container: made.container };
  };

  return {
    permissions: async (namespace) => {
      const answers = await debugPermissions(session, namespace);
      return { debug: answers.addEphemeral, attach: answers.attach, exec: answers.exec, copy: answers.createPod };
    },
    recentImages: () => recentImages.list(),
    launch: (request, onProgress, signal) => {
      // One container at a time: they can never be removed, so a second key press must not add one.
      if (waiting) return waiting;
      onProgress({ container: '', phase: 'creating', events: [] });
      const run = async (): Promise<ContainerTarget> => {
        const copy = request.copy;
        const node = request.node;
        /** The pod this launch makes (a copy, a node debugger), if any: it goes when asked, however the launch ends. */
        const made = copy ?? node;
        const start = new Date();
        // Nothing is created before the audit log and the recording directory are known to be writable.
        await prepareSessionFiles({ auditPath, recordDir: files.recordDir });
        const target =
          node !== undefined ? await createNodePod(request, node.name) : copy !== undefined ? await createCopy(request, copy.name) : await addEphemeral(request, signal);
        // A container that never got its session still has its audit line: left starting (Esc) or failed.
        const auditUnattached = (error: unknown): Promise<void> => {
          if (auditPath === null) return Promise.resolve();
          const launch = { namespace: target.namespace, pod: target.pod, container: target.container, image: request.image, target: request.target, profile: request.profile, command: request.command, copy: made !== undefined, node: node?.name, start };
          const outcome = signal.aborted ? ({ outcome: 'launched' } as const) : ({ outcome: 'failed', error: error instanceof Error ? error.message : String(error) } as const);
          return appendAuditRecord(launchRecord(session, launch, outcome), auditPath).catch(() => undefined);
        };
        if (made?.deleteAfter === true) toDelete.set(copyKey(target), { namespace: target.namespace, pod: target.pod });
        const details: LaunchDetails = { image: request.image, profile: request.profile };
        if (made === undefined) details.target = request.target;
        else details.copy = node === undefined ? { deleteAfter: made.deleteAfter } : { deleteAfter: made.deleteAfter, noun: NODE_POD_NOUN };
        if (node !== undefined) details.node = node.name;
        launched.set(keyOf(target), details);
        onProgress({ container: target.container, phase: 'creating', events: [] });
        try {
          if (signal.aborted) throw stoppedWaiting(target);
          await waitForContainer(session, {
            namespace: target.namespace,
            pod: target.pod,
            container: target.container,
            signal,
            onProgress: (progress) => onProgress(progressView(progress)),
          });
          if (signal.aborted) throw stoppedWaiting(target);
          // Only an image that ran is offered again: a failed one would be one reflexive Enter from a second broken, permanent container.
          recentImages.remember(request.image);
        } catch (error) {
          await auditUnattached(error);
          if (made === undefined) throw error;
          // The copy never got its session: delete it now if asked, and say what became of it.
          throw await failedCopy(error, target, made.deleteAfter);
        }
        return target;
      };
      waiting = run().finally(() => {
        waiting = undefined;
      });
      return waiting;
    },
    attach: (target, signal, typed) => handOver('attach', target, launched.get(keyOf(target)), signal, typed),
    shell: (target, signal, typed) => handOver('shell', target, undefined, signal, typed),
    settle,
    deleteCopy: (target) => deleteTracked(target),
    deletePendingCopies: async (timeoutMs) => {
      const copies = [...toDelete.values()];
      await Promise.all([settle(timeoutMs), ...copies.map((copy) => deleteTracked(copy, timeoutMs))]);
    },
  };

  async function settle(timeoutMs: number): Promise<void> {
    if (waiting === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([waiting.then(() => undefined, () => undefined), timeout]);
    clearTimeout(timer);
  }

  /**
   * The launch in a copy failed or was stopped: deletes the copy if asked, and rejects with the
   * problem alone plus what became of the copy (waitForContainer's "can be attached later" is wrong
   * for a copy: gone once deleted, and not for `a` when kept).
   */
  async function failedCopy(error: unknown, target: ContainerTarget, deleteAfter: boolean): Promise<DebugError> {
    const debugError = error instanceof DebugError ? error : undefined;
    const problem = debugError?.problem ?? (error instanceof Error ? error.message : String(error));
    const kept: CopyOutcome = { namespace: target.namespace, name: target.pod, deleted: false, ...(nodePods.has(copyKey(target)) ? { noun: NODE_POD_NOUN } : {}) };
    const outcome: CopyOutcome = deleteAfter ? await deleteTracked(target) : kept;
    // Only a debugger left starting (timed out, stopped) may still run and be attached to.
    const attachable = debugError?.extra.stays !== undefined ? target.container : undefined;
    return new DebugError(`${problem}${copyOutcomeText(outcome, attachable)}`, debugError?.kind ?? 'other', { container: target.container, copy: outcome });
  }
}

/** The debugger of a pod this session makes (a copy, a node debugger): attached to, so stdin and a TTY. */
function podDebugger(request: DebugRequest) {
  return { image: request.image, profile: request.profile, command: request.command.length > 0 ? request.command : undefined, pullPolicy: request.pullPolicy, stdin: true, tty: true };
}

function stoppedWaiting(target: ContainerTarget): DebugError {
  const problem = `stopped waiting for ${target.container}`;
  return new DebugError(`${problem}; ${target.container} stays in pod ${target.pod} and can be attached later`, 'aborted', { container: target.container, stays: { pod: target.pod, problem } });
}

/** Deletes a copy made for a debug session, waiting at most `timeoutMs`; a failure is reported, not thrown. */
export async function deleteCopy(session: CopySession, target: { namespace: string; pod: string }, timeoutMs = COPY_DELETE_TIMEOUT_MS): Promise<CopyOutcome> {
  const { namespace, pod: name } = target;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await deleteDebugCopy(session, { namespace, pod: name, signal });
    return { namespace, name, deleted: true };
  } catch (error) {
    const text = signal.aborted ? `no answer from the API server in ${formatSeconds(timeoutMs)}` : error instanceof Error ? error.message : String(error);
    return { namespace, name, deleted: false, error: text };
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function progressView(progress: ContainerProgress): DebugProgressView {
  return {
    container: progress.container,
    phase: progress.phase,
    reason: progress.reason,
    message: progress.message,
    events: progress.events.map(({ reason, message, type, count }) => ({ reason, message, type, count })),
  };
}
