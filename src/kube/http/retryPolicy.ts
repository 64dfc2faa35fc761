import { isRetryableStatus, retryAfterMs } from '../retryAfter.js';

/** A retry about to wait, for a caller that wants to say so (the CLI prints it on stderr). */
export interface RetryNotice {
  status: number;
  waitMs: number;
  /** 1 for the first retry. */
  attempt: number;
  maxRetries: number;
}

export interface RetryOptions {
  /** kubectl (client-go's rest client) retries an answer with Retry-After up to 10 times. */
  maxRetries?: number;
  onRetry?: (notice: RetryNotice) => void;
}

/** What the retry loop needs to know of an answer. */
export interface RetryableAnswer {
  status: number;
  retryAfter: string | string[] | undefined | null;
  /** Reads the refusal's body away so its connection is free. */
  discard(): Promise<unknown>;
}

/**
 * What client-go's rest client does with `429` and `5xx` answers that carry Retry-After
 * (with_retry.go / checkWait): wait as asked (capped at 60 s, at least 200 ms) and send the same
 * request again, a bounded number of times, then return the last answer. Answers without
 * Retry-After are returned at once, as kubectl does.
 */
export async function sendWithRetries<R>(send: () => Promise<R>, answer: (response: R) => RetryableAnswer, options: RetryOptions, signal?: AbortSignal): Promise<R> {
  const maxRetries = options.maxRetries ?? 10;
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    const { status, retryAfter, discard } = answer(response);
    if (attempt > maxRetries || !isRetryableStatus(status)) return response;
    const wait = retryAfterMs(retryAfter);
    if (wait === undefined) return response;
    await discard().catch(() => '');
    const waitMs = Math.max(200, wait);
    options.onRetry?.({ status, waitMs, attempt, maxRetries });
    await abortableSleep(waitMs, signal);
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
