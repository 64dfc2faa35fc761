import { Agent } from 'node:https';
import fetch from 'node-fetch';
import { vi } from 'vitest';

export interface LogServer {
  readonly url: string;
  readonly certificateAuthority: string | undefined;
}

export interface LogResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
  text: string;
}

function agentFor(server: LogServer): Agent {
  return new Agent({ ca: server.certificateAuthority, keepAlive: false });
}

/** GET …/pods/{pod}/log?{query} over HTTPS with fetch, trusting the server's certificate. */
export async function getLog(server: LogServer, token: string, namespace: string, pod: string, query = ''): Promise<LogResponse> {
  const url = `${server.url}/api/v1/namespaces/${namespace}/pods/${pod}/log${query === '' ? '' : `?${query}`}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, agent: agentFor(server) });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), body, text: body.toString('utf8') };
}

/** A follow request: what has arrived so far, and whether the server ended the body. */
export interface FollowedLog {
  status: number;
  readonly text: string;
  readonly ended: boolean;
  /** How many chunks arrived: lines are flushed one write at a time. */
  readonly chunks: number;
  close(): void;
}

export async function followLog(server: LogServer, token: string, namespace: string, pod: string, query = ''): Promise<FollowedLog> {
  const url = `${server.url}/api/v1/namespaces/${namespace}/pods/${pod}/log?follow=true${query === '' ? '' : `&${query}`}`;
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, agent: agentFor(server), signal: controller.signal });
  const received: Buffer[] = [];
  let ended = false;
  response.body.on('data', (chunk: Buffer) => received.push(chunk));
  response.body.on('end', () => {
    ended = true;
  });
  response.body.on('error', () => {
    ended = true;
  });
  return {
    status: response.status,
    get text() {
      return Buffer.concat(received).toString('utf8');
    },
    get ended() {
      return ended;
    },
    get chunks() {
      return received.length;
    },
    close: () => controller.abort(),
  };
}

/** Generous: tests run on a loaded 2-core machine. */
export function eventually<T>(check: () => T, timeout = 20_000): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}
