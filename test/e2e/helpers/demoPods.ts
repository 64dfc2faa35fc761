import type { CoreV1Api } from '@kubernetes/client-node';

/** The HTTP status a client-node call failed with, if it failed. */
export async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : -1;
  }
}

/** Polls until the pod reports `phase`. */
export async function waitForPhase(coreApi: CoreV1Api, namespace: string, name: string, phase: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pod = await coreApi.readNamespacedPod({ namespace, name });
    if (pod.status?.phase === phase) return;
    if (Date.now() > deadline) throw new Error(`${namespace}/${name} never reached ${phase}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls until reading the pod answers 404; returns the last status seen. */
export async function waitForGone(coreApi: CoreV1Api, namespace: string, name: string, timeoutMs = 30_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let status = await statusOf(coreApi.readNamespacedPod({ namespace, name }));
  while (status !== 404 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await statusOf(coreApi.readNamespacedPod({ namespace, name }));
  }
  return status;
}
