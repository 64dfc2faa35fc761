import type { KubeConfig } from '@kubernetes/client-node';
import { openPortStream } from './portStream.js';

/** How long a dial into the pod may stay quiet before it counts as accepted. */
const QUIET_MS = 1500;

export type ProbeResult = { listening: true } | { listening: false; message: string };

/**
 * Whether something in the pod accepts connections on `port`: the kubelet dials the port as soon as
 * the stream opens and reports a refusal on the error channel at once (recorded:
 * streams/portforward-nothing-listening-v4.jsonl). Used only for ports no container declares, where
 * kubectl would just fail on every connection. Stream failures (forbidden, pod gone) reject.
 */
export async function probePort(kubeConfig: KubeConfig, target: { namespace: string; pod: string; port: number }): Promise<ProbeResult> {
  const stream = await openPortStream(kubeConfig, target);
  let refusal: string | undefined;
  stream.onError((message) => (refusal = message.trim()));
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<'quiet'>((resolve) => {
    timer = setTimeout(() => resolve('quiet'), QUIET_MS);
  });
  await Promise.race([stream.done, quiet]);
  clearTimeout(timer);
  stream.close();
  await stream.done;
  return refusal === undefined ? { listening: true } : { listening: false, message: refusal };
}
