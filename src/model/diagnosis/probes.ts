import type { AnyTime } from '../apiObjects.js';
import type { V1Probe } from '@kubernetes/client-node';
import { clean, EMPTY, p, type Printable } from '../printable.js';
import { latestEvent, occurrences, type PodEvent } from './podEvents.js';
import type { ContainerFacts } from './podContainers.js';
import type { Wording } from './wording.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

const EVENT_PREFIX: Readonly<Record<ProbeKind, string>> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** What the probe does, as kubectl describe names it: `exec [sh -c exit 1]`, `http-get http://:8080/ready`, `tcp-socket :5432`. */
export function probeAction(probe: AnyTime<V1Probe>): Printable {
  if (probe.exec !== undefined) return p`exec [${clean((probe.exec.command ?? []).join(' '))}]`;
  if (probe.httpGet !== undefined) {
    const get = probe.httpGet;
    const scheme = (get.scheme ?? 'HTTP').toLowerCase();
    const path = get.path ?? '';
    return p`http-get ${clean(scheme)}://${clean(get.host ?? '')}:${clean(String(get.port))}${clean(path.startsWith('/') || path === '' ? path : `/${path}`)}`;
  }
  if (probe.tcpSocket !== undefined) return p`tcp-socket ${clean(probe.tcpSocket.host ?? '')}:${clean(String(probe.tcpSocket.port))}`;
  if (probe.grpc !== undefined) return p`grpc :${probe.grpc.port}${probe.grpc.service ? p` ${clean(probe.grpc.service)}` : EMPTY}`;
  return p`a probe of unknown kind`;
}

function probeOf(container: ContainerFacts, kind: ProbeKind): AnyTime<V1Probe> | undefined {
  if (kind === 'liveness') return container.spec.livenessProbe;
  if (kind === 'readiness') return container.spec.readinessProbe;
  return container.spec.startupProbe;
}

/**
 * `readiness probe failing: exec [sh -c exit 1] with no output, 12× in 42s, last 4s ago` from the
 * kubelet's Unhealthy events about the container, or undefined when it reported no such failure.
 */
export function probeFailures(container: ContainerFacts, kind: ProbeKind, events: readonly PodEvent[], w: Wording): Printable | undefined {
  const probe = probeOf(container, kind);
  if (probe === undefined) return undefined;
  const prefix = new RegExp(`^${EVENT_PREFIX[kind]} probe (?:failed|errored):\\s*`);
  const match = (e: PodEvent): boolean => e.reason === 'Unhealthy' && prefix.test(e.message);
  const seen = occurrences(events, match);
  const last = latestEvent(events, match);
  if (seen === undefined || last === undefined) return undefined;
  const output = last.message.replace(prefix, '').trim();
  const result = output === '' ? p` with no output` : p`: ${clean(output)}`;
  return p`${clean(kind)} probe failing: ${probeAction(probe)}${result}, ${w.occurrences(seen)}`;
}
