import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { DialRefused, type PodNetwork } from '../network/podNetwork.js';

/** The pod a port-forward reaches, as the kubelet knows it. */
export interface ForwardedPod {
  uid: string;
  namespace: string;
  name: string;
}

export type DialResult = { socket: Socket } | { error: string };

/** A 64-hex id like containerd's, the same for the same pod. */
function sandboxIdOf(pod: ForwardedPod): string {
  return createHash('sha256').update(`sandbox/${pod.uid}`).digest('hex');
}

function netnsOf(pod: ForwardedPod): string {
  const hex = createHash('sha256').update(`netns/${pod.uid}`).digest('hex');
  return `cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * What the kubelet does for each forwarded port: connect to localhost:PORT in the pod's network
 * namespace. A refusal is worded exactly as containerd's answer reached the client in the recording
 * (streams/portforward-nothing-listening-v4.jsonl), with the pod's own sandbox id.
 */
export async function dialPod(network: PodNetwork | undefined, pod: ForwardedPod, port: number): Promise<DialResult> {
  try {
    if (network === undefined) throw new DialRefused('no network');
    return { socket: await network.dial(pod.uid, port) };
  } catch (error) {
    if (!(error instanceof DialRefused)) throw error;
    const sandbox = sandboxIdOf(pod);
    return {
      error:
        `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${netnsOf(pod)}": ` +
        `failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
        'IPv6 dial tcp6: address localhost: no suitable address found ',
    };
  }
}
