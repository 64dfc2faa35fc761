import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { DEFAULT_DEBUG_PROFILE, type DebugProfile } from '../../model/debugProfiles.js';
import { NODE_DEBUGGER_CONTAINER, nodeDebugPod, nodeDebugPodName } from '../../model/nodeDebugPod.js';
import { withSignal } from '../requestOptions.js';
import { DebugError, asDebugError, statusCode } from './debugError.js';

export interface NodeDebugOptions {
  /** Where the pod is created (kubectl: the current namespace). */
  namespace: string;
  node: string;
  image: string;
  pullPolicy?: string;
  profile?: DebugProfile;
  command?: string[];
  stdin?: boolean;
  tty?: boolean;
  random?: () => number;
  signal?: AbortSignal;
}

export interface NodeDebug {
  namespace: string;
  node: string;
  /** The generated `node-debugger-NODE-xxxxx`. */
  pod: string;
  container: string;
  profile: DebugProfile;
  created: V1Pod;
}

export interface NodeDebugSession {
  coreApi(): Promise<CoreV1Api>;
}

/**
 * Creates the pod `kubectl debug node/NODE -it --image=I` creates (see model/nodeDebugPod): reads the
 * node first, so a mistyped name is one line (`nodes "x" not found`), not a pod that stays Pending.
 */
export async function createNodeDebugPod(session: NodeDebugSession, options: NodeDebugOptions): Promise<NodeDebug> {
  const { namespace, node } = options;
  const requestOptions = options.signal ? withSignal(options.signal) : undefined;
  try {
    await (await session.coreApi()).readNode({ name: node }, requestOptions);
  } catch (error) {
    throw asDebugError(error, { what: `read node ${node}` });
  }
  const profile = options.profile ?? DEFAULT_DEBUG_PROFILE;
  const name = nodeDebugPodName(node, options.random ?? Math.random);
  const body = nodeDebugPod({ node, name, image: options.image, pullPolicy: options.pullPolicy, command: options.command, profile, stdin: options.stdin, tty: options.tty });
  try {
    const created = await (await session.coreApi()).createNamespacedPod({ namespace, body }, requestOptions);
    return { namespace, node, pod: name, container: NODE_DEBUGGER_CONTAINER, profile, created };
  } catch (error) {
    // kubectl does not check for a collision either (5 random letters); the line says to try again.
    if (statusCode(error) === 409) throw new DebugError(`pod "${name}" already exists; run it again for another name`, 'other', { status: 409 });
    throw asDebugError(error, { what: `create pod ${namespace}/${name}` });
  }
}
