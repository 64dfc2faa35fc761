import type { DaemonSetWorkload, ReplicaSetWorkload } from '../replicaSetController.js';
import { coredns, kubeProxy, metricsServer } from '../programs/systemPrograms.js';

/** kube-system as a kubeadm cluster has it: CoreDNS ×2, kube-proxy on every node, metrics-server. */
export const kubeSystemDeployments: readonly ReplicaSetWorkload[] = [
  {
    kind: 'ReplicaSet',
    namespace: 'kube-system',
    deployment: 'coredns',
    replicas: 2,
    template: {
      labels: { 'k8s-app': 'kube-dns' },
      spec: {
        priorityClassName: 'system-cluster-critical',
        serviceAccountName: 'coredns',
        dnsPolicy: 'Default',
        containers: [
          {
            name: 'coredns',
            image: 'registry.k8s.io/coredns/coredns:v1.8.6',
            args: ['-conf', '/etc/coredns/Corefile'],
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53 },
              { name: 'metrics', containerPort: 9153 },
            ],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 10 },
          },
        ],
        tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
      },
      programs: { coredns },
    },
  },
  {
    kind: 'ReplicaSet',
    namespace: 'kube-system',
    deployment: 'metrics-server',
    replicas: 1,
    template: {
      labels: { 'k8s-app': 'metrics-server' },
      spec: {
        priorityClassName: 'system-cluster-critical',
        serviceAccountName: 'metrics-server',
        containers: [
          {
            name: 'metrics-server',
            image: 'registry.k8s.io/metrics-server/metrics-server:v0.6.4',
            args: ['--cert-dir=/tmp', '--secure-port=4443', '--kubelet-preferred-address-types=InternalIP', '--metric-resolution=15s'],
            ports: [{ name: 'https', containerPort: 4443 }],
            resources: { requests: { cpu: '100m', memory: '200Mi' } },
            readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, initialDelaySeconds: 20, periodSeconds: 10 },
          },
        ],
      },
      programs: { 'metrics-server': metricsServer },
    },
  },
];

export const kubeSystemDaemonSets: readonly DaemonSetWorkload[] = [
  {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'kube-proxy',
    template: {
      labels: { 'k8s-app': 'kube-proxy' },
      spec: {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        serviceAccountName: 'kube-proxy',
        containers: [
          {
            name: 'kube-proxy',
            image: 'registry.k8s.io/kube-proxy:v1.24.17',
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            securityContext: { privileged: true },
          },
        ],
        tolerations: [{ operator: 'Exists' }],
      },
      programs: { 'kube-proxy': kubeProxy },
    },
  },
];
