/** How a stream ended, read from the Status on channel 3. */
export type StreamStatus = { exitCode: number } | { error: string };

/**
 * `{"status":"Success"}` is exit 0; `Failure` with reason NonZeroExitCode carries the code in the
 * ExitCode cause; any other Failure (the runtime could not start the command…) is an error message.
 */
export function parseStreamStatus(text: string): StreamStatus {
  let status: unknown;
  try {
    status = JSON.parse(text);
  } catch {
    return { error: text.trim() || 'the server ended the stream with an unreadable status' };
  }
  if (!isObject(status)) return { error: 'the server ended the stream with an unreadable status' };
  if (status['status'] === 'Success') return { exitCode: 0 };
  const details = isObject(status['details']) ? status['details'] : {};
  const causes = Array.isArray(details['causes']) ? details['causes'].filter(isObject) : [];
  if (status['reason'] === 'NonZeroExitCode') {
    const cause = causes.find((c) => c['reason'] === 'ExitCode');
    const code = Number.parseInt(typeof cause?.['message'] === 'string' ? cause['message'] : '', 10);
    if (Number.isInteger(code)) return { exitCode: code };
  }
  const message = typeof status['message'] === 'string' && status['message'].trim() ? status['message'].trim() : 'the command failed';
  return { error: message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
