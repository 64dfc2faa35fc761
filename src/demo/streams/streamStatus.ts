import { randomBytes } from 'node:crypto';

/** How an exec or attach stream ended, as written on channel 3. */
export interface StreamOutcome {
  /** The v4 protocols' Status object. */
  status: Record<string, unknown>;
  /** What the older protocols write on channel 3 (nothing on success). */
  errorText: string | undefined;
}

/** Go's encoding/json escapes <, > and & in strings; kube-apiserver's bodies carry them as \u003c, \u003e, \u0026. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function successOutcome(): StreamOutcome {
  return { status: { metadata: {}, status: 'Success' }, errorText: undefined };
}

/** A command that exited non-zero: `command terminated with non-zero exit code: …` with the code as the cause. */
export function exitCodeOutcome(command: readonly string[], code: number): StreamOutcome {
  if (code === 0) return successOutcome();
  const message = `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`;
  return {
    status: { metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } },
    errorText: message,
  };
}

/** What containerd answers when the command's executable is not in the image (distroless, pause). */
export function executableNotFoundOutcome(executable: string): StreamOutcome {
  const execId = randomBytes(32).toString('hex');
  const cause = `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${executable}": executable file not found in $PATH: unknown`;
  const message = `Internal error occurred: ${cause}`;
  return {
    status: { metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message: cause }] }, code: 500 },
    errorText: cause,
  };
}
