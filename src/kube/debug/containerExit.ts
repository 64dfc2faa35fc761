import type { CoreV1Api } from '@kubernetes/client-node';
import { describeKubeError } from '../errors.js';
import { containerStatus } from './containerProgress.js';

export interface ExitCodeOptions {
  namespace: string;
  pod: string;
  container: string;
  /** How long the kubelet gets to report the termination; default 10 s. */
  timeoutMs?: number;
  pollMs?: number;
}

/** What is known of a container whose attached process ended. */
export interface ContainerEnd {
  exitCode?: number;
  /** The pod is gone (deleted while the session ran): no code will ever be reported. */
  podGone?: true;
}

/**
 * How a container whose attached process ended finished. The attach Status says only Success
 * (kube-apiserver 1.24 does not carry the code over attach), so read the container's terminated
 * state, which the kubelet reports shortly after. No code if it is still running after the timeout.
 */
export async function containerEnd(session: { coreApi(): Promise<CoreV1Api> }, options: ExitCodeOptions): Promise<ContainerEnd> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      const pod = await (await session.coreApi()).readNamespacedPod({ namespace: options.namespace, name: options.pod });
      const terminated = containerStatus(pod, options.container)?.state?.terminated;
      if (terminated) return { exitCode: terminated.exitCode };
      if (pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null) return { podGone: true };
    } catch (error) {
      // The pod may be gone or the server briefly unreachable: no code to report then.
      return describeKubeError(error).status === 404 ? { podGone: true } : {};
    }
    if (Date.now() >= deadline) return {};
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** containerEnd's exit code alone. */
export async function containerExitCode(session: { coreApi(): Promise<CoreV1Api> }, options: ExitCodeOptions): Promise<number | undefined> {
  return (await containerEnd(session, options)).exitCode;
}
