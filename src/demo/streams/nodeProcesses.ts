import { createHash } from 'node:crypto';
import type { JsonObject } from '../apiTypes.js';
import { arrayAt, isJsonObject, stringAt } from '../jsonAccess.js';
import { commandLine, type Process } from './processTable.js';

/** The node's own daemons, as `ps` on a kubeadm node with containerd shows them. */
const daemons: readonly Omit<Process, 'pid'>[] = [
  { user: 'root', command: '/sbin/init' },
  { user: 'root', command: '/lib/systemd/systemd-journald' },
  { user: 'root', command: '/lib/systemd/systemd-udevd' },
  { user: 'systemd-', command: '/lib/systemd/systemd-networkd' },
  { user: 'systemd-', command: '/lib/systemd/systemd-resolved' },
  { user: 'root', command: '/usr/sbin/cron -f -P' },
  { user: 'root', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups' },
  { user: 'root', command: '/usr/bin/containerd' },
  {
    user: 'root',
    command:
      '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime=remote --container-runtime-endpoint=unix:///run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.7',
  },
];

function runningContainers(pod: JsonObject): Set<string> {
  const running = new Set<string>();
  for (const key of ['containerStatuses', 'ephemeralContainerStatuses']) {
    for (const status of arrayAt(pod, 'status', key).filter(isJsonObject)) {
      const state = status['state'];
      if (isJsonObject(state) && state['running'] !== undefined) running.add(stringAt(status, 'name') ?? '');
    }
  }
  return running;
}

/** containerd's sandbox id of a pod: 64 hex digits, stable for the pod's uid. */
export function sandboxId(pod: JsonObject): string {
  return createHash('sha256').update(stringAt(pod, 'metadata', 'uid') ?? '').digest('hex');
}

/**
 * What `ps` lists in a debugger with hostPID on `node`: the node's daemons, then per pod running
 * there a containerd shim, its pause process and its running containers' commands, then the
 * debugger's own shell and `ps` (the debug pod is one of the pods, so its shim is listed too).
 */
export function nodeProcesses(pods: readonly JsonObject[], node: string, debuggerPod: string): Process[] {
  const processes: Process[] = [];
  let pid = 1;
  const add = (user: string, command: string): void => {
    processes.push({ pid, user, command });
    pid += pid === 1 ? 300 : 1 + (pid % 7);
  };
  for (const daemon of daemons) add(daemon.user, daemon.command);
  const onNode = pods.filter((pod) => stringAt(pod, 'spec', 'nodeName') === node && stringAt(pod, 'status', 'phase') === 'Running');
  for (const pod of onNode) {
    const running = runningContainers(pod);
    const containers = [...arrayAt(pod, 'spec', 'containers'), ...arrayAt(pod, 'spec', 'ephemeralContainers')].filter(isJsonObject);
    add('root', `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandboxId(pod)} -address /run/containerd/containerd.sock`);
    add('65535', '/pause');
    const isDebugger = stringAt(pod, 'metadata', 'name') === debuggerPod;
    for (const container of containers) {
      // The debugger's own shell comes last, with the ps that lists it.
      if (isDebugger || !running.has(stringAt(container, 'name') ?? '')) continue;
      add('root', commandLine(container));
    }
  }
  add('root', 'sh');
  add('root', 'ps');
  return processes;
}
