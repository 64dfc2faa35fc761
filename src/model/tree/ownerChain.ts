import type { Pod } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { clean, cleanName, p } from '../printable.js';
import { dim, key, value } from './nodes.js';

/** An owner reference as the chain needs it. */
export interface OwnerRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

/**
 * What reading an owner object (a ReplicaSet, a Job) told about its own owner: its controller
 * (none at the top), or why it could not be read. `pending`: asked, no answer yet.
 */
export type OwnerAnswer =
  | { kind: 'read'; owner: OwnerRef | undefined }
  | { kind: 'pending' }
  | { kind: 'forbidden' }
  | { kind: 'notFound' }
  | { kind: 'failed'; reason: string };

/**
 * Answers for the owners of `ref` in `namespace`; undefined for kinds whose owners are not looked
 * up (a Deployment, a CronJob, a StatefulSet: the chain ends there).
 */
export type OwnerLookup = (namespace: string, ref: OwnerRef) => OwnerAnswer | undefined;

/** The kinds whose owner is worth a read: a ReplicaSet's Deployment, a Job's CronJob. */
export const OWNER_KINDS_READ: Readonly<Record<string, { group: string; resource: string }>> = {
  ReplicaSet: { group: 'apps/v1', resource: 'replicasets' },
  Job: { group: 'batch/v1', resource: 'jobs' },
};

/** The controller among owner references (the first one when none is marked). */
export function controllerOf(refs: readonly { kind: string; name: string; apiVersion?: string; controller?: boolean | null }[] | undefined | null): OwnerRef | undefined {
  const list = refs ?? [];
  const found = list.find((r) => r.controller === true) ?? list[0];
  return found === undefined ? undefined : { kind: found.kind, name: found.name, ...(found.apiVersion ? { apiVersion: found.apiVersion } : {}) };
}

/** Bounds a chain of owners that name each other (a broken or hostile cluster). */
const MAX_LINKS = 4;

export interface OwnerChain {
  links: OwnerRef[];
  /** Why the chain may go on further than the links show. */
  unknown?: Exclude<OwnerAnswer, { kind: 'read' }>;
}

/** The pod's controller, its controller, and so on, as far as the lookups know. */
export function ownerChain(pod: Pod, lookup: OwnerLookup | undefined): OwnerChain | undefined {
  const first = controllerOf(pod.metadata?.ownerReferences);
  if (first === undefined) return undefined;
  const namespace = pod.metadata?.namespace ?? '';
  const links: OwnerRef[] = [first];
  let current = first;
  while (links.length < MAX_LINKS && lookup !== undefined) {
    const answer = lookup(namespace, current);
    if (answer === undefined) break;
    if (answer.kind !== 'read') return { links, unknown: answer };
    if (answer.owner === undefined) break;
    links.push(answer.owner);
    current = answer.owner;
  }
  return { links };
}

const UNKNOWN_TEXT = {
  pending: p`→ …`,
  forbidden: p`(its owner: not readable, forbidden)`,
  notFound: p`(not found: deleted?)`,
} as const;

/** `owner ReplicaSet web-7d9f → Deployment web`; undefined for a pod nothing owns. */
export function ownerNode(pod: Pod, lookup: OwnerLookup | undefined): TreeNode | undefined {
  const chain = ownerChain(pod, lookup);
  if (chain === undefined) return undefined;
  const parts: LabelPart[] = [key(p`owner`)];
  chain.links.forEach((link, i) => {
    if (i > 0) parts.push(dim(p`→`));
    parts.push(dim(cleanName(link.kind)), value(cleanName(link.name)));
  });
  const unknown = chain.unknown;
  if (unknown !== undefined) {
    if (unknown.kind === 'failed') parts.push({ text: p`(its owner: not read, ${clean(unknown.reason)})`, role: 'dim', severity: 'warning' });
    else parts.push({ text: UNKNOWN_TEXT[unknown.kind], role: 'dim' });
  }
  return { id: 'pod/owner', kind: 'detail', label: parts, severity: 'muted', children: [] };
}
