import type { ContainerStatus, Pod } from './apiObjects.js';
import { isRestartableInitContainer } from './containers.js';

/**
 * The exit of a container that has stopped for good, or undefined while it runs, waits or will be
 * restarted. An ephemeral container never restarts; another container does not once its pod has
 * finished, under `restartPolicy: Never`, or under `OnFailure` after a clean exit; a completed init
 * container (not a sidecar) does not run again. Under `Always` a terminated state is only a pause.
 */
export function containerFinished(pod: Pod, container: string): { exitCode: number } | undefined {
  const status = pod.status;
  const find = (list: ContainerStatus[] | undefined): ContainerStatus | undefined => list?.find((entry) => entry.name === container);
  const ephemeral = find(status?.ephemeralContainerStatuses);
  if (ephemeral !== undefined) return exitOf(ephemeral);
  const regular = find(status?.containerStatuses);
  const init = find(status?.initContainerStatuses);
  const found = regular ?? init;
  const exit = found === undefined ? undefined : exitOf(found);
  if (exit === undefined) return undefined;
  if (status?.phase === 'Succeeded' || status?.phase === 'Failed') return exit;
  if (init !== undefined && regular === undefined) {
    const spec = pod.spec?.initContainers?.find((c) => c.name === container);
    if (isRestartableInitContainer(spec)) return undefined;
    return exit.exitCode === 0 ? exit : restartsAfter(pod, exit);
  }
  return restartsAfter(pod, exit);
}

function restartsAfter(pod: Pod, exit: { exitCode: number }): { exitCode: number } | undefined {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return exit;
  if (policy === 'OnFailure' && exit.exitCode === 0) return exit;
  return undefined;
}

function exitOf(status: ContainerStatus): { exitCode: number } | undefined {
  const terminated = status.state?.terminated;
  return terminated === undefined ? undefined : { exitCode: terminated.exitCode };
}
