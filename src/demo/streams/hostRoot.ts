import type { JsonObject } from '../apiTypes.js';
import { nodeSoftware } from '../controlPlane/nodeObjects.js';
import type { ClusterNode } from '../controlPlane/nodes.js';
import { arrayAt, isJsonObject, stringAt } from '../jsonAccess.js';
import { sandboxId } from './nodeProcesses.js';
import type { Process } from './processTable.js';
import { resolveExecutable } from './localProcess.js';

/*
 * A demo node's root filesystem, for a debugger that mounts hostPath `/` (kubectl debug node/…: at
 * /host). The debugger is a shell on this machine, which has no /host: the files are written under
 * the process's own directory, and the usual file tools (and `cd`/`pwd`, through the interactive
 * shell's $ENV file) are wrapped to read `/host/...` there and to print it back as `/host/...`.
 */

/** Where, inside the process's directory, the node's root is written. */
const ROOT_DIRECTORY = '.node-root';

/** Commands whose path arguments under the mount point are taken to the node's root. */
const WRAPPED = ['ls', 'cat', 'head', 'tail', 'wc', 'grep', 'find', 'stat', 'du', 'file', 'readlink', 'less', 'more', 'tree'];

/** The mount path of hostPath `/` in `container` of `pod`, if it has one. */
export function hostRootMount(pod: JsonObject, container: JsonObject): string | undefined {
  const rootVolumes = new Set(
    arrayAt(pod, 'spec', 'volumes')
      .filter(isJsonObject)
      .filter((volume) => stringAt(volume, 'hostPath', 'path') === '/')
      .map((volume) => stringAt(volume, 'name') ?? ''),
  );
  const mount = arrayAt(container, 'volumeMounts')
    .filter(isJsonObject)
    .find((candidate) => rootVolumes.has(stringAt(candidate, 'name') ?? ''));
  const path = mount === undefined ? undefined : stringAt(mount, 'mountPath');
  // Only a plain absolute path can be rewritten safely in the wrappers' case patterns.
  return path !== undefined && /^\/[A-Za-z0-9._/-]*$/.test(path) && path !== '/' ? path.replace(/\/+$/, '') : undefined;
}

function osRelease(): string {
  return [
    'PRETTY_NAME="Ubuntu 22.04.4 LTS"',
    'NAME="Ubuntu"',
    'VERSION_ID="22.04"',
    'VERSION="22.04.4 LTS (Jammy Jellyfish)"',
    'VERSION_CODENAME=jammy',
    'ID=ubuntu',
    'ID_LIKE=debian',
    'HOME_URL="https://www.ubuntu.com/"',
    'SUPPORT_URL="https://help.ubuntu.com/"',
    'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
    'UBUNTU_CODENAME=jammy',
    '',
  ].join('\n');
}

function kubeletConfig(): string {
  return [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'kind: KubeletConfiguration',
    'authentication:',
    '  anonymous:',
    '    enabled: false',
    '  webhook:',
    '    enabled: true',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'authorization:',
    '  mode: Webhook',
    'cgroupDriver: systemd',
    'clusterDNS:',
    '- 10.96.0.10',
    'clusterDomain: cluster.local',
    'containerRuntimeEndpoint: unix:///run/containerd/containerd.sock',
    'rotateCertificates: true',
    'staticPodPath: /etc/kubernetes/manifests',
    '',
  ].join('\n');
}

function syslog(node: ClusterNode, now: Date): string {
  const stamp = now.toUTCString().slice(8, 25).replace(/^(\w+) (\d+) \d+/, '$1 $2');
  return [
    `${stamp} ${node.name} systemd[1]: Started kubelet: The Kubernetes Node Agent.`,
    `${stamp} ${node.name} kubelet[917]: I0101 00:00:00.000000     917 server.go:413] "Kubelet version" kubeletVersion="${nodeSoftware.kubeletVersion}"`,
    `${stamp} ${node.name} kubelet[917]: I0101 00:00:00.000000     917 kubelet_node_status.go:70] "Attempting to register node" node="${node.name}"`,
    `${stamp} ${node.name} kubelet[917]: I0101 00:00:00.000000     917 kubelet_node_status.go:108] "Successfully registered node" node="${node.name}"`,
    `${stamp} ${node.name} containerd[905]: time="${now.toISOString()}" level=info msg="containerd successfully booted"`,
    '',
  ].join('\n');
}

