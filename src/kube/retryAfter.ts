/** Longer waits are not believed: a Retry-After of an hour is a broken proxy, not a plan. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait a 429 or 5xx answer asks for (`Retry-After: 5` or an HTTP date), capped at 60 s;
 * undefined when the header is absent or unreadable (the caller's own back-off applies then).
 */
export function retryAfterMs(header: string | string[] | undefined | null, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // An HTTP date names its day and month; Date.parse alone would read "-3" as a year.
    const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** Whether an answer with this status and a Retry-After header should be retried (client-go's checkWait). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
