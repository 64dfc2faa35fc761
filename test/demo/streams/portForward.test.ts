import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
import { readFixtureText } from '../../helpers/fixtures.js';
import { eventually } from '../helpers.js';

interface RecordedFrame {
  dir?: string;
  channel?: number;
  text?: string;
  hex?: string;
  event?: string;
  status?: number;
  body?: string;
  protocol?: string;
  code?: number;
}

function recorded(name: string): RecordedFrame[] {
  return readFixtureText(`streams/${name}`)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedFrame);
}

interface Received {
  channel: number;
  payload: Buffer;
}

type Opened =
  | { kind: 'open'; protocol: string; frames: Received[]; closed: Promise<number>; send(channel: number, text: string): void; close(): void }
  | { kind: 'refused'; status: number; body: string };

function open(demo: DemoCluster, path: string, protocols: string[] = ['v4.channel.k8s.io']): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${demo.url.replace(/^https/, 'wss')}${path}`, protocols, { headers: { Authorization: `Bearer ${demo.token}` }, ca: demo.certificateAuthority });
    const frames: Received[] = [];
    socket.on('message', (data: Buffer) => frames.push({ channel: data[0] ?? -1, payload: data.subarray(1) }));
    const closed = new Promise<number>((resolveClose) => socket.on('close', (code) => resolveClose(code)));
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ kind: 'refused', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        kind: 'open',
        protocol: socket.protocol,
        frames,
        closed,
        send: (channel, text) => socket.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)])),
        close: () => socket.close(),
      }),
    );
  });
}

async function opened(demo: DemoCluster, path: string): Promise<Extract<Opened, { kind: 'open' }>> {
  const result = await open(demo, path);
  if (result.kind !== 'open') throw new Error(`refused: ${result.status} ${result.body}`);
  return result;
}

const text = (frames: readonly Received[], channel: number): string =>
  frames
    .filter((frame) => frame.channel === channel)
    .slice(1)
    .map((frame) => frame.payload.toString('utf8'))
    .join('');

/** The recorded refusal with the pod's sandbox id and network namespace made comparable. */
const comparable = (message: string): string => message.replace(/[0-9a-f]{64}/g, 'SANDBOX').replace(/cni-[0-9a-f-]{36}/g, 'cni-NETNS');

function running(demo: DemoCluster, namespace: string, name: string): boolean {
  const statuses = (((demo.store.get({ resource: 'pods', namespace, name })?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[]);
  return statuses.length > 0 && statuses.every((status) => (status['state'] as JsonObject | undefined)?.['running'] !== undefined);
}

const forwardPath = (pod: string, query: string): string => `/api/v1/namespaces/lab/pods/${pod}/portforward${query}`;

describe('pods/portforward over WebSocket, as recorded', () => {
  let demo: DemoCluster;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 5 });
    await eventually(() => expect(running(demo, 'lab', 'httpd')).toBe(true), 60_000);
  }, 90_000);

  afterAll(async () => {
    await demo.close();
  });

  it('opens both channels with the port, forwards the request to the pod and closes normally once the pod closed (portforward-http-v4)', async () => {
    const script = recorded('portforward-http-v4.jsonl');
    const client = await opened(demo, forwardPath('httpd', '?ports=8080'));
    expect(client.protocol).toBe(script[0]?.protocol);
    await eventually(() => expect(client.frames.length).toBeGreaterThanOrEqual(2));
    const prefixes = script.filter((frame) => frame.dir === 'in').slice(0, 2);
    expect(client.frames.slice(0, 2).map((frame) => ({ channel: frame.channel, hex: frame.payload.toString('hex') }))).toEqual(prefixes.map((frame) => ({ channel: frame.channel, hex: frame.hex })));
    client.send(0, script.find((frame) => frame.dir === 'out')?.text ?? '');
    expect(await client.closed).toBe(script.at(-1)?.code);
    const response = text(client.frames, 0);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/);
    expect(response.endsWith('\r\n\r\npodscope-lab-httpd-ok\n')).toBe(true);
    expect(text(client.frames, 1)).toBe('');
  });

  it('reports a port nothing listens on with the kubelet wording on the error channel and closes (portforward-nothing-listening-v4)', async () => {
    const script = recorded('portforward-nothing-listening-v4.jsonl');
    const client = await opened(demo, forwardPath('httpd', '?ports=9999'));
    expect(await client.closed).toBe(1000);
    const recordedError = script.filter((frame) => frame.channel === 1).at(-1)?.text ?? '';
    expect(comparable(text(client.frames, 1))).toBe(comparable(recordedError));
    expect(client.frames[0]?.payload.toString('hex')).toBe(script[1]?.hex);
  });

  it('with two ports, the refused one reports on its own error channel while the other keeps working (portforward-two-ports-v4)', async () => {
    const client = await opened(demo, forwardPath('httpd', '?ports=8080&ports=9999'));
    await eventually(() => expect(text(client.frames, 3)).toContain('error forwarding port 9999'));
    expect(client.frames.slice(0, 4).map((frame) => [frame.channel, frame.payload.toString('hex')])).toEqual([
      [0, '901f'],
      [1, '901f'],
      [2, '0f27'],
      [3, '0f27'],
    ]);
    client.send(0, 'GET / HTTP/1.0\r\n\r\n');
    expect(await client.closed).toBe(1000);
    expect(text(client.frames, 0)).toContain('podscope-lab-httpd-ok');
    expect(text(client.frames, 1)).toBe('');
  });

  it('refuses as recorded: no ports (400 text), a missing pod (404 Status), v5 only (403)', async () => {
    const noPorts = recorded('portforward-no-ports-v4.jsonl')[0];
    expect(await open(demo, forwardPath('httpd', ''))).toEqual({ kind: 'refused', status: noPorts?.status, body: noPorts?.body });
    const missing = recorded('portforward-missing-pod-v4.jsonl')[0];
    expect(await open(demo, forwardPath('nosuchpod', '?ports=8080'))).toEqual({ kind: 'refused', status: missing?.status, body: missing?.body });
    const v5 = recorded('portforward-v5-on-1.24.jsonl')[0];
    expect(await open(demo, forwardPath('httpd', '?ports=8080'), ['v5.channel.k8s.io'])).toEqual({ kind: 'refused', status: v5?.status, body: v5?.body });
  });

  it('drops the forwarded connection when the client goes away, and the pod accepts new ones', async () => {
    const first = await opened(demo, forwardPath('httpd', '?ports=8080'));
    await eventually(() => expect(first.frames.length).toBe(2));
    first.close();
    await first.closed;
    const second = await opened(demo, forwardPath('httpd', '?ports=8080'));
    second.send(0, 'GET / HTTP/1.0\r\n\r\n');
    await second.closed;
    expect(text(second.frames, 0)).toContain('podscope-lab-httpd-ok');
  });
});
