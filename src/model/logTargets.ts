import type { Pod } from './apiObjects.js';
import { allContainerNames, DEFAULT_CONTAINER_ANNOTATION } from './containers.js';
import { cleanName, joinPrintable, p, type Printable } from './printable.js';

/** Which containers of a pod `logs` reads: kubectl's -c and --all-containers. */
export interface ContainerChoice {
  container?: string;
  allContainers: boolean;
}

/** The containers to read, and the notices kubectl prints on stderr while choosing them. */
export type PodLogContainers = { containers: string[]; notices: Printable[] } | { error: string };

/** kubectl's list of a pod's containers in its "Defaulted container" notice: app, ephemeral, init. */
function containerList(pod: Pod): Printable {
  const spec = pod.spec;
  return joinPrintable(
    [
      ...(spec?.containers ?? []).map((c) => cleanName(c.name)),
      ...(spec?.ephemeralContainers ?? []).map((c) => p`${cleanName(c.name)} (ephem)`),
      ...(spec?.initContainers ?? []).map((c) => p`${cleanName(c.name)} (init)`),
    ],
    p`, `,
  );
}

/**
 * The containers kubectl logs reads for one pod, chosen on the client side as kubectl does (the
 * server knows no default container): all of them (init, app, ephemeral), the one named, the
 * default-container annotation's, else the first app container (saying so when there are others).
 */
export function podLogContainers(pod: Pod, choice: ContainerChoice): PodLogContainers {
  const name = pod.metadata?.name ?? '';
  const all = allContainerNames(pod).map((ref) => ref.name);
  if (choice.allContainers) return { containers: all, notices: [] };
  if (choice.container !== undefined) {
    return all.includes(choice.container) ? { containers: [choice.container], notices: [] } : { error: `container ${choice.container} is not valid for pod ${name}` };
  }
  const notices: Printable[] = [];
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined && annotated !== '') {
    if (all.includes(annotated)) return { containers: [annotated], notices };
    notices.push(p`Default container name "${cleanName(annotated)}" not found in pod ${cleanName(name)}`);
  }
  const first = pod.spec?.containers?.[0]?.name;
  if (first === undefined) return { error: `pod ${name} does not have any containers` };
  if (all.length > 1) notices.push(p`Defaulted container "${cleanName(first)}" out of: ${containerList(pod)}`);
  return { containers: [first], notices };
}

/** kubectl's `--prefix`: `[pod/NAME/CONTAINER] ` before every line. */
export function kubectlLogPrefix(pod: string, container: string): Printable {
  return p`[pod/${cleanName(pod)}/${cleanName(container)}] `;
}

/** kubectl's --tail when a selector is given without one: 10 lines per container (a named pod: all). */
export const SELECTOR_TAIL_LINES = 10;

/** kubectl's default --max-log-requests: the most streams `-f` with a selector follows at once. */
export const DEFAULT_MAX_LOG_REQUESTS = 5;

/** kubectl's refusal when `-f` would open more streams than --max-log-requests allows. */
export function tooManyStreams(streams: number, max: number): string | undefined {
  return streams > 1 && streams > max
    ? `you are attempting to follow ${streams} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`
    : undefined;
}
