import { describeKubeError, type KubeErrorContext } from '../errors.js';
import type { CopyOutcome } from './copyPod.js';

export type DebugErrorKind =
  | 'podFinished'
  | 'notEnabled'
  | 'notFound'
  | 'invalid'
  | 'forbidden'
  | 'pullFailed'
  | 'terminated'
  | 'timeout'
  | 'aborted'
  | 'streamRefused'
  | 'other';

export interface DebugErrorDetails {
  status?: number;
  copyToSuggested?: boolean;
  container?: string;
  /**
   * The container was left starting in this pod (a wait that timed out or was stopped); the message
   * ends by saying it can be attached later. `problem` is the message without that ending.
   */
  stays?: { pod: string; problem: string };
  /** The launch ran in a copy of a stopped pod: what became of the copy. */
  copy?: CopyOutcome;
}

/** A debug step failed; `message` is the one line to show. */
export class DebugError extends Error {
  override readonly name = 'DebugError';
  constructor(
    message: string,
    readonly kind: DebugErrorKind,
    readonly extra: DebugErrorDetails = {},
  ) {
    super(message);
  }

  /** The pod cannot run new containers: `kubectl debug --copy-to` (a copy of the pod) is the way out. */
  get copyToSuggested(): boolean {
    return this.extra.copyToSuggested === true;
  }

  /** What went wrong, without what the failure left behind. */
  get problem(): string {
    return this.extra.stays?.problem ?? this.message;
  }

  /** A copy was to be deleted and could not be: someone has to delete it by hand. */
  get copyLeftBehind(): boolean {
    const copy = this.extra.copy;
    return copy !== undefined && !copy.deleted && copy.error !== undefined;
  }
}

/** The Status body client-node's ApiException carries (a JSON string or an object). */
export function statusBody(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== 'object' || error === null || !('body' in error)) return undefined;
  let body: unknown = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
}

export function statusCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'number' ? error.code : undefined;
}

/** describeKubeError as a DebugError of the matching kind. */
export function asDebugError(error: unknown, context: KubeErrorContext): DebugError {
  if (error instanceof DebugError) return error;
  const problem = describeKubeError(error, context);
  const kind: DebugErrorKind =
    problem.kind === 'forbidden' ? 'forbidden' : problem.kind === 'notFound' ? 'notFound' : problem.kind === 'invalid' ? 'invalid' : problem.kind === 'timeout' ? 'timeout' : 'other';
  return new DebugError(problem.message, kind, { status: problem.status });
}
