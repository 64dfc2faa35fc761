import type { V1Pod } from '@kubernetes/client-node';
import { appendAuditRecord, type PortForwardRecord } from '../../audit/auditLog.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import { PortForwarder, type ForwardEvent, type ForwardOptions } from '../../kube/portforward/portForwarder.js';
import { probePort } from '../../kube/portforward/probePort.js';
import { ForwardStreamError } from '../../kube/portforward/portStream.js';
import { declaredPorts, type PortMappingSpec } from '../../model/portSpecs.js';

export type ForwardSession = Pick<ClusterSession, 'kubeConfig' | 'user' | 'contextName' | 'server'>;

/** A forward could not start; the message is the one line to show. */
export class ForwardStartError extends Error {
  override readonly name = 'ForwardStartError';
}

/**
 * Checks what kubectl leaves to the first failing connection: the pod runs, and a port that no
 * container declares is really listened on (the kubelet dials it); a declared port is trusted.
 */
export async function checkForwardable(session: ForwardSession, pod: V1Pod, mappings: readonly PortMappingSpec[]): Promise<void> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  if (pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null) throw new ForwardStartError(`pod ${namespace}/${name} is terminating; it cannot be forwarded to`);
  if (pod.status?.phase !== 'Running') throw new ForwardStartError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Unknown'}`);
  const declared = declaredPorts(pod);
  for (const { remote } of mappings) {
    if (declared.some((port) => port.port === remote)) continue;
    let result;
    try {
      result = await probePort(session.kubeConfig, { namespace, pod: name, port: remote });
    } catch (error) {
      throw new ForwardStartError(error instanceof ForwardStreamError ? error.message : String(error));
    }
    if (!result.listening) {
      const list = declared.length === 0 ? 'it declares no ports' : `it declares ${declared.map((port) => `${port.port}/${port.protocol}${port.name === undefined ? '' : ` (${port.name})`}`).join(', ')}`;
      throw new ForwardStartError(`pod ${namespace}/${name} does not listen on port ${remote}; ${list}`);
    }
  }
}

/**
 * Starts a forward and appends its audit line once it ends (stopped, pod gone, podscope exiting):
 * the one implementation behind `podscope port-forward` and the explorer's forwards.
 */
export async function startAuditedForward(
  session: ForwardSession,
  options: ForwardOptions,
  onEvent: (event: ForwardEvent) => void,
  onAuditProblem: (message: string) => void = () => undefined,
  auditPath?: string,
): Promise<AuditedForward> {
  const start = new Date().toISOString();
  const forwarder = await PortForwarder.start(session.kubeConfig, options, onEvent);
  const finished = forwarder.ended.then(async (reason) => {
    const stats = forwarder.stats();
    const record: PortForwardRecord = {
      kind: 'port-forward',
      user: session.user,
      context: session.contextName,
      server: session.server,
      namespace: options.namespace,
      pod: options.pod,
      addresses: [...(options.addresses ?? ['localhost'])],
      ports: stats.listeners.filter((listener, index, all) => all.findIndex((other) => other.local === listener.local) === index).map(({ local, remote }) => ({ local, remote })),
      start,
      end: new Date().toISOString(),
      outcome: reason,
      connections: stats.connections,
      errors: stats.errors,
      bytesIn: stats.bytesIn,
      bytesOut: stats.bytesOut,
    };
    try {
      await appendAuditRecord(record, auditPath);
    } catch (error) {
      onAuditProblem(`could not write the audit log: ${error instanceof Error ? error.message : String(error)}`);
    }
    return reason;
  });
  return { forwarder, finished };
}

export interface AuditedForward {
  forwarder: PortForwarder;
  /** Why it ended, once its audit line is written. */
  finished: Promise<string>;
}
