import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Pod } from '../../model/apiObjects.js';
import { containerFinished } from '../../model/containerFinished.js';
import { describeKubeError } from '../errors.js';
import { readPod, ReadError, type JsonReader } from '../podReads.js';
import { ByteLineSplitter } from './lineSplitter.js';
import { LogRequestError, openLogRequest, type LogQuery } from './logRequest.js';
import { keyToRfc3339, splitTimestamp } from './timestamps.js';

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

export interface LogWindow {
  /** Lines from the end of the log to start with; undefined: all. */
  tailLines?: number;
  sinceSeconds?: number;
}

export interface ContainerStreamOptions extends LogWindow {
  /** The crashed instance: read once, never followed. */
  previous: boolean;
  follow: boolean;
  /** First and longest pause between reconnects while the server refuses (waiting container). */
  retryMs?: number;
  maxRetryMs?: number;
}

export type LogEvent =
  /** `text` is decoded (invalid UTF-8 as U+FFFD) and untrusted; `raw` its bytes as the server sent them, when they are not `text` as UTF-8. */
  | { kind: 'line'; container: string; key: string; timestamp: string; text: string; raw?: Uint8Array }
  /** A line of our own between log lines, e.g. the restart marker. */
  | { kind: 'marker'; container: string; text: string }
  /** The server refused or the connection failed: its own words; cleared by `connected`. */
  | { kind: 'problem'; container: string; message: string }
  | { kind: 'connected'; container: string }
  /** Nothing more will come: a one-shot read finished, the pod is gone, or (`exited`) the container stopped for good. */
  | { kind: 'end'; container: string; reason: string; exited?: { exitCode: number } };

export const RESTART_MARKER = '── container restarted ──';

