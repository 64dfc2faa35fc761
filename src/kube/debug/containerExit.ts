import type { CoreV1Api } from '@kubernetes/client-node';
import { containerStatus } from './containerProgress.js';

export interface ExitCodeOptions {
  namespace: string;
  pod: string;
  container: string;
  /** How long the kubelet gets to report the termination; default 10 s. */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * The exit code of a container whose attached process ended. The attach Status says only Success
 * (kube-apiserver 1.24 does not carry the code over attach), so read the container's terminated
 * state, which the kubelet reports shortly after. Undefined if it is still running after the timeout.
 */
export async function containerExitCode(session: { coreApi: CoreV1Api }, options: ExitCodeOptions): Promise<number | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      const pod = await session.coreApi.readNamespacedPod({ namespace: options.namespace, name: options.pod });
      const terminated = containerStatus(pod, options.container)?.state?.terminated;
      if (terminated) return terminated.exitCode;
    } catch {
      // The pod may be gone or the server briefly unreachable: no code to report then.
      return undefined;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
