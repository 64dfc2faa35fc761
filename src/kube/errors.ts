import { waitText } from '../model/duration.js';

export type KubeErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'invalid'
  | 'expired'
  | 'timeout'
  | 'tls'
  | 'throttled'
  | 'stalled'
  | 'credentials'
  | 'other';

export interface KubeErrorDescription {
  /** One line, meant for a person. */
  message: string;
  kind: KubeErrorKind;
  /** HTTP status code, when the server answered. */
  status?: number;
}

export interface KubeErrorContext {
  server?: string;
  /** What was being done, as a verb phrase: "list pods in lab". */
  what?: string;
  /** Kubeconfig user and context, named in the 401 hint. */
  user?: string;
  context?: string;
}

/** The parts of a metav1.Status that matter here. */
export interface KubeStatus {
  code?: number;
  message?: string;
  reason?: string;
}

/**
 * Turns whatever a Kubernetes call threw into one line a person understands: client-node's
 * ApiException (code + Status body as a JSON string), the Watch class's Error with statusCode,
 * a Status object (watch ERROR event), node-fetch's FetchError with a system code, TLS failures.
 */
export function describeKubeError(err: unknown, ctx: KubeErrorContext = {}): KubeErrorDescription {
  const status = httpStatusOf(err);
  if (status !== undefined) return describeStatus(status, statusBodyOf(err), ctx);

  if (isNamed(err, 'StalledError') && isObject(err) && typeof err.silentMs === 'number') {
    return { kind: 'stalled', message: `${where(ctx)}: ${noAnswerFor(err.silentMs)}` };
  }
  if (isNamed(err, 'CredentialError')) return { kind: 'credentials', message: firstLine(err) };
  const code = systemCodeOf(err);
  if (code !== undefined) {
    const network = describeNetworkCode(code, ctx);
    if (network) return network;
  }
  if (isNamed(err, 'AbortError') || isNamed(err, 'TimeoutError') || hasProperty(err, 'type', 'request-timeout')) {
    return { kind: 'timeout', message: `${where(ctx)}: the request timed out` };
  }
  const text = firstLine(err);
  return { kind: 'other', message: ctx.what ? `cannot ${ctx.what}: ${text}` : text };
}

function describeStatus(code: number, body: KubeStatus | undefined, ctx: KubeErrorContext): KubeErrorDescription {
  const serverMessage = body?.message?.trim() || undefined;
  const failed = (detail: string) => (ctx.what ? `cannot ${ctx.what}: ${detail}` : detail);
  switch (code) {
    case 401:
      return { kind: 'unauthorized', status: code, message: `the server refused the credentials (401 Unauthorized) — ${credentialsHint(ctx)}` };
    case 403:
      return { kind: 'forbidden', status: code, message: serverMessage ?? failed('forbidden (403)') };
    case 404:
      return { kind: 'notFound', status: code, message: serverMessage ?? failed('not found (404)') };
    case 410:
      return { kind: 'expired', status: code, message: serverMessage ?? failed('resource version expired (410)') };
    case 400:
    case 422:
      return { kind: 'invalid', status: code, message: serverMessage ?? failed(`the server rejected the request (${code})`) };
    case 429:
      return { kind: 'throttled', status: code, message: serverMessage ?? failed('the server is throttling requests (429 Too Many Requests)') };
    case 504:
      return { kind: 'timeout', status: code, message: serverMessage ?? failed('the server timed out (504)') };
    default: {
      const detail = serverMessage ? `${serverMessage} (${code})` : `the server answered ${code}`;
      return { kind: 'other', status: code, message: failed(detail) };
    }
  }
}

function credentialsHint(ctx: KubeErrorContext): string {
  if (ctx.user && ctx.context) return `check the user "${ctx.user}" in context "${ctx.context}"`;
  if (ctx.context) return `check the user of context "${ctx.context}"`;
  return 'check the user in your kubeconfig';
}

const unreachableReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed',
};

const tlsReasons: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed and not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is signed by an unknown authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's certificate is signed by an unknown authority",
  UNABLE_TO_GET_ISSUER_CERT: "the server's certificate is signed by an unknown authority",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is signed by an unknown authority",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is not valid for this host name",
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
  EPROTO: 'TLS handshake failed (is the server really https?)',
};

