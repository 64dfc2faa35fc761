import type { Container, EphemeralContainer, Pod } from './apiObjects.js';

export type ContainerKind = 'init' | 'sidecar' | 'app' | 'ephemeral';

export interface ContainerRef {
  name: string;
  kind: ContainerKind;
  /** Position within its spec list (initContainers, containers or ephemeralContainers). */
  index: number;
}

/** A sidecar: an init container with `restartPolicy: Always`, which keeps running beside the app. */
export function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** Every container of the pod, in the order kubectl describes them: init (and sidecars), app, ephemeral. */
export function allContainerNames(pod: Pod): ContainerRef[] {
  const spec = pod.spec;
  const refs: ContainerRef[] = [];
  (spec?.initContainers ?? []).forEach((c, index) => {
    refs.push({ name: c.name, kind: isRestartableInitContainer(c) ? 'sidecar' : 'init', index });
  });
  (spec?.containers ?? []).forEach((c, index) => refs.push({ name: c.name, kind: 'app', index }));
  (spec?.ephemeralContainers ?? []).forEach((c: EphemeralContainer, index) => {
    refs.push({ name: c.name, kind: 'ephemeral', index });
  });
  return refs;
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * The container kubectl logs/exec pick when none is named: the annotated default if it names
 * an existing container, else the first app container.
 */
export function defaultContainerName(pod: Pod): string | undefined {
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined && annotated !== '' && allContainerNames(pod).some((c) => c.name === annotated)) {
    return annotated;
  }
  return pod.spec?.containers?.[0]?.name;
}
