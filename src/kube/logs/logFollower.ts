import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeKubeError } from '../errors.js';
import { LogRequestError, openLogRequest, type LogQuery } from './logRequest.js';
import { keyToRfc3339, splitTimestamp } from './timestamps.js';

export interface FollowLogOptions {
  /** The log to follow; `follow` and `timestamps` are set here. */
  query: Omit<LogQuery, 'follow' | 'timestamps' | 'sinceTime'>;
  /** Print the kubelet's timestamps (`--timestamps`); they travel on the wire either way, to resume. */
  timestamps: boolean;
  /** One whole line, as the server sent its bytes, with its `\n` (the last line of the log may lack one). */
  onLine(line: Buffer): void;
  /** The connection dropped: one line saying so (once per outage), then it reconnects by itself. */
  onProblem(message: string): void;
  /** Connected again after a problem. */
  onResumed?(): void;
  signal?: AbortSignal;
  /** First and longest pause between reconnects (default 1 s, 10 s). */
  retryMs?: number;
  maxRetryMs?: number;
}

const NEWLINE = 0x0a;

/**
 * `logs -f` that survives the API server going away (restarted, a dropped connection): the log
 * resumes where it stopped, at `sinceTime` = the last timestamp seen, skipping the lines already
 * printed, as stern and the log view do. It ends like kubectl's when the server ends the log (the
 * container stopped); a refusal rejects with the server's LogRequestError (the first one at once,
 * later ones unless the server is only unavailable for a while: 429, 5xx).
 */
export async function followLog(kubeConfig: KubeConfig, options: FollowLogOptions): Promise<void> {
  const firstRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 10_000;
  let retry = firstRetry;
  let lastKey = '';
  let seenAtLastKey = 0;
  let connectedOnce = false;
  let troubled = false;
  const stopped = (): boolean => options.signal?.aborted === true;

  const deliver = (line: Buffer, resumeKey: string, skip: { count: number }): void => {
    // The timestamp is ASCII at the start of the line: decoding just that part leaves the text's bytes alone.
    const head = line.subarray(0, Math.min(line.length, 40)).toString('latin1');
    const stamp = splitTimestamp(head);
    if (stamp.key !== '') {
      if (resumeKey !== '' && (stamp.key < resumeKey || (stamp.key === resumeKey && skip.count-- > 0))) return;
      if (stamp.key === lastKey) seenAtLastKey++;
      else {
        lastKey = stamp.key;
        seenAtLastKey = 1;
      }
    }
    options.onLine(options.timestamps || stamp.key === '' ? line : line.subarray(head.length - stamp.text.length));
  };

  while (!stopped()) {
    const query: LogQuery = { ...options.query, follow: true, timestamps: true };
    if (lastKey !== '') {
      delete query.tailLines;
      delete query.sinceSeconds;
      query.sinceTime = keyToRfc3339(lastKey.slice(0, 19));
    }
    let body: IncomingMessage;
    try {
      body = await openLogRequest(kubeConfig, query, options.signal);
    } catch (error) {
      if (stopped()) return;
      const refusal = error instanceof LogRequestError ? error : undefined;
      const passing = refusal === undefined || refusal.status === 429 || refusal.status >= 500;
      if (!connectedOnce || !passing) throw error;
      if (!troubled) options.onProblem(`lost the log stream: ${refusal?.message ?? describeKubeError(error).message}; reconnecting`);
      troubled = true;
      await sleep(retry, options.signal);
      retry = Math.min(maxRetry, retry * 2);
      continue;
    }
    connectedOnce = true;
    retry = firstRetry;
    if (troubled) options.onResumed?.();
    troubled = false;
    const ended = await consume(body, lastKey, seenAtLastKey, deliver);
    if (ended === 'complete' || stopped()) return;
    options.onProblem('lost the log stream: the connection to the API server dropped; reconnecting');
    troubled = true;
    await sleep(Math.min(500, firstRetry), options.signal);
  }
}

/** Hands over whole lines; `complete`: the server ended the log, `dropped`: the connection broke off. */
function consume(body: IncomingMessage, resumeKey: string, seen: number, deliver: (line: Buffer, resumeKey: string, skip: { count: number }) => void): Promise<'complete' | 'dropped'> {
  const skip = { count: seen };
  let partial = Buffer.alloc(0);
  return new Promise((resolve) => {
    body.on('data', (chunk: Buffer) => {
      let data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      let newline = data.indexOf(NEWLINE);
      while (newline >= 0) {
        deliver(data.subarray(0, newline + 1), resumeKey, skip);
        data = data.subarray(newline + 1);
        newline = data.indexOf(NEWLINE);
      }
      partial = Buffer.from(data);
    });
    const finish = (): void => {
      // A clean end can leave a last line without its newline; a broken one is resent on resume.
      if (body.complete && partial.length > 0) deliver(partial, resumeKey, skip);
      partial = Buffer.alloc(0);
      resolve(body.complete ? 'complete' : 'dropped');
    };
    body.once('end', finish);
    body.once('close', finish);
    body.once('error', () => undefined);
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
