import type { Container, Pod } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { cleanName, joinPrintable, p, type Printable } from '../printable.js';
import { leaf, value } from './nodes.js';

type ContainerSecurity = NonNullable<Container['securityContext']>;
type PodSecurity = NonNullable<NonNullable<Pod['spec']>['securityContext']>;

/** The settings both levels share, in their API field names (container settings override the pod's). */
function common(sc: ContainerSecurity | PodSecurity): Printable[] {
  const words: Printable[] = [];
  if (sc.runAsUser !== undefined && sc.runAsUser !== null) words.push(p`runAsUser=${sc.runAsUser}`);
  if (sc.runAsGroup !== undefined && sc.runAsGroup !== null) words.push(p`runAsGroup=${sc.runAsGroup}`);
  if (sc.runAsNonRoot === true) words.push(p`runAsNonRoot`);
  if (sc.runAsNonRoot === false) words.push(p`runAsNonRoot=false`);
  if (sc.seccompProfile?.type) {
    const local = sc.seccompProfile.localhostProfile ? p`:${cleanName(sc.seccompProfile.localhostProfile)}` : p``;
    words.push(p`seccomp=${cleanName(sc.seccompProfile.type)}${local}`);
  }
  if (sc.seLinuxOptions?.type) words.push(p`seLinux=${cleanName(sc.seLinuxOptions.type)}`);
  return words;
}

/** `security privileged allowPrivilegeEscalation=true capabilities +NET_ADMIN -ALL runAsUser=0`; undefined when nothing is set. */
export function containerSecurityNode(id: string, container: Container): TreeNode | undefined {
  const sc = container.securityContext;
  if (sc === undefined || sc === null) return undefined;
  const risky: Printable[] = [];
  const words: Printable[] = [];
  if (sc.privileged === true) risky.push(p`privileged`);
  if (sc.allowPrivilegeEscalation === true) risky.push(p`allowPrivilegeEscalation`);
  if (sc.allowPrivilegeEscalation === false) words.push(p`allowPrivilegeEscalation=false`);
  if (sc.readOnlyRootFilesystem === true) words.push(p`readOnlyRootFilesystem`);
  const add = (sc.capabilities?.add ?? []).map((c) => p`+${cleanName(c)}`);
  const drop = (sc.capabilities?.drop ?? []).map((c) => p`-${cleanName(c)}`);
  if (add.length + drop.length > 0) words.push(p`capabilities ${joinPrintable([...add, ...drop], p` `)}`);
  if (sc.procMount && sc.procMount !== 'Default') words.push(p`procMount=${cleanName(sc.procMount)}`);
  words.push(...common(sc));
  if (risky.length + words.length === 0) return undefined;
  const parts: LabelPart[] = [];
  if (risky.length > 0) parts.push({ text: joinPrintable(risky, p` `), role: 'value', severity: 'warning' });
  if (words.length > 0) parts.push(value(joinPrintable(words, p` `)));
  return leaf(`${id}/security`, p`security`, parts);
}

/** The pod's own securityContext (what its containers inherit) and host namespaces; undefined when none, as for most pods. */
export function podSecurityNode(pod: Pod): TreeNode | undefined {
  const sc: PodSecurity = pod.spec?.securityContext ?? {};
  const words = common(sc);
  if (sc.fsGroup !== undefined && sc.fsGroup !== null) words.push(p`fsGroup=${sc.fsGroup}`);
  if ((sc.supplementalGroups ?? []).length > 0) words.push(p`supplementalGroups=${joinPrintable((sc.supplementalGroups ?? []).map((g) => p`${g}`), p`,`)}`);
  for (const sysctl of sc.sysctls ?? []) words.push(p`sysctl ${cleanName(sysctl.name)}=${cleanName(sysctl.value)}`);
  const hostNamespaces: Printable[] = [];
  if (pod.spec?.hostNetwork === true) hostNamespaces.push(p`hostNetwork`);
  if (pod.spec?.hostPID === true) hostNamespaces.push(p`hostPID`);
  if (pod.spec?.hostIPC === true) hostNamespaces.push(p`hostIPC`);
  if (words.length + hostNamespaces.length === 0) return undefined;
  const parts: LabelPart[] = [];
  if (hostNamespaces.length > 0) parts.push({ text: joinPrintable(hostNamespaces, p` `), role: 'value', severity: 'warning' });
  if (words.length > 0) parts.push(value(joinPrintable(words, p` `)));
  return leaf('pod/security', p`security`, parts);
}
