import type { KubeConfig } from '@kubernetes/client-node';
import { describeKubeError } from '../errors.js';
import { requestJson } from '../rawRequest.js';

export interface AccessQuestion {
  namespace: string;
  verb: string;
  resource: string;
  subresource?: string;
  /** API group; '' (core) when omitted. */
  group?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  /** The authorizer's reason, or why the review itself failed. */
  reason?: string;
}

/** The parts of a ClusterSession an access check needs. */
export interface AccessSession {
  kubeConfig: KubeConfig;
  /** Parsed as major.minor to pick the checks a server version performs (e.g. "v1.31.2"). */
  serverVersion?: string;
}

export const ACCESS_CACHE_TTL_MS = 5 * 60_000;

interface CacheEntry {
  expires: number;
  answer: Promise<AccessAnswer>;
}

// Keyed by the KubeConfig object: a session talks to one server as one user.
const caches = new WeakMap<KubeConfig, Map<string, CacheEntry>>();

function cacheKey(question: AccessQuestion): string {
  return [question.namespace, question.verb, question.group ?? '', question.resource, question.subresource ?? ''].join('\u0000');
}

/**
 * `kubectl auth can-i` for one namespaced action, as a SelfSubjectAccessReview. Answers are cached
 * for five minutes per session and question; a failed review is not cached and answers not allowed
 * with the failure as reason (the action itself will then fail with the server's own message).
 */
export function canI(session: AccessSession, question: AccessQuestion, now: () => number = Date.now): Promise<AccessAnswer> {
  let cache = caches.get(session.kubeConfig);
  if (cache === undefined) {
    cache = new Map();
    caches.set(session.kubeConfig, cache);
  }
  const key = cacheKey(question);
  const cached = cache.get(key);
  if (cached !== undefined && cached.expires > now()) return cached.answer;

  const answer = review(session.kubeConfig, question);
  const entry: CacheEntry = { expires: now() + ACCESS_CACHE_TTL_MS, answer };
  cache.set(key, entry);
  answer.then(
    (result) => {
      if (result.reason?.startsWith('cannot check access:') && cache.get(key) === entry) cache.delete(key);
    },
    () => cache.delete(key),
  );
  return answer;
}

/** Forgets every cached answer of this session (e.g. after the user switched RBAC roles). */
export function forgetAccess(session: AccessSession): void {
  caches.delete(session.kubeConfig);
}

/** The review's answer, as the server sent it (a raw request: no typed client at start-up). */
interface ReviewStatus {
  allowed?: unknown;
  denied?: unknown;
  reason?: unknown;
  evaluationError?: unknown;
}

async function review(kubeConfig: KubeConfig, question: AccessQuestion): Promise<AccessAnswer> {
  const resourceAttributes: Record<string, string> = { namespace: question.namespace, verb: question.verb, resource: question.resource };
  if (question.group) resourceAttributes.group = question.group;
  if (question.subresource) resourceAttributes.subresource = question.subresource;
  try {
    const result = await requestJson(kubeConfig, {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
      // A question, not a change: asking twice is harmless.
      repeatable: true,
    });
    const status: ReviewStatus = isRecord(result) && isRecord(result.status) ? result.status : {};
    const allowed = status.allowed === true && status.denied !== true;
    const reason = text(status.reason) || text(status.evaluationError) || undefined;
    return reason === undefined ? { allowed } : { allowed, reason };
  } catch (error) {
    return { allowed: false, reason: `cannot check access: ${describeKubeError(error).message}` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export interface DebugPermissions {
  /** patch pods/ephemeralcontainers: add a debug container. */
  addEphemeral: AccessAnswer;
  /** Attach over WebSocket (see attachChecks). */
  attach: AccessAnswer;
  /** Exec over WebSocket (see attachChecks). */
  exec: AccessAnswer;
  /** create pods: debug a copy of a pod that has stopped (kubectl debug --copy-to). */
  createPod: AccessAnswer;
}

/**
 * kube-apiserver authorizes a WebSocket upgrade (an HTTP GET) with verb `get`; from 1.30 on it also
 * requires `create` (AuthorizePodWebsocketUpgradeCreatePermission), the verb kubectl's docs and the
 * SPDY (POST) path use. So `get` always, plus `create` on servers that check it.
 */
export function streamVerbs(serverVersion: string | undefined): string[] {
  const match = /^v?(\d+)\.(\d+)/.exec(serverVersion ?? '');
  const minor = match && match[1] === '1' ? Number(match[2]) : undefined;
  return minor !== undefined && minor < 30 ? ['get'] : ['get', 'create'];
}

async function allOf(session: AccessSession, namespace: string, subresource: string, verbs: string[]): Promise<AccessAnswer> {
  const answers = await Promise.all(verbs.map((verb) => canI(session, { namespace, verb, resource: 'pods', subresource })));
  const refused = verbs.findIndex((_verb, index) => answers[index]?.allowed !== true);
  if (refused === -1) return { allowed: true };
  const answer = answers[refused];
  return { allowed: false, reason: answer?.reason ?? `cannot ${verbs[refused]} pods/${subresource} in namespace ${namespace}` };
}

/** What the debug actions need in `namespace`, checked in parallel (and cached). */
export async function debugPermissions(session: AccessSession, namespace: string): Promise<DebugPermissions> {
  const verbs = streamVerbs(session.serverVersion);
  const withReason = (what: string) => (answer: AccessAnswer): AccessAnswer =>
    answer.allowed || answer.reason ? answer : { allowed: false, reason: `cannot ${what} in namespace ${namespace}` };
  const [addEphemeral, attach, exec, createPod] = await Promise.all([
    canI(session, { namespace, verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers' }).then(withReason('patch pods/ephemeralcontainers')),
    allOf(session, namespace, 'attach', verbs),
    allOf(session, namespace, 'exec', verbs),
    canI(session, { namespace, verb: 'create', resource: 'pods' }).then(withReason('create pods')),
  ]);
  return { addEphemeral, attach, exec, createPod };
}

export interface PodActionPermissions {
  /** delete pods: the delete and kill keys. */
  deletePod: AccessAnswer;
  /** The port-forward WebSocket on pods/portforward (see streamVerbs). */
  portForward: AccessAnswer;
}

/** What the pod actions need in `namespace`, checked in parallel (and cached like the debug checks). */
export async function podActionPermissions(session: AccessSession, namespace: string): Promise<PodActionPermissions> {
  const [deletePod, portForward] = await Promise.all([
    canI(session, { namespace, verb: 'delete', resource: 'pods' }).then((answer) =>
      answer.allowed || answer.reason ? answer : { allowed: false, reason: `cannot delete pods in namespace ${namespace}` },
    ),
    allOf(session, namespace, 'portforward', streamVerbs(session.serverVersion)),
  ]);
  return { deletePod, portForward };
}
