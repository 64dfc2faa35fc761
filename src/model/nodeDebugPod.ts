import type { V1Container, V1Pod, V1PodSpec, V1SecurityContext } from '@kubernetes/client-node';
import { profileSecurityContext, type DebugProfile } from './debugProfiles.js';
import { NAME_SUFFIX_ALPHABET } from './debuggerName.js';

/** kubectl's container name for a node debugger (its `-c` changes it; podscope keeps the default). */
export const NODE_DEBUGGER_CONTAINER = 'debugger';
/** The label kubectl puts on its node debug pods: admission webhooks and clean-up scripts select on it. */
export const NODE_DEBUGGER_LABEL = { key: 'app.kubernetes.io/managed-by', value: 'kubectl-debug' } as const;
export const HOST_ROOT_VOLUME = 'host-root';
export const HOST_ROOT_MOUNT = '/host';

/** `node-debugger-NODE-xxxxx`, kubectl's name (k8s.io/apimachinery rand.String(5) suffix). */
export function nodeDebugPodName(node: string, random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    const index = Math.min(NAME_SUFFIX_ALPHABET.length - 1, Math.max(0, Math.floor(random() * NAME_SUFFIX_ALPHABET.length)));
    suffix += NAME_SUFFIX_ALPHABET[index];
  }
  return `node-debugger-${node}-${suffix}`;
}

/** What a profile gives a node debugger (kubectl pkg/cmd/debug/profiles.go, the `node` style). */
export interface NodeReach {
  /** hostPID, hostNetwork and hostIPC. */
  hostNamespaces: boolean;
  /** The node's `/` mounted at /host. */
  hostRoot: boolean;
}

export function nodeReach(profile: DebugProfile): NodeReach {
  switch (profile) {
    case 'legacy':
    case 'general':
    case 'sysadmin':
      return { hostNamespaces: true, hostRoot: true };
    case 'netadmin':
      return { hostNamespaces: true, hostRoot: false };
    case 'baseline':
    case 'restricted':
      return { hostNamespaces: false, hostRoot: false };
  }
}

/**
 * The debugger's securityContext on a node: general and baseline clear it, legacy leaves none, the
 * others are what they are for an ephemeral container (netadmin's capabilities, sysadmin's
 * privileged, restricted's lock-down).
 */
function nodeSecurityContext(profile: DebugProfile): V1SecurityContext | undefined {
  return profile === 'general' ? undefined : profileSecurityContext(profile);
}

export interface NodeDebugPodOptions {
  node: string;
  /** From nodeDebugPodName. */
  name: string;
  image: string;
  pullPolicy?: string;
  /** Replaces the image's ENTRYPOINT (kubectl's `-- cmd...`). */
  command?: string[];
  profile: DebugProfile;
  /** kubectl's -i; defaults to true. */
  stdin?: boolean;
  /** kubectl's -t; defaults to true. */
  tty?: boolean;
}

/**
 * The pod `kubectl debug node/NODE --image=I -it --profile=P` creates (generateNodeDebugPod plus the
 * profile's node style): bound to the node by nodeName (no scheduler, so it runs even on a cordoned
 * node), tolerating every taint, never restarted, one `debugger` container; the host's namespaces and
 * its root at /host as the profile allows. No namespace: it is created in the one the request names.
 */
export function nodeDebugPod(options: NodeDebugPodOptions): V1Pod {
  const stdin = options.stdin ?? true;
  const tty = options.tty ?? true;
  if (tty && !stdin) throw new Error('a TTY needs stdin (kubectl: -i/--stdin is required for containers with -t/--tty=true)');
  const container: V1Container = { name: NODE_DEBUGGER_CONTAINER, image: options.image, terminationMessagePolicy: 'File' };
  if (options.pullPolicy) container.imagePullPolicy = options.pullPolicy;
  if (options.command && options.command.length > 0) container.command = [...options.command];
  if (stdin) container.stdin = true;
  if (tty) container.tty = true;
  const reach = nodeReach(options.profile);
  const securityContext = nodeSecurityContext(options.profile);
  if (securityContext) container.securityContext = securityContext;
  const spec: V1PodSpec = {
    containers: [container],
    nodeName: options.node,
    restartPolicy: 'Never',
    tolerations: [{ operator: 'Exists' }],
  };
  if (reach.hostRoot) {
    spec.volumes = [{ name: HOST_ROOT_VOLUME, hostPath: { path: '/' } }];
    container.volumeMounts = [{ name: HOST_ROOT_VOLUME, mountPath: HOST_ROOT_MOUNT }];
  }
  if (reach.hostNamespaces) {
    spec.hostNetwork = true;
    spec.hostPID = true;
    spec.hostIPC = true;
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: options.name, labels: { [NODE_DEBUGGER_LABEL.key]: NODE_DEBUGGER_LABEL.value } }, spec };
}

/** What the debugger will and will not see on the node, one line for the waiting panel and the CLI. */
export function nodeReachText(profile: DebugProfile): string {
  const reach = nodeReach(profile);
  if (reach.hostRoot) return `host PID, network and IPC namespaces; the node's / at ${HOST_ROOT_MOUNT}`;
  if (reach.hostNamespaces) return `host PID, network and IPC namespaces; no ${HOST_ROOT_MOUNT} (profile ${profile})`;
  return `no host namespaces and no ${HOST_ROOT_MOUNT} (profile ${profile}): a plain pod on the node`;
}
