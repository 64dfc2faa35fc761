import type { Container, Pod } from '../apiObjects.js';
import type { ContainerKind } from '../containers.js';
import type { TreeNode } from '../containerTree.js';
import { joinPrintable, p, type Printable } from '../printable.js';
import { envNode } from './env.js';
import { mountsNode } from './mounts.js';
import { dim, key } from './nodes.js';
import { portsNode } from './ports.js';
import { probeNodes } from './probes.js';
import { quantityList, resourcesNode } from './resources.js';
import { containerSecurityNode } from './securityContext.js';

/** One line that says what the folded spec holds: `limits memory=20Mi, readiness exec, 1 mount, 3 env`. */
function summary(container: Container, kind: ContainerKind): Printable {
  const words: Printable[] = [];
  if (kind !== 'ephemeral') {
    const limits = quantityList(container.resources?.limits);
    const requests = quantityList(container.resources?.requests);
    words.push(limits !== undefined ? p`limits ${limits}` : requests !== undefined ? p`requests ${requests}` : p`no limits`);
  }
  for (const [field, name] of [['livenessProbe', p`liveness`], ['readinessProbe', p`readiness`], ['startupProbe', p`startup`]] as const) {
    if (container[field]) words.push(name);
  }
  const mounts = container.volumeMounts?.length ?? 0;
  if (mounts > 0) words.push(mounts === 1 ? p`1 mount` : p`${mounts} mounts`);
  const env = (container.env?.length ?? 0) + (container.envFrom?.length ?? 0);
  if (env > 0) words.push(p`${env} env`);
  if (container.securityContext?.privileged === true) words.push(p`privileged`);
  return joinPrintable(words, p`, `);
}

/**
 * What the container was asked to be: resources, ports, probes, mounts, env, security context,
 * under one `spec` line folded until opened (the state lines above stay in view at 80x24).
 */
export function containerSpecNode(id: string, container: Container, kind: ContainerKind, pod: Pod): TreeNode {
  const children: TreeNode[] = [];
  // Ephemeral containers may not set resources, ports or probes (the API server refuses them).
  if (kind !== 'ephemeral') children.push(resourcesNode(id, container));
  const optional = [portsNode(id, container), ...probeNodes(id, container), mountsNode(id, container, pod.spec?.volumes ?? []), envNode(id, container), containerSecurityNode(id, container)];
  for (const node of optional) if (node !== undefined) children.push(node);
  return { id: `${id}/spec`, kind: 'detail', label: [key(p`spec`), dim(summary(container, kind))], severity: 'muted', children, folded: true };
}