/** `/var/log/pods/NS_POD_UID/CONTAINER/0.log` and `/var/log/containers/POD_NS_CONTAINER-ID.log` of the pods on the node. */
function podLogFiles(pods: readonly JsonObject[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const pod of pods) {
    const namespace = stringAt(pod, 'metadata', 'namespace') ?? '';
    const name = stringAt(pod, 'metadata', 'name') ?? '';
    const uid = stringAt(pod, 'metadata', 'uid') ?? '';
    for (const status of arrayAt(pod, 'status', 'containerStatuses').filter(isJsonObject)) {
      const container = stringAt(status, 'name') ?? '';
      const id = (stringAt(status, 'containerID') ?? '').replace(/^\w+:\/\//, '') || sandboxId(pod);
      files[`var/log/pods/${namespace}_${name}_${uid}/${container}/0.log`] = '';
      files[`var/log/containers/${name}_${namespace}_${container}-${id}.log`] = '';
    }
  }
  return files;
}

/** The node's root as files relative to the process's directory. */
export function hostRootFiles(node: ClusterNode, pods: readonly JsonObject[], processes: readonly Process[], now: Date): Record<string, string> {
  const files: Record<string, string> = {};
  for (const directory of ['bin', 'boot', 'dev', 'home/ubuntu', 'lib', 'mnt', 'opt/cni/bin', 'root', 'run/containerd', 'sbin', 'srv', 'sys', 'tmp', 'usr/local/bin', 'var/lib/containerd', 'etc/kubernetes/manifests', 'etc/kubernetes/pki']) {
    files[`${directory}/`] = '';
  }
  Object.assign(files, {
    'etc/os-release': osRelease(),
    'etc/hostname': `${node.name}\n`,
    'etc/hosts': `127.0.0.1 localhost\n${node.hostIP} ${node.name}\n`,
    'etc/machine-id': `${sandboxId({ metadata: { uid: `machine/${node.name}` } }).slice(0, 32)}\n`,
    'etc/containerd/config.toml': 'version = 2\n\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n',
    'etc/kubernetes/kubelet.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /etc/kubernetes/pki/ca.crt\n    server: https://192.0.2.2:6443\n  name: default-cluster\ncontexts:\n- context:\n    cluster: default-cluster\n    user: default-auth\n  name: default-context\ncurrent-context: default-context\nusers:\n- name: default-auth\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n`,
    'var/lib/kubelet/config.yaml': kubeletConfig(),
    'var/log/syslog': syslog(node, now),
    'usr/bin/kubelet': '',
    'usr/bin/containerd': '',
    'usr/bin/crictl': '',
    'proc/version': `Linux version ${nodeSoftware.kernelVersion} (buildd@lcy02-amd64-051) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #115-Ubuntu SMP\n`,
    'proc/loadavg': '0.31 0.27 0.22 2/412 31337\n',
    ...podLogFiles(pods),
  });
  for (const process of processes) {
    files[`proc/${process.pid}/cmdline`] = `${process.command.split(' ').join('\u0000')}\u0000`;
    files[`proc/${process.pid}/comm`] = `${(process.command.split(' ')[0] ?? '').split('/').pop() ?? ''}\n`;
  }
  return files;
}

/** Single-quoted for sh. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The rewrite of `$a` from the mount point to the node's root, as a sh `case`. */
function rewriteArgument(mount: string, root: string): string {
  return `case $a in ${mount}|${mount}/*) a=${quoted(root)}"\${a#${mount}}" ;; esac`;
}

/**
 * The wrappers, by command name, for `mount` (e.g. /host) backed by `<directory>/.node-root`:
 * arguments under the mount point go to the node's root, and output naming it says the mount point.
 */
export function hostRootTools(directory: string, mount: string): Record<string, string> {
  const root = `${directory}/${ROOT_DIRECTORY}`;
  const tools: Record<string, string> = {};
  for (const name of WRAPPED) {
    const real = resolveExecutable(name);
    if (real === undefined) continue;
    // ls lays out columns only on a terminal: keep that once its output goes through sed.
    const columns = name === 'ls' ? 'if [ -t 1 ]; then COLUMNS=$(stty size 2>/dev/null | cut -d" " -f2); export COLUMNS; set -- -C "$@"; fi\n' : '';
    tools[name] = [
      '#!/bin/sh',
      `# podscope demo cluster: the node's / is mounted at ${mount} (see src/demo/streams/hostRoot.ts).`,
      'n=$#',
      'while [ "$n" -gt 0 ]; do a=$1; shift; n=$((n - 1))',
      `  ${rewriteArgument(mount, root)}`,
      '  set -- "$@" "$a"',
      'done',
      `${columns}${quoted(real)} "$@" 2>&1 | sed "s#${root}#${mount}#g"`,
      '',
    ].join('\n');
  }
  return tools;
}

/** The interactive shell's $ENV file: `cd` into the mount point and `pwd` inside it, as if it were there. */
export function hostRootShellFunctions(directory: string, mount: string): string {
  const root = `${directory}/${ROOT_DIRECTORY}`;
  return [
    `cd() { if [ $# -eq 0 ]; then command cd; return; fi; a=$1; ${rewriteArgument(mount, root)}; command cd "$a"; }`,
    // The process's directory is made by mkdtemp: no character in it needs quoting in a pattern.
    `pwd() { case $PWD in ${root}*) echo "${mount}\${PWD#${root}}" ;; *) command pwd ;; esac; }`,
    '',
  ].join('\n');
}

/** The files of the node's root under the process's directory, with the $ENV file. */
export function hostRootLayout(directory: string, mount: string, files: Readonly<Record<string, string>>): Record<string, string> {
  const layout: Record<string, string> = { '.shrc': hostRootShellFunctions(directory, mount) };
  for (const [path, content] of Object.entries(files)) layout[`${ROOT_DIRECTORY}/${path}`] = content;
  return layout;
}
