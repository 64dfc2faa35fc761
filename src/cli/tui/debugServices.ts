import { debugPermissions } from '../../kube/access/accessReview.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import type { ContainerProgress } from '../../kube/debug/containerProgress.js';
import { DebugLauncher } from '../../kube/debug/launchDebugContainer.js';
import { waitForContainer } from '../../kube/debug/waitForContainer.js';
import type { ContainerTarget, DebugProgressView, DebugServices } from '../../ui/services.js';
import type { RecentImages } from './recentImages.js';

export type HandOverKind = 'attach' | 'shell';

/** What the audit line records about a debug container this session launched. */
export interface LaunchDetails {
  image: string;
  target?: string;
  profile: string;
}

/**
 * The debug keys' side effects against the cluster. Launch and wait stay in the UI (a live panel);
 * attach and shell are passed to `handOver`, which takes the terminal away from the UI.
 */
export function createDebugServices(
  session: ClusterSession,
  recentImages: RecentImages,
  handOver: (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined) => void,
): DebugServices {
  const launcher = new DebugLauncher(session);
  const launched = new Map<string, LaunchDetails>();
  const keyOf = (target: ContainerTarget): string => `${target.namespace}/${target.pod}/${target.container}`;
  let waiting: Promise<ContainerTarget> | undefined;

  return {
    permissions: async (namespace) => {
      const answers = await debugPermissions(session, namespace);
      return { debug: answers.addEphemeral, attach: answers.attach, exec: answers.exec };
    },
    recentImages: () => recentImages.list(),
    launch: (request, onProgress, signal) => {
      // One container at a time: they can never be removed, so a second key press must not add one.
      if (waiting) return waiting;
      onProgress({ container: '', phase: 'creating', events: [] });
      const run = async (): Promise<ContainerTarget> => {
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
        recentImages.remember(request.image);
        launched.set(keyOf({ namespace: request.namespace, pod: request.pod, container: created.container }), {
          image: request.image,
          target: request.target,
          profile: request.profile,
        });
        onProgress({ container: created.container, phase: 'creating', events: [] });
        await waitForContainer(session, {
          namespace: request.namespace,
          pod: request.pod,
          container: created.container,
          signal,
          onProgress: (progress) => onProgress(progressView(progress)),
        });
        return { namespace: request.namespace, pod: request.pod, container: created.container };
      };
      waiting = run().finally(() => {
        waiting = undefined;
      });
      return waiting;
    },
    attach: (target) => handOver('attach', target, launched.get(keyOf(target))),
    shell: (target) => handOver('shell', target, undefined),
  };
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
