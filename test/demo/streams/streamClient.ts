import WebSocket from 'ws';
import type { DemoCluster } from '../../../src/demo/index.js';

export interface Frame {
  channel: number;
  text: string;
}

/** A raw exec/attach WebSocket: every frame received, and how it ended. */
export interface StreamClient {
  protocol: string;
  frames: Frame[];
  closed: Promise<{ code: number }>;
  send(channel: number, text: string): void;
  /** Everything received on `channel` so far, concatenated. */
  text(channel: number): string;
  close(): void;
}

export type StreamResult = { kind: 'open'; client: StreamClient } | { kind: 'refused'; status: number; body: string };

/** Opens `path` (with its query) on the demo cluster with the admin token, offering `protocols`. */
export function openStream(demo: DemoCluster, path: string, protocols: string[] = ['v4.channel.k8s.io']): Promise<StreamResult> {
  const url = `${demo.url.replace(/^https/, 'wss')}${path}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, { headers: { Authorization: `Bearer ${demo.token}` }, ca: demo.certificateAuthority });
    const frames: Frame[] = [];
    const base64 = (): boolean => socket.protocol.includes('base64');
    socket.on('message', (data: Buffer, binary: boolean) => {
      if (base64() && !binary) frames.push({ channel: data[0] ?? 0, text: Buffer.from(data.subarray(1).toString('ascii'), 'base64').toString('utf8') });
      else frames.push({ channel: data[0] ?? 0, text: data.subarray(1).toString('utf8') });
    });
    const closed = new Promise<{ code: number }>((resolveClose) => socket.on('close', (code) => resolveClose({ code })));
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ kind: 'refused', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    socket.on('error', (error) => reject(error));
    socket.on('open', () =>
      resolve({
        kind: 'open',
        client: {
          protocol: socket.protocol,
          frames,
          closed,
          send: (channel, text) => socket.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')])),
          text: (channel) =>
            frames
              .filter((frame) => frame.channel === channel)
              .map((frame) => frame.text)
              .join(''),
          close: () => socket.close(),
        },
      }),
    );
  });
}

export async function openOrFail(demo: DemoCluster, path: string, protocols?: string[]): Promise<StreamClient> {
  const result = await openStream(demo, path, protocols);
  if (result.kind !== 'open') throw new Error(`upgrade refused: ${result.status} ${result.body}`);
  return result.client;
}

export function execPath(namespace: string, pod: string, command: string[], flags: Record<string, boolean | string> = { stdout: true, stderr: true }): string {
  const query = new URLSearchParams();
  for (const part of command) query.append('command', part);
  for (const [key, value] of Object.entries(flags)) query.set(key, String(value));
  return `/api/v1/namespaces/${namespace}/pods/${pod}/exec?${query.toString()}`;
}
