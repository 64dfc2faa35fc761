import type { Container, ContainerStatus, Pod } from '../apiObjects.js';
import { isRestartableInitContainer } from '../containers.js';

/** A container's spec beside its status, and where it stands among its kind. */
export interface ContainerFacts {
  name: string;
  kind: 'init' | 'sidecar' | 'app';
  spec: Container;
  status: ContainerStatus | undefined;
  /** 1-based position among the pod's init containers (sidecars included), or its app containers. */
  position: number;
  of: number;
}

export function initContainers(pod: Pod): ContainerFacts[] {
  const specs = pod.spec?.initContainers ?? [];
  const statuses = pod.status?.initContainerStatuses ?? [];
  return specs.map((spec, i) => ({
    name: spec.name,
    kind: isRestartableInitContainer(spec) ? ('sidecar' as const) : ('init' as const),
    spec,
    status: statuses.find((s) => s.name === spec.name),
    position: i + 1,
    of: specs.length,
  }));
}

export function appContainers(pod: Pod): ContainerFacts[] {
  const specs = pod.spec?.containers ?? [];
  const statuses = pod.status?.containerStatuses ?? [];
  return specs.map((spec, i) => ({ name: spec.name, kind: 'app' as const, spec, status: statuses.find((s) => s.name === spec.name), position: i + 1, of: specs.length }));
}

/** The containers that run beside each other once the pod is initialised: sidecars, then app containers. */
export function runningSetOf(pod: Pod): ContainerFacts[] {
  return [...initContainers(pod).filter((c) => c.kind === 'sidecar'), ...appContainers(pod)];
}

/** The first init container that has not completed and holds the pod back, if the pod is still initialising. */
export function blockingInitContainer(pod: Pod): ContainerFacts | undefined {
  const initialized = (pod.status?.conditions ?? []).find((c) => c.type === 'Initialized')?.status === 'True';
  if (initialized) return undefined;
  for (const container of initContainers(pod)) {
    const state = container.status?.state;
    if (state?.terminated?.exitCode === 0) continue;
    if (container.kind === 'sidecar' && container.status?.started === true) continue;
    return container;
  }
  return undefined;
}
