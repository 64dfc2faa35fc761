import { timingSafeEqual } from 'node:crypto';

/** One grant, like an RBAC PolicyRule bound to the user (namespaces omitted = cluster-wide). */
export interface AccessRule {
  verbs: readonly string[] | '*';
  /** Resource names with optional subresource, e.g. 'pods', 'pods/log', 'namespaces'. */
  resources: readonly string[] | '*';
  namespaces?: readonly string[];
}

export interface DemoUser {
  token: string;
  name: string;
  rules: readonly AccessRule[];
}

export interface UserInfo {
  name: string;
  rules: readonly AccessRule[];
}

/** What a request wants to do, as kube-apiserver's authorizer sees it (core API group only). */
export interface ResourceAttributes {
  verb: string;
  resource: string;
  subresource?: string;
  /** Empty or absent for cluster-scoped requests and lists across all namespaces. */
  namespace?: string;
  name?: string;
  /** API group; '' for core. */
  group?: string;
}

export const anonymousUser: UserInfo = { name: 'system:anonymous', rules: [] };

export const allowEverything: readonly AccessRule[] = [{ verbs: '*', resources: '*' }];

/** Like Kubernetes' `view` ClusterRole for what the demo serves: look at everything, change nothing, no shells, no port-forward. */
export const viewOnly: readonly AccessRule[] = [{ verbs: ['get', 'list', 'watch'], resources: ['pods', 'pods/log', 'pods/status', 'namespaces', 'events'] }];

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export type Authentication = { kind: 'user'; user: UserInfo } | { kind: 'anonymous' } | { kind: 'rejected' };

/**
 * Bearer-token authentication: a known token names a user, no Authorization header is the
 * anonymous user (kube-apiserver with anonymous auth enabled), anything else is rejected (401).
 */
export function authenticate(users: readonly DemoUser[], authorization: string | undefined): Authentication {
  if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match === null) return { kind: 'rejected' };
  const token = match[1] ?? '';
  const user = users.find((candidate) => tokensEqual(candidate.token, token));
  return user === undefined ? { kind: 'rejected' } : { kind: 'user', user: { name: user.name, rules: user.rules } };
}

function ruleAllows(rule: AccessRule, attributes: ResourceAttributes): boolean {
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const verbOk = rule.verbs === '*' || rule.verbs.includes('*') || rule.verbs.includes(attributes.verb);
  const resourceOk = rule.resources === '*' || rule.resources.includes('*') || rule.resources.includes(resource);
  if (!verbOk || !resourceOk) return false;
  if (rule.namespaces === undefined) return true;
  // Like a RoleBinding: namespaced grants never cover cluster-scoped or all-namespace requests.
  return attributes.namespace !== undefined && attributes.namespace !== '' && rule.namespaces.includes(attributes.namespace);
}

export function isAllowed(user: UserInfo, attributes: ResourceAttributes): boolean {
  return user.rules.some((rule) => ruleAllows(rule, attributes));
}

/** kube-apiserver's Forbidden message, e.g. `pods "web" is forbidden: User "jane" cannot patch resource "pods/ephemeralcontainers" in API group "" in the namespace "lab"`. */
export function forbiddenMessage(user: UserInfo, attributes: ResourceAttributes): string {
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const subject = attributes.name ? `${attributes.resource} "${attributes.name}"` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group ?? ''}" ${scope}`;
}
