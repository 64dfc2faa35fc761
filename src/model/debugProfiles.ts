import type { V1EphemeralContainer, V1SecurityContext } from '@kubernetes/client-node';

/**
 * `kubectl debug --profile` values. `general` is kubectl's default; `legacy` (deprecated upstream)
 * is what kubectl 1.24 sent and adds nothing.
 */
export const DEBUG_PROFILES = ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin', 'legacy'] as const;
export type DebugProfile = (typeof DEBUG_PROFILES)[number];
export const DEFAULT_DEBUG_PROFILE: DebugProfile = 'general';

export function isDebugProfile(value: string): value is DebugProfile {
  return (DEBUG_PROFILES as readonly string[]).includes(value);
}

/** One line per profile for help text and pickers. */
export const DEBUG_PROFILE_DESCRIPTIONS: Record<DebugProfile, string> = {
  general: 'adds SYS_PTRACE so the debugger can inspect the target’s processes',
  baseline: 'no extra privileges (fits the Pod Security "baseline" level)',
  restricted: 'non-root, all capabilities dropped, no privilege escalation, RuntimeDefault seccomp',
  netadmin: 'adds NET_ADMIN and NET_RAW for network debugging',
  sysadmin: 'privileged container',
  legacy: 'no security context (kubectl 1.23 behaviour, deprecated)',
};

/**
 * The securityContext kubectl's profile leaves on a freshly generated ephemeral container
 * (kubectl builds it without one, so "clear" and "add to" act on nothing). Undefined means none.
 */
export function profileSecurityContext(profile: DebugProfile): V1SecurityContext | undefined {
  switch (profile) {
    case 'legacy':
    case 'baseline':
      return undefined;
    case 'general':
      return { capabilities: { add: ['SYS_PTRACE'] } };
    case 'netadmin':
      return { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } };
    case 'sysadmin':
      return { privileged: true };
    case 'restricted':
      return {
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        allowPrivilegeEscalation: false,
        seccompProfile: { type: 'RuntimeDefault' },
      };
  }
}

export interface DebugContainerOptions {
  name: string;
  image: string;
  /** Always | IfNotPresent | Never; left to the server's default when omitted. */
  pullPolicy?: string;
  /** Replaces the image's ENTRYPOINT (kubectl's `-- cmd...`). */
  command?: string[];
  /** Replaces the image's CMD (kubectl's `--arguments-only`). */
  args?: string[];
  env?: Record<string, string>;
  /** Joins this container's process namespace (when the runtime supports it). */
  targetContainerName?: string;
  profile: DebugProfile;
  /** kubectl's -i; defaults to true. */
  stdin?: boolean;
  /** kubectl's -t; defaults to true. */
  tty?: boolean;
}

/**
 * The ephemeral container `kubectl debug POD --image=... [-it] [--target=...] --profile=...` adds.
 * Ephemeral containers may not set ports, probes or resources (the API answers 422), so none are.
 */
export function debugContainerSpec(options: DebugContainerOptions): V1EphemeralContainer {
  const container: V1EphemeralContainer = {
    name: options.name,
    image: options.image,
    terminationMessagePolicy: 'File',
  };
  if (options.pullPolicy) container.imagePullPolicy = options.pullPolicy;
  if (options.command && options.command.length > 0) container.command = [...options.command];
  if (options.args && options.args.length > 0) container.args = [...options.args];
  const env = Object.entries(options.env ?? {});
  if (env.length > 0) container.env = env.map(([name, value]) => ({ name, value }));
  const stdin = options.stdin ?? true;
  const tty = options.tty ?? true;
  if (tty && !stdin) throw new Error('a TTY needs stdin (kubectl: -i/--stdin is required for containers with -t/--tty=true)');
  if (stdin) container.stdin = true;
  if (tty) container.tty = true;
  if (options.targetContainerName) container.targetContainerName = options.targetContainerName;
  const securityContext = profileSecurityContext(options.profile);
  if (securityContext) container.securityContext = securityContext;
  return container;
}

/**
 * Body of the strategic-merge PATCH to `pods/{name}/ephemeralcontainers`: the list merges by
 * name, so sending only the new container adds it.
 */
export function ephemeralContainerPatch(container: V1EphemeralContainer): { spec: { ephemeralContainers: V1EphemeralContainer[] } } {
  return { spec: { ephemeralContainers: [container] } };
}
