import { createHash } from 'node:crypto';
import type { JsonObject } from '../apiTypes.js';
import { formatTimestamp } from '../timestamps.js';
import type { ClusterNode } from './nodes.js';

/** What every demo node runs, as its kubelet reports it in status.nodeInfo (and its /etc/os-release says). */
export const nodeSoftware = {
  osImage: 'Ubuntu 22.04.4 LTS',
  kernelVersion: '5.15.0-105-generic',
  containerRuntimeVersion: 'containerd://1.6.31',
  kubeletVersion: 'v1.24.17',
} as const;

function stableId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A uuid derived from the node's name: the same node keeps its uid across requests. */
function uidOf(name: string): string {
  const hex = stableId(`node/${name}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function quantity(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

/** The Node object kube-apiserver would answer for `node`, registered at `created`. */
export function nodeObject(node: ClusterNode, created: Date, heartbeat: Date): JsonObject {
  const resources = { cpu: String(node.allocatable.cpuMillis / 1000), 'ephemeral-storage': '101430960Ki', memory: quantity(node.allocatable.memoryBytes), pods: String(node.allocatable.pods) };
  const condition = (type: string, status: string, reason: string, message: string): JsonObject => ({
    type,
    status,
    lastHeartbeatTime: formatTimestamp(heartbeat),
    lastTransitionTime: formatTimestamp(created),
    reason,
    message,
  });
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: {
      name: node.name,
      uid: uidOf(node.name),
      resourceVersion: '1',
      creationTimestamp: formatTimestamp(created),
      labels: { ...node.labels },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: `${node.podSubnet}.0/24`, podCIDRs: [`${node.podSubnet}.0/24`] },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status. AppArmor enabled'),
      ],
      addresses: [
        { type: 'InternalIP', address: node.hostIP },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: stableId(`machine/${node.name}`).slice(0, 32),
        systemUUID: uidOf(`system/${node.name}`),
        bootID: uidOf(`boot/${node.name}`),
        kernelVersion: nodeSoftware.kernelVersion,
        osImage: nodeSoftware.osImage,
        containerRuntimeVersion: nodeSoftware.containerRuntimeVersion,
        kubeletVersion: nodeSoftware.kubeletVersion,
        kubeProxyVersion: nodeSoftware.kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
