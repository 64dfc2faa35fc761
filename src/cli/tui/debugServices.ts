import { debugPermissions } from '../../kube/access/accessReview.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import type { ContainerProgress } from '../../kube/debug/containerProgress.js';
import { createDebugCopy, deleteDebugCopy } from '../../kube/debug/copyPod.js';
import { DebugLauncher } from '../../kube/debug/launchDebugContainer.js';
import { waitForContainer } from '../../kube/debug/waitForContainer.js';
import type { ContainerTarget, DebugProgressView, DebugRequest, DebugServices } from '../../ui/services.js';
import type { RecentImages } from './recentImages.js';
import { copyOutcomeText, type CopyOutcome } from './sessionMessage.js';

export type HandOverKind = 'attach' | 'shell';

/** What the audit line records about a debug container this session launched. */
export interface LaunchDetails {
  image: string;
  target?: string;
  profile: string;
  /** The container runs in a copy of a stopped pod (the target's pod); delete it after the session? */
  copy?: { deleteAfter: boolean };
}

export interface TuiDebugServices extends DebugServices {
  /**
   * Waits (at most `timeoutMs`) for a launch the UI has stopped to finish its clean-up, so quitting
   * while a copy to delete is still starting deletes it before the connection closes.
   */
  settle(timeoutMs: number): Promise<void>;
}

/**
 * The debug keys' side effects against the cluster. Launch and wait stay in the UI (a live panel);
 * attach and shell are passed to `handOver`, which takes the terminal away from the UI.
 */
export function createDebugServices(
  session: ClusterSession,
  recentImages: RecentImages,
  handOver: (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined) => void,
): TuiDebugServices {
  const launcher = new DebugLauncher(session);
  const launched = new Map<string, LaunchDetails>();
  const keyOf = (target: ContainerTarget): string => `${target.namespace}/${target.pod}/${target.container}`;
  let waiting: Promise<ContainerTarget> | undefined;

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
      image: request.image,
      profile: request.profile,
      command: request.command.length > 0 ? request.command : undefined,
      pullPolicy: request.pullPolicy,
      stdin: true,
      tty: true,
    });
    return { namespace: request.namespace, pod: copy.pod, container: copy.container };
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
        const target = copy === undefined ? await addEphemeral(request, signal) : await createCopy(request, copy.name);
        recentImages.remember(request.image);
        const details: LaunchDetails = { image: request.image, profile: request.profile };
        if (copy === undefined) details.target = request.target;
        else details.copy = { deleteAfter: copy.deleteAfter };
        launched.set(keyOf(target), details);
        onProgress({ container: target.container, phase: 'creating', events: [] });
        try {
          if (signal.aborted) throw new Error(`stopped waiting for ${target.container}`);
          await waitForContainer(session, {
            namespace: target.namespace,
            pod: target.pod,
            container: target.container,
            signal,
            onProgress: (progress) => onProgress(progressView(progress)),
          });
          if (signal.aborted) throw new Error(`stopped waiting for ${target.container}`);
        } catch (error) {
          if (copy === undefined) throw error;
          // The copy never got its session: delete it now if asked, and say what became of it.
          throw new Error(await failedCopyLine(error, target, copy.deleteAfter));
        }
        return target;
      };
      waiting = run().finally(() => {
        waiting = undefined;
      });
      return waiting;
    },
    attach: (target) => handOver('attach', target, launched.get(keyOf(target))),
    shell: (target) => handOver('shell', target, undefined),
    settle: async (timeoutMs) => {
      if (waiting === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([waiting.then(() => undefined, () => undefined), timeout]);
      clearTimeout(timer);
    },
  };

  async function failedCopyLine(error: unknown, target: ContainerTarget, deleteAfter: boolean): Promise<string> {
    const message = error instanceof Error ? error.message : String(error);
    if (!deleteAfter) return `${message}${copyOutcomeText({ name: target.pod, deleted: false })}`;
    const outcome = await deleteCopy(session, target);
    // waitForContainer's "stays in pod … and can be attached later" is no longer true once the copy is gone.
    const stays = `; ${target.container} stays in pod ${target.pod} and can be attached later`;
    return `${outcome.deleted ? message.replace(stays, '') : message}${copyOutcomeText(outcome)}`;
  }
}

/** Deletes a copy made for a debug session; a failure is reported, not thrown. */
export async function deleteCopy(session: ClusterSession, target: { namespace: string; pod: string }): Promise<CopyOutcome> {
  try {
    await deleteDebugCopy(session, { namespace: target.namespace, pod: target.pod });
    return { name: target.pod, deleted: true };
  } catch (error) {
    return { name: target.pod, deleted: false, error: error instanceof Error ? error.message : String(error) };
  }
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
