import { describe, expect, it } from 'vitest';
import { DEBUG_PROFILES } from '../../src/model/debugProfiles.js';
import { nodeDebugPod, nodeDebugPodName, nodeReach, nodeReachText } from '../../src/model/nodeDebugPod.js';

/*
 * What kubectl's generateNodeDebugPod (pkg/cmd/debug/debug.go) builds for
 * `kubectl debug node/node-a --image=busybox:1.36 -it`, before the profile (profiles.go) applies:
 * metadata.name node-debugger-<node>-<rand.String(5)>, the label app.kubernetes.io/managed-by:
 * kubectl-debug, one container "debugger" (image, stdin, tty, terminationMessagePolicy File),
 * nodeName, restartPolicy Never, one toleration {operator: Exists}.
 */
const kubectlBase = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'node-debugger-node-a-bcdfg', labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
  spec: {
    containers: [{ name: 'debugger', image: 'busybox:1.36', stdin: true, tty: true, terminationMessagePolicy: 'File' }],
    nodeName: 'node-a',
    restartPolicy: 'Never',
    tolerations: [{ operator: 'Exists' }],
  },
};
const hostNamespaces = { hostNetwork: true, hostPID: true, hostIPC: true };
// mountRootPartition: the volume "host-root" (hostPath /) mounted at /host in the debugger.
const hostRoot = { volumes: [{ name: 'host-root', hostPath: { path: '/' } }] };
const hostRootMount = { volumeMounts: [{ name: 'host-root', mountPath: '/host' }] };

function expected(spec: object, container: object): object {
  return { ...kubectlBase, spec: { ...kubectlBase.spec, ...spec, containers: [{ ...kubectlBase.spec.containers[0], ...container }] } };
}

const build = (profile: (typeof DEBUG_PROFILES)[number]) => nodeDebugPod({ node: 'node-a', name: 'node-debugger-node-a-bcdfg', image: 'busybox:1.36', profile });

describe('the node debug pod, field by field as kubectl builds it', () => {
  it('general (kubectl\'s default): host namespaces, / at /host, the securityContext cleared', () => {
    expect(build('general')).toEqual(expected({ ...hostRoot, ...hostNamespaces }, hostRootMount));
  });

  it('legacy: host namespaces and / at /host, no securityContext', () => {
    expect(build('legacy')).toEqual(expected({ ...hostRoot, ...hostNamespaces }, hostRootMount));
  });

  it('sysadmin: privileged, host namespaces, / at /host', () => {
    expect(build('sysadmin')).toEqual(expected({ ...hostRoot, ...hostNamespaces }, { ...hostRootMount, securityContext: { privileged: true } }));
  });

  it('netadmin: NET_ADMIN and NET_RAW in the host namespaces, but no /host', () => {
    expect(build('netadmin')).toEqual(expected(hostNamespaces, { securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } }));
  });

  it('baseline: nothing of the host (a plain pod on the node)', () => {
    expect(build('baseline')).toEqual(expected({}, {}));
  });

  it('restricted: non-root, no capabilities, no escalation, RuntimeDefault seccomp, nothing of the host', () => {
    expect(build('restricted')).toEqual(
      expected({}, { securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } } }),
    );
  });

  it('takes the command after -- and the pull policy; -i without -t; refuses -t without -i', () => {
    const pod = nodeDebugPod({ node: 'n', name: 'x', image: 'alpine', profile: 'general', command: ['chroot', '/host'], pullPolicy: 'Always', tty: false });
    expect(pod.spec?.containers[0]).toMatchObject({ command: ['chroot', '/host'], imagePullPolicy: 'Always', stdin: true });
    expect(pod.spec?.containers[0]?.tty).toBeUndefined();
    expect(() => nodeDebugPod({ node: 'n', name: 'x', image: 'alpine', profile: 'general', stdin: false })).toThrow(/-i\/--stdin is required/);
  });

  it('names the pod node-debugger-NODE-xxxxx with rand.String\'s alphabet', () => {
    let i = 0;
    const random = (): number => [0, 0.999, 0.5, 0.2, 0.7][i++ % 5] ?? 0;
    expect(nodeDebugPodName('node-a', random)).toBe('node-debugger-node-a-b9rhx');
    expect(nodeDebugPodName('ip-10-0-1-2.ec2.internal', Math.random)).toMatch(/^node-debugger-ip-10-0-1-2\.ec2\.internal-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('says for every profile what the debugger will see of the node', () => {
    for (const profile of DEBUG_PROFILES) {
      const reach = nodeReach(profile);
      const text = nodeReachText(profile);
      expect(text.includes('no /host')).toBe(!reach.hostRoot);
      expect(text.startsWith('host PID')).toBe(reach.hostNamespaces);
    }
  });
});
