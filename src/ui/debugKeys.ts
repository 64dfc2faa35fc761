import type { Pod } from '../model/apiObjects.js';
import { podTree, type ContainerView } from '../model/containerTree.js';
import { defaultContainerName } from '../model/containers.js';
import type { Command } from './keymap.js';
import type { DebugPermissions } from './services.js';

/** Whether a key is offered: not at all (readonly), disabled with the reason, or usable. */
export type KeyAvailability = { kind: 'hidden' } | { kind: 'disabled'; reason: string } | { kind: 'enabled' };

export type KeyAvailabilityMap = Partial<Record<Command, KeyAvailability>>;

const HIDDEN: KeyAvailability = { kind: 'hidden' };
const ENABLED: KeyAvailability = { kind: 'enabled' };

export function podHasStopped(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The container a tree line belongs to (`container/web/state` → web), if any. */
export function containerOfTreeLine(id: string | null | undefined): string | undefined {
  const match = /^container\/([^/]+)/.exec(id ?? '');
  return match?.[1];
}

export function containerViews(pod: Pod, now: Date): ContainerView[] {
  return podTree(pod, now).containers;
}

/** Containers a debugger may share a process namespace with: app containers and sidecars. */
export function debugTargets(pod: Pod): string[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name);
  return [...(pod.spec?.containers ?? []).map((c) => c.name), ...sidecars];
}

/** The target `d` proposes: the selected container (an ephemeral one's own target), else the default container. */
export function proposedTarget(pod: Pod, selected: ContainerView | undefined): string | undefined {
  if (selected?.kind === 'ephemeral') return selected.targetContainerName ?? defaultContainerName(pod);
  if (selected !== undefined && debugTargets(pod).includes(selected.name)) return selected.name;
  return defaultContainerName(pod);
}

/**
 * What `a` does on the pod table: attach to the newest *running* debug container; only when none
 * runs, show the log of the newest one that exited (`starting`: a newer one that has not run yet,
 * worth naming); with neither, say why the newest cannot be attached.
 */
export type AttachChoice =
  | { kind: 'attach'; container: ContainerView }
  | { kind: 'logs'; container: ContainerView; starting?: ContainerView }
  | { kind: 'unattachable'; container: ContainerView }
  | { kind: 'none' };

export function attachChoice(views: readonly ContainerView[]): AttachChoice {
  const newestFirst = views.filter((v) => v.kind === 'ephemeral').reverse();
  const running = newestFirst.find((v) => v.state.kind === 'running');
  if (running !== undefined) return { kind: 'attach', container: running };
  const exited = newestFirst.find((v) => v.state.kind === 'terminated');
  const newest = newestFirst[0];
  if (exited !== undefined) return exited === newest || newest === undefined ? { kind: 'logs', container: exited } : { kind: 'logs', container: exited, starting: newest };
  return newest === undefined ? { kind: 'none' } : { kind: 'unattachable', container: newest };
}

function forbidden(permission: { allowed: boolean; reason?: string } | undefined, what: string): KeyAvailability {
  if (permission === undefined || permission.allowed) return ENABLED;
  return { kind: 'disabled', reason: `forbidden: ${permission.reason ?? `cannot ${what}`}` };
}

/** A stopped pod is debugged in a copy (d opens the form in copy mode): that takes creating a pod and attaching to it. */
function copyDebug(permissions: DebugPermissions | undefined): KeyAvailability {
  const create = forbidden(permissions?.copy, 'create pods');
  return create.kind === 'enabled' ? forbidden(permissions?.attach, 'create pods/attach') : create;
}

export interface KeyContext {
  /** services.debug is there (absent with --readonly). */
  canChange: boolean;
  /** services.logs is there. */
  canReadLogs: boolean;
  pod: Pod | undefined;
  /** undefined while the access review has not answered: the action then reports the server's refusal itself. */
  permissions: DebugPermissions | undefined;
}

/** What the debug, attach, shell and log keys can do for the selected pod, and why not. */
export function keyAvailability(context: KeyContext): KeyAvailabilityMap {
  const logs = context.canReadLogs ? ENABLED : HIDDEN;
  if (!context.canChange) return { 'debug.open': HIDDEN, 'debug.attach': HIDDEN, 'debug.node': HIDDEN, 'shell.open': HIDDEN, 'logs.open': logs };
  const { pod, permissions } = context;
  const debug = pod !== undefined && podHasStopped(pod) ? copyDebug(permissions) : forbidden(permissions?.debug, 'patch pods/ephemeralcontainers');
  let shell = forbidden(permissions?.exec, 'create pods/exec');
  if (shell.kind === 'enabled' && pod !== undefined && podHasStopped(pod)) shell = { kind: 'disabled', reason: 'the pod has stopped' };
  return { 'debug.open': debug, 'debug.attach': forbidden(permissions?.attach, 'create pods/attach'), 'debug.node': nodeDebug(pod, permissions), 'shell.open': shell, 'logs.open': logs };
}

/** N debugs the pod's node from a pod of its own: the pod must be on a node, and that pod must be allowed. */
function nodeDebug(pod: Pod | undefined, permissions: DebugPermissions | undefined): KeyAvailability {
  if (pod !== undefined && (pod.spec?.nodeName ?? '') === '') return { kind: 'disabled', reason: 'the pod is not on a node yet' };
  return copyDebug(permissions);
}
