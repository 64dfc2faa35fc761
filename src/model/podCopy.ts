import type { V1Container, V1EphemeralContainer, V1Pod } from '@kubernetes/client-node';

export interface PodCopyOptions {
  /** Name of the copy (`--copy-to`). */
  name: string;
  /** The debugger, built by debugContainerSpec; added as a regular container of the copy. */
  debugger: V1EphemeralContainer;
}

/** A regular container from an ephemeral one's spec; targetContainerName has no meaning there (the copy shares one process namespace). */
export function regularContainerFrom(ephemeral: V1EphemeralContainer): V1Container {
  const { targetContainerName: _target, ...rest } = ephemeral;
  return { ...rest };
}

function withoutProbes(container: V1Container): V1Container {
  const { livenessProbe: _liveness, readinessProbe: _readiness, startupProbe: _startup, ...rest } = container;
  return rest;
}

/**
 * The pod `kubectl debug POD --copy-to NAME --image=I -it` creates: same namespace and annotations,
 * no labels (a copy must not join the original's Services or controllers), no uid, resourceVersion,
 * ownerReferences or status, no nodeName so it is scheduled anew, one shared process namespace so
 * the debugger sees the other containers, no probes (a debugged process must not be restarted under
 * the user), no ephemeral containers, and the debugger as an extra regular container.
 */
export function podCopyForDebug(pod: V1Pod, options: PodCopyOptions): V1Pod {
  const source = pod.spec;
  if (source === undefined) throw new Error(`pod ${pod.metadata?.name ?? '?'} has no spec to copy`);
  const debuggerName = options.debugger.name;
  if (source.containers.some((c) => c.name === debuggerName) || source.initContainers?.some((c) => c.name === debuggerName)) {
    throw new Error(`pod ${pod.metadata?.name ?? '?'} already has a container named ${debuggerName}`);
  }
  const { nodeName: _node, ephemeralContainers: _ephemeral, ...spec } = structuredClone(source);
  const metadata: NonNullable<V1Pod['metadata']> = { name: options.name };
  if (pod.metadata?.namespace) metadata.namespace = pod.metadata.namespace;
  if (pod.metadata?.annotations) metadata.annotations = { ...pod.metadata.annotations };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      ...spec,
      shareProcessNamespace: true,
      containers: [...spec.containers.map(withoutProbes), regularContainerFrom(options.debugger)],
    },
  };
}
