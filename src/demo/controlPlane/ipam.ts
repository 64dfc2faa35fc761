import type { ClusterNode } from './nodes.js';

/**
 * Pod IPs from a node's /24 the way the host-local CNI plugin hands them out: the next free address
 * after the last one given, wrapping around, so a replacement pod gets a new IP rather than its
 * predecessor's.
 */
export class NodeIpam {
  private readonly inUse = new Set<number>();
  private last = 1;

  constructor(private readonly node: ClusterNode) {}

  allocate(): string | undefined {
    for (let step = 1; step <= 253; step++) {
      const candidate = ((this.last - 2 + step) % 253) + 2;
      if (this.inUse.has(candidate)) continue;
      this.inUse.add(candidate);
      this.last = candidate;
      return `${this.node.podSubnet}.${candidate}`;
    }
    return undefined;
  }

  release(ip: string): void {
    if (!ip.startsWith(`${this.node.podSubnet}.`)) return;
    this.inUse.delete(Number(ip.slice(this.node.podSubnet.length + 1)));
  }
}
