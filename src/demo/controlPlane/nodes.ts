/** The simulated worker nodes: what the scheduler places pods on and what each kubelet reports as hostIP. */
export interface ClusterNode {
  name: string;
  hostIP: string;
  /** First three octets of the node's pod CIDR (a /24, as flannel hands out from 10.244.0.0/16). */
  podSubnet: string;
  labels: Readonly<Record<string, string>>;
  allocatable: { cpuMillis: number; memoryBytes: number; pods: number };
}

function node(name: string, index: number, zone: string): ClusterNode {
  return {
    name,
    hostIP: `192.0.2.${10 + index}`,
    podSubnet: `10.244.${index}`,
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/zone': zone,
    },
    allocatable: { cpuMillis: 4000, memoryBytes: 8 * 1024 ** 3, pods: 110 },
  };
}

export const demoNodes: readonly ClusterNode[] = [node('node-a', 1, 'zone-a'), node('node-b', 2, 'zone-b'), node('node-c', 3, 'zone-c')];

/** Where the scheduler itself runs: named in the reportingInstance of its events. */
export const schedulerInstance = 'default-scheduler-control-plane';
