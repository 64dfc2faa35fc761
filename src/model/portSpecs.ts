import type { Pod } from './apiObjects.js';

export interface PortMappingSpec {
  /** 0: a free port. */
  local: number;
  remote: number;
}

export interface DeclaredPort {
  container: string;
  port: number;
  name?: string;
  protocol: string;
}

/** Every port the pod's containers declare, in spec order. */
export function declaredPorts(pod: Pod): DeclaredPort[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].flatMap((container) =>
    (container.ports ?? []).map((port) => ({ container: container.name, port: port.containerPort, name: port.name, protocol: port.protocol ?? 'TCP' })),
  );
}

function parsePort(text: string, what: 'local' | 'remote'): number | string {
  if (!/^\d+$/.test(text)) return `error parsing ${what} port '${text}': strconv.ParseUint: parsing "${text}": invalid syntax`;
  const value = Number(text);
  if (value > 65535) return `error parsing ${what} port '${text}': strconv.ParseUint: parsing "${text}": value out of range`;
  return value;
}

/**
 * kubectl port-forward's `[LOCAL:]REMOTE` arguments against the pod: a named remote port is looked
 * up in the containers (local defaults to the same number), `:REMOTE` takes a free local port, UDP
 * ports are refused. Errors use kubectl's words.
 */
export function parsePortSpecs(specs: readonly string[], pod: Pod): PortMappingSpec[] | { error: string } {
  const declared = declaredPorts(pod);
  const name = pod.metadata?.name ?? '';
  const mappings: PortMappingSpec[] = [];
  for (const spec of specs) {
    const parts = spec.split(':');
    if (parts.length > 2) return { error: `invalid port format '${spec}'` };
    const remoteText = parts.length === 2 ? (parts[1] ?? '') : (parts[0] ?? '');
    if (remoteText === '') return { error: 'remote port cannot be empty' };
    let remote: number;
    let named = false;
    if (/^\d+$/.test(remoteText)) {
      const parsed = parsePort(remoteText, 'remote');
      if (typeof parsed === 'string') return { error: parsed };
      remote = parsed;
    } else {
      const found = declared.find((port) => port.name === remoteText);
      if (found === undefined) return { error: `Pod '${name}' does not have a named port '${remoteText}'` };
      remote = found.port;
      named = true;
    }
    if (remote === 0) return { error: 'remote port must be > 0' };
    const localText = parts.length === 2 ? (parts[0] === '' ? '0' : (parts[0] ?? '0')) : named ? String(remote) : remoteText;
    const local = parsePort(localText, 'local');
    if (typeof local === 'string') return { error: local };
    const udpOnly = declared.filter((port) => port.port === remote);
    if (udpOnly.length > 0 && udpOnly.every((port) => port.protocol === 'UDP')) return { error: `UDP protocol is not supported for ${remote}` };
    mappings.push({ local, remote });
  }
  return mappings;
}