function describeNetworkCode(code: string, ctx: KubeErrorContext): KubeErrorDescription | undefined {
  const unreachable = unreachableReasons[code];
  if (unreachable) return { kind: 'unreachable', message: `${where(ctx)}: ${unreachable}` };
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { kind: 'timeout', message: `${where(ctx)}: connection timed out` };
  }
  const tls = tlsReasons[code] ?? (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') ? `TLS error ${code}` : undefined);
  if (tls) {
    const server = ctx.server ? ` ${ctx.server}` : '';
    return { kind: 'tls', message: `cannot connect securely to${server}: ${tls} (check certificate-authority in the kubeconfig)` };
  }
  return undefined;
}

function where(ctx: KubeErrorContext): string {
  return ctx.server ? `cannot reach ${ctx.server}` : 'cannot reach the API server';
}

function httpStatusOf(err: unknown): number | undefined {
  if (!isObject(err)) return undefined;
  // ApiException.code, the Watch class's statusCode, or a Status object's code (watch ERROR event).
  for (const key of ['statusCode', 'code'] as const) {
    const value = err[key];
    if (typeof value === 'number' && value >= 100 && value < 600) return value;
  }
  return undefined;
}

function statusBodyOf(err: unknown): KubeStatus | undefined {
  if (!isObject(err)) return undefined;
  if (err.kind === 'Status') return asStatus(err);
  const body = typeof err.body === 'string' ? parseBody(err.body) : err.body;
  return isObject(body) ? asStatus(body) : undefined;
}

/** A Status as JSON, or (from proxies and load balancers) plain text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.trim() ? { message: firstLine(text) } : undefined;
  }
}

function asStatus(value: Record<string, unknown>): KubeStatus {
  return {
    code: typeof value.code === 'number' ? value.code : undefined,
    message: typeof value.message === 'string' ? value.message : undefined,
    reason: typeof value.reason === 'string' ? value.reason : undefined,
  };
}

/** node-fetch's FetchError carries the system code itself; undici and others put it on `cause`. */
function systemCodeOf(err: unknown): string | undefined {
  for (let current: unknown = err, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
    if (typeof current.code === 'string') return current.code;
    if (typeof current.errno === 'string') return current.errno;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isNamed(err: unknown, name: string): boolean {
  return isObject(err) && err.name === name;
}

function hasProperty(err: unknown, key: string, value: unknown): boolean {
  return isObject(err) && err[key] === value;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return message?.split('\n')[0]?.trim() || 'unknown error';
}

// Wording of the stores' and the credentials' own messages, kept together (one place to change).

export function noAnswerFor(ms: number): string {
  return `no answer for ${waitText(ms)}`;
}

/** A watch event or list item that is not an object of the kind asked for (left out, then a relist). */
export function rejectedObjectMessage(kind: string, problem: string): string {
  return `the server sent a ${kind} that does not decode (${problem}); listing again`;
}

/** A line of the watch stream that is not a watch event at all. */
export function undecodableWatchMessage(problem: string): string {
  return `${problem}; listing again`;
}

/** The server ended a watch right after accepting it, with nothing in it. */
export function shortWatchMessage(ms: number): string {
  return `the server ended the watch after ${ms < 1000 ? `${ms} ms` : waitText(ms)}`;
}

export function credentialPluginMessage(
  problem: 'timeout' | 'notFound' | 'failed' | 'badOutput',
  details: { command: string; user: string; seconds?: number; exitCode?: number | null; stderr?: string; hint?: string },
): string {
  const plugin = `the credential plugin "${details.command}" of user "${details.user}"`;
  switch (problem) {
    case 'timeout':
      return `${plugin} did not answer within ${details.seconds ?? 0} s (is it waiting for input?)`;
    case 'notFound':
      return `${plugin} was not found${details.hint ? `: ${details.hint}` : ''}`;
    case 'failed':
      return `${plugin} failed${details.exitCode !== undefined && details.exitCode !== null ? ` (exit ${details.exitCode})` : ''}${details.stderr ? `: ${details.stderr}` : ''}`;
    case 'badOutput':
      return `${plugin} printed something that is not an ExecCredential${details.stderr ? ` (${details.stderr})` : ''}`;
  }
}

export function tokenFileMessage(path: string, reason: string): string {
  return `cannot read the token file ${path}: ${reason}`;
}

/** A one-shot request waits before it is sent again (the CLI prints this on stderr). */
export function retryNoticeMessage(notice: { status: number; waitMs: number; attempt: number; maxRetries: number }): string {
  const why = notice.status === 429 ? 'the server is throttling requests (429)' : `the server is unavailable (${notice.status})`;
  return `${why}; retrying in ${waitText(notice.waitMs)} (${notice.attempt}/${notice.maxRetries})`;
}
