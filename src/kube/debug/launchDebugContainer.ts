import type { CoreV1Api, V1EphemeralContainer, V1Pod } from '@kubernetes/client-node';
// The files, not the package's index: see the client-node-slim plugin in scripts/build.mjs.
import { setHeaderOptions } from '@kubernetes/client-node/dist/middleware.js';
import { PatchStrategy } from '@kubernetes/client-node/dist/patch.js';
import { DEFAULT_DEBUG_PROFILE, debugContainerSpec, ephemeralContainerPatch, type DebugProfile } from '../../model/debugProfiles.js';
import { debuggerName } from '../../model/debuggerName.js';
import { withSignal } from '../requestOptions.js';
import { DebugError, asDebugError, statusBody, statusCode } from './debugError.js';

export interface LaunchOptions {
  namespace: string;
  pod: string;
  /** e.g. busybox:1.36 */
  image: string;
  /** Always | IfNotPresent | Never; the server's default when omitted. */
  pullPolicy?: string;
  /** Share the process namespace of this container. */
  target?: string;
  profile?: DebugProfile;
  /** Replaces the image's entrypoint (kubectl debug's `-- CMD...`). */
  command?: string[];
  /** Keep stdin open (default true); false for a container nobody will attach to. */
  stdin?: boolean;
  /** Allocate a TTY (default true); needs stdin. */
  tty?: boolean;
  /** Source of the name's random suffix (tests); Math.random by default. */
  random?: () => number;
  signal?: AbortSignal;
}

export interface LaunchedContainer {
  namespace: string;
  pod: string;
  /** The generated `debugger-xxxxx` name. */
  container: string;
  image: string;
  target?: string;
  profile: DebugProfile;
  spec: V1EphemeralContainer;
  /** The pod as the PATCH answered it. */
  podAfter: V1Pod;
}

export interface LaunchSession {
  coreApi(): Promise<CoreV1Api>;
}

const finishedPhases = new Set(['Succeeded', 'Failed']);

/**
 * Adds a debug container to a running pod like `kubectl debug POD --image=I -it`: reads the pod,
 * refuses a finished one (the API accepts the container there but it never starts), picks a free
 * name and sends the strategic-merge PATCH to pods/{name}/ephemeralcontainers.
 */
export async function launchDebugContainer(session: LaunchSession, options: LaunchOptions): Promise<LaunchedContainer> {
  const { namespace, pod: podName } = options;
  const requestOptions = options.signal ? withSignal(options.signal) : undefined;
  const pod = await readPodToDebug(session, namespace, podName, requestOptions);

  const phase = pod.status?.phase ?? '';
  if (finishedPhases.has(phase)) {
    throw new DebugError(`ephemeral containers cannot start in a pod that has stopped (pod ${podName} is ${phase}); debug a copy instead (kubectl debug --copy-to)`, 'podFinished', {
      copyToSuggested: true,
    });
  }
  if (pod.metadata?.deletionTimestamp) {
    throw new DebugError(`pod ${podName} is being deleted; ephemeral containers cannot start in it`, 'podFinished', { copyToSuggested: true });
  }

  const { container, profile, spec } = debuggerFor(pod, options);

  try {
    const podAfter = await (await session.coreApi()).patchNamespacedPodEphemeralcontainers(
      { namespace, name: podName, body: ephemeralContainerPatch(spec) },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch, requestOptions),
    );
    return { namespace, pod: podName, container, image: options.image, target: options.target, profile, spec, podAfter };
  } catch (error) {
    throw patchError(error, namespace, podName);
  }
}

/**
 * A 404 naming the pod means it went away since the read; any other 404 (kube-apiserver's plain
 * "the server could not find the requested resource") means the subresource is not served.
 */
function patchError(error: unknown, namespace: string, pod: string): DebugError {
  if (statusCode(error) === 404) {
    const details = statusBody(error)?.['details'];
    const named = typeof details === 'object' && details !== null && (details as Record<string, unknown>)['name'] === pod;
    if (!named) return new DebugError('ephemeral containers are not enabled on this cluster (Kubernetes ≥1.23 needed)', 'notEnabled', { status: 404 });
  }
  return asDebugError(error, { what: `add a debug container to pod ${namespace}/${pod}` });
}

/** The debugger for `pod`: a name unique among its containers, the profile, and its spec. */
export function debuggerFor(
  pod: V1Pod,
  options: Pick<LaunchOptions, 'image' | 'pullPolicy' | 'command' | 'target' | 'profile' | 'stdin' | 'tty' | 'random'>,
): { container: string; profile: DebugProfile; spec: V1EphemeralContainer } {
  const profile = options.profile ?? DEFAULT_DEBUG_PROFILE;
  const container = debuggerName(pod, options.random ?? Math.random);
  const spec = debugContainerSpec({
    name: container,
    image: options.image,
    pullPolicy: options.pullPolicy,
    command: options.command,
    targetContainerName: options.target,
    profile,
    stdin: options.stdin,
    tty: options.tty,
  });
  return { container, profile, spec };
}

/** Reads the pod a debug container is for, with the one-line error a debug command shows. */
export async function readPodToDebug(
  session: LaunchSession,
  namespace: string,
  name: string,
  requestOptions: ReturnType<typeof withSignal> | undefined,
): Promise<V1Pod> {
  try {
    return await (await session.coreApi()).readNamespacedPod({ namespace, name }, requestOptions);
  } catch (error) {
    throw asDebugError(error, { what: `read pod ${namespace}/${name}` });
  }
}

/**
 * Guards against launching twice (a double key press): while a launch is in flight, launch()
 * returns that same promise whatever the options.
 */
export class DebugLauncher {
  private current: Promise<LaunchedContainer> | undefined;

  constructor(private readonly session: LaunchSession) {}

  get inFlight(): boolean {
    return this.current !== undefined;
  }

  launch(options: LaunchOptions): Promise<LaunchedContainer> {
    if (this.current) return this.current;
    const launched = launchDebugContainer(this.session, options).finally(() => {
      if (this.current === launched) this.current = undefined;
    });
    this.current = launched;
    return launched;
  }
}
