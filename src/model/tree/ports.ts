import type { Container } from '../apiObjects.js';
import type { TreeNode } from '../containerTree.js';
import { cleanName, joinPrintable, p } from '../printable.js';
import { leaf, value } from './nodes.js';

/** `ports http 8080/TCP, 53/UDP (host 53)`; undefined when the container declares none. */
export function portsNode(id: string, container: Container): TreeNode | undefined {
  const ports = container.ports ?? [];
  if (ports.length === 0) return undefined;
  const text = ports.map((port) => {
    const name = port.name ? p`${cleanName(port.name)} ` : p``;
    const host = port.hostPort ? p` (host ${port.hostPort})` : p``;
    return p`${name}${port.containerPort}/${cleanName(port.protocol ?? 'TCP')}${host}`;
  });
  return leaf(`${id}/ports`, ports.length > 1 ? p`ports` : p`port`, [value(joinPrintable(text, p`, `))]);
}
