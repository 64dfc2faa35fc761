import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { DebugProfile } from '../../model/debugProfiles.js';
import { podCopyForDebug } from '../../model/podCopy.js';
import { withSignal } from '../requestOptions.js';
import { DebugError, asDebugError, statusCode } from './debugError.js';
import { debuggerFor, readPodToDebug } from './launchDebugContainer.js';

export interface DebugCopyOptions {
  namespace: string;
  /** The pod to copy. */
  pod: string;
  /** Name of the copy (`--copy-to`). */
  copyTo: string;
  image: string;
  pullPolicy?: string;
  profile?: DebugProfile;
  command?: string[];
  stdin?: boolean;
  tty?: boolean;
  random?: () => number;
  signal?: AbortSignal;
}

export interface DebugCopy {
  namespace: string;
  /** The copy's name. */
  pod: string;
  /** The debugger container in the copy. */
  container: string;
  profile: DebugProfile;
  /** The pod as the POST answered it. */
  created: V1Pod;
}

export interface CopySession {
  coreApi(): Promise<CoreV1Api>;
}

/** Reads the pod, builds its debug copy (see podCopyForDebug) and creates it; errors are one-line DebugErrors. */
export async function createDebugCopy(session: CopySession, options: DebugCopyOptions): Promise<DebugCopy> {
  const { namespace, pod: podName, copyTo } = options;
  const requestOptions = options.signal ? withSignal(options.signal) : undefined;
  const pod = await readPodToDebug(session, namespace, podName, requestOptions);
  // No target: the copy shares one process namespace among all its containers.
  const { container, profile, spec } = debuggerFor(pod, { ...options, target: undefined });
  const body = podCopyForDebug(pod, { name: copyTo, debugger: spec });
  try {
    const created = await (await session.coreApi()).createNamespacedPod({ namespace, body }, requestOptions);
    return { namespace, pod: copyTo, container, profile, created };
  } catch (error) {
    if (statusCode(error) === 409) throw new DebugError(`pod "${copyTo}" already exists`, 'other', { status: 409 });
    throw asDebugError(error, { what: `create pod ${namespace}/${copyTo}` });
  }
}

/** How long deleting a copy may take before it counts as failed (a dead connection never answers). */
export const COPY_DELETE_TIMEOUT_MS = 10_000;

/** What became of the copy of a stopped pod a debug session ran in. */
export type CopyOutcome = ({ namespace: string; name: string; deleted: true } | { namespace: string; name: string; deleted: false; error?: string }) & {
  /** What the pod is called in messages: `copy` (the default), or `node debugger pod`. */
  noun?: string;
};

/**
 * Deletes the copy; a copy already gone counts as deleted. `signal` bounds the call: without it a
 * dead connection can keep the DELETE waiting for minutes.
 */
export async function deleteDebugCopy(session: CopySession, options: { namespace: string; pod: string; signal?: AbortSignal }): Promise<void> {
  const requestOptions = options.signal ? withSignal(options.signal) : undefined;
  try {
    await (await session.coreApi()).deleteNamespacedPod({ namespace: options.namespace, name: options.pod, gracePeriodSeconds: 0 }, requestOptions);
  } catch (error) {
    if (statusCode(error) === 404) return;
    throw asDebugError(error, { what: `delete pod ${options.namespace}/${options.pod}` });
  }
}