function restartCountOf(pod: Pod, container: string): number | undefined {
  const status = pod.status;
  for (const list of [status?.containerStatuses, status?.initContainerStatuses, status?.ephemeralContainerStatuses]) {
    const found = list?.find((entry) => entry.name === container);
    if (found !== undefined) return found.restartCount;
  }
  return undefined;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/**
 * Follows one container's log. The wire always carries timestamps, so when a stream ends (the
 * container exited, the connection dropped) the next request resumes at `sinceTime` = the last
 * timestamp seen and skips what was already delivered (same timestamp: as many lines as were seen
 * with it). A restart count that went up puts RESTART_MARKER before the new instance's lines.
 */
export class ContainerLogStream {
  private readonly abort = new AbortController();
  private lastKey = '';
  private seenAtLastKey = 0;
  private restartCount: number | undefined;
  private problemShown = false;
  readonly done: Promise<void>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly reader: JsonReader,
    readonly target: LogTarget,
    private readonly options: ContainerStreamOptions,
    private readonly emit: (event: LogEvent) => void,
  ) {
    this.done = this.run().catch((error: unknown) => {
      if (!this.abort.signal.aborted) this.emit({ kind: 'end', container: target.container, reason: describeKubeError(error).message });
    });
  }

  close(): void {
    this.abort.abort();
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const { container } = this.target;
    const firstRetry = this.options.retryMs ?? 1000;
    const maxRetry = this.options.maxRetryMs ?? 10_000;
    let retry = firstRetry;
    const initial = await this.readPod();
    this.restartCount = typeof initial === 'object' ? initial.restartCount : undefined;
    while (!this.closed) {
      let body: IncomingMessage;
      try {
        body = await openLogRequest(this.kubeConfig, this.query(), this.abort.signal);
      } catch (error) {
        if (this.closed) return;
        const refusal = error instanceof LogRequestError ? error : undefined;
        this.problem(refusal?.message ?? describeKubeError(error, { what: `read the log of ${container}` }).message);
        if (refusal?.status === 404 || !this.options.follow) {
          this.emit({ kind: 'end', container, reason: refusal?.message ?? 'the log request failed' });
          return;
        }
        await sleep(retry, this.abort.signal);
        retry = Math.min(maxRetry, retry * 2);
        continue;
      }
      if (this.problemShown) {
        this.problemShown = false;
        this.emit({ kind: 'connected', container });
      }
      if (this.options.follow) await this.noteRestart();
      await this.consume(body);
      if (this.closed) return;
      if (!this.options.follow) {
        this.emit({ kind: 'end', container, reason: 'end of log' });
        return;
      }
      const pod = await this.readPod();
      if (pod === 'gone') {
        this.emit({ kind: 'end', container, reason: `pod ${this.target.pod} was deleted` });
        return;
      }
      // An exited debug container (or a container that will not be restarted) has no next instance to wait for.
      if (pod?.finished !== undefined) {
        this.emit({ kind: 'end', container, reason: `${container} exited (exit code ${pod.finished.exitCode})`, exited: pod.finished });
        return;
      }
      retry = firstRetry;
      // The instance ended; its successor is usually not running yet, so give it a moment.
      await sleep(Math.min(500, firstRetry), this.abort.signal);
    }
  }

  private query(): LogQuery {
    const { namespace, pod, container } = this.target;
    const base: LogQuery = { namespace, pod, container, timestamps: true, follow: this.options.follow, previous: this.options.previous };
    if (this.lastKey === '') return { ...base, tailLines: this.options.tailLines, sinceSeconds: this.options.sinceSeconds };
    return { ...base, sinceTime: keyToRfc3339(this.lastKey.slice(0, 19)) };
  }

  private problem(message: string): void {
    this.problemShown = true;
    this.emit({ kind: 'problem', container: this.target.container, message });
  }

  private async noteRestart(): Promise<void> {
    const pod = await this.readPod();
    if (pod === undefined || pod === 'gone' || pod.restartCount === undefined) return;
    if (this.restartCount !== undefined && pod.restartCount > this.restartCount) {
      this.emit({ kind: 'marker', container: this.target.container, text: RESTART_MARKER });
    }
    this.restartCount = pod.restartCount;
  }

  private async readPod(): Promise<{ restartCount: number | undefined; finished: { exitCode: number } | undefined } | 'gone' | undefined> {
    try {
      const pod = await readPod(this.reader, this.target.namespace, this.target.pod, this.abort.signal);
      return { restartCount: restartCountOf(pod, this.target.container), finished: containerFinished(pod, this.target.container) };
    } catch (error) {
      return error instanceof ReadError && error.problem.status === 404 ? 'gone' : undefined;
    }
  }

  private consume(body: IncomingMessage): Promise<void> {
    // Split on newline bytes: each line decodes whole (a UTF-8 character split between chunks is
    // never torn), and a line the decoder changed keeps its bytes for saving the log raw.
    const splitter = new ByteLineSplitter();
    // Lines already delivered with the timestamp the request resumed at.
    let skipAtKey = this.seenAtLastKey;
    const resumeKey = this.lastKey;
    /** `bytes`: the line's, when its text may not be them (a U+FFFD in it). */
    const deliver = (decoded: string, bytes?: Buffer): void => {
      const line = splitTimestamp(decoded);
      if (line.key !== '' && resumeKey !== '') {
        if (line.key < resumeKey) return;
        if (line.key === resumeKey && skipAtKey > 0) {
          skipAtKey--;
          return;
        }
      }
      if (line.key !== '') {
        if (line.key === this.lastKey) this.seenAtLastKey++;
        else {
          this.lastKey = line.key;
          this.seenAtLastKey = 1;
        }
      }
      // Without a U+FFFD the text is the bytes exactly (the decoder replaces only what is invalid), so
      // they need not travel beside it: one object less per line under a firehose. The timestamp
      // prefix is ASCII: as many bytes as characters.
      const event: LogEvent = { kind: 'line', container: this.target.container, key: line.key, timestamp: line.timestamp, text: line.text };
      if (bytes !== undefined && line.text.includes('\ufffd')) event.raw = bytes.subarray(decoded.length - line.text.length);
      this.emit(event);
    };
    return new Promise((resolve) => {
      const finish = (): void => {
        const rest = splitter.end();
        if (rest !== undefined && !this.closed) deliver(rest.toString('utf8'), rest);
        resolve();
      };
      body.on('data', (chunk: Buffer) => {
        if (this.closed) return;
        const lines = splitter.pushDecoded(chunk);
        if ('text' in lines) for (const text of lines.text) deliver(text);
        else for (const bytes of lines.bytes) deliver(bytes.toString('utf8'), bytes);
      });
      body.on('end', finish);
      body.on('error', finish);
      body.on('close', finish);
    });
  }
}
