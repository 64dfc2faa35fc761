import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { openKubeRequest, refusalOf, statusFields } from '../http/kubeRequest.js';
import { SilenceMonitor, type Probe, type SilencePolicy } from './silenceMonitor.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/**
 * How one watch request ended. Unlike client-node's Watch, nothing is swallowed: a line that is
 * not JSON, an object the store refuses, a callback that throws, all end the watch with a reason.
 */
export type WatchEnd =
  /** The server ended the stream (its timeoutSeconds, or a restart): rewatch; short and empty: back off. */
  | { kind: 'closed'; events: number; ms: number }
  /** 410: the resourceVersion is older than the server's history: list again. */
  | { kind: 'expired'; message: string | undefined }
  /** A line that is not a watch event, or an object the store could not take: list again. */
  | { kind: 'decode'; problem: string; cause?: unknown }
  /** A refusal (non-200) or an ERROR event other than 410. */
  | { kind: 'status'; code: number; message: string | undefined; reason: string | undefined; retryAfterMs: number | undefined }
  /** No byte for too long. `serverSilent`: a probe of the server went unanswered too (hung server). */
  | { kind: 'stalled'; silentMs: number; serverSilent: boolean }
  | { kind: 'network'; error: unknown }
  /** The caller's signal ended it. */
  | { kind: 'aborted' };

export interface WatchRequest {
  kubeConfig: KubeConfig;
  /** Path and query, `?watch=true&resourceVersion=…` included. */
  path: string;
  signal: AbortSignal;
  silence: SilencePolicy;
  probe?: Probe;
  /** The server accepted the watch (200). */
  onOpen(): void;
  /** One event; throwing ends the watch with kind 'decode' (the cache must then be rebuilt). */
  onEvent(type: WatchEventType, object: unknown): void;
  /** Bytes arrived (headers or body). */
  onHeard?(): void;
  /** Longer lines end the watch (default 16 MiB): a server that never sends a newline must not fill memory. */
  maxLineBytes?: number;
}

const NEWLINE = 0x0a;

export async function watchOnce(request: WatchRequest): Promise<WatchEnd> {
  if (request.signal.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  request.signal.addEventListener('abort', abort, { once: true });
  let stall: { silentMs: number; serverSilent: boolean } | undefined;
  const monitor = new SilenceMonitor(request.silence, request.probe, (silentMs, serverSilent) => {
    stall = { silentMs, serverSilent };
    controller.abort();
  });
  const interrupted = (): WatchEnd | undefined => (stall ? { kind: 'stalled', ...stall } : request.signal.aborted ? { kind: 'aborted' } : undefined);
  const heard = (): void => {
    monitor.heard();
    request.onHeard?.();
  };
  const started = Date.now();
  let response: IncomingMessage | undefined;
  try {
    try {
      response = await openKubeRequest(request.kubeConfig, request.path, { signal: controller.signal });
    } catch (error) {
      return interrupted() ?? { kind: 'network', error };
    }
    // Destroying the request later (stall, close) makes the response emit an error: never unhandled.
    response.on('error', () => undefined);
    heard();
    if (response.statusCode !== 200) {
      const refusal = await refusalOf(response);
      const end = interrupted();
      if (end) return end;
      if (refusal.statusCode === 410) return { kind: 'expired', message: refusal.body?.message };
      return { kind: 'status', code: refusal.statusCode, message: refusal.body?.message, reason: refusal.body?.reason, retryAfterMs: refusal.retryAfterMs };
    }
    request.onOpen();
    return await readEvents(response, request, heard, interrupted, started);
  } finally {
    monitor.stop();
    request.signal.removeEventListener('abort', abort);
    controller.abort();
    response?.destroy();
  }
}

function readEvents(
  response: IncomingMessage,
  request: WatchRequest,
  heard: () => void,
  interrupted: () => WatchEnd | undefined,
  started: number,
): Promise<WatchEnd> {
  const maxLineBytes = request.maxLineBytes ?? 16 * 1024 * 1024;
  return new Promise<WatchEnd>((resolve) => {
    let events = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let done = false;
    const finish = (end: WatchEnd): void => {
      if (done) return;
      done = true;
      response.removeListener('data', onData);
      resolve(end);
    };

    const onLine = (line: Buffer): WatchEnd | undefined => {
      const text = line.toString('utf8').trim();
      if (text === '') return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { kind: 'decode', problem: 'a line of the watch is not JSON' };
      }
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { type?: unknown }).type !== 'string') {
        return { kind: 'decode', problem: 'a line of the watch is not a watch event' };
      }
      const { type, object } = parsed as { type: string; object?: unknown };
      if (type === 'ERROR') return errorEvent(object);
      // client-go's reflector skips event types it does not know, and so do we.
      if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED' && type !== 'BOOKMARK') return undefined;
      events += 1;
      try {
        request.onEvent(type, object);
      } catch (error) {
        return { kind: 'decode', problem: error instanceof Error ? error.message : String(error), cause: error };
      }
      return undefined;
    };

    function onData(chunk: Buffer): void {
      heard();
      let start = 0;
      while (!done) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline === -1) break;
        const piece = chunk.subarray(start, newline);
        const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
        const end = onLine(line);
        if (end) return finish(end);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxLineBytes) finish({ kind: 'decode', problem: `a line of the watch is longer than ${Math.round(maxLineBytes / 1024 / 1024)} MiB` });
      }
    }

    response.on('data', onData);
    response.on('end', () => finish(interrupted() ?? { kind: 'closed', events, ms: Date.now() - started }));
    response.on('error', (error) => finish(interrupted() ?? { kind: 'network', error }));
    // A connection that drops without the chunked terminator closes without 'end'.
    response.on('close', () => finish(interrupted() ?? { kind: 'network', error: Object.assign(new Error('the connection closed mid-watch'), { code: 'ECONNRESET' }) }));
  });
}

function errorEvent(object: unknown): WatchEnd {
  const status = typeof object === 'object' && object !== null ? statusFields(object as Record<string, unknown>) : {};
  if (status.code === 410) return { kind: 'expired', message: status.message };
  return { kind: 'status', code: status.code ?? 500, message: status.message, reason: status.reason, retryAfterMs: undefined };
}
