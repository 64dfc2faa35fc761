import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
import { readFixtureText } from '../../helpers/fixtures.js';
import { eventually } from '../helpers.js';
import { execPath, openOrFail, openStream } from './streamClient.js';

interface RecordedFrame {
  dir?: string;
  channel?: number;
  text?: string;
  event?: string;
  status?: number;
  protocol?: string;
}

function recorded(name: string): RecordedFrame[] {
  return readFixtureText(`streams/${name}`)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedFrame);
}

function statusFrameOf(name: string): string {
  return recorded(name).find((frame) => frame.channel === 3)?.text ?? '';
}

function isRunning(demo: DemoCluster, namespace: string, name: string): boolean {
  const pod = demo.store.get({ resource: 'pods', namespace, name });
  const statuses = ((pod?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[];
  return statuses.length > 0 && statuses.every((status) => (status['state'] as JsonObject | undefined)?.['running'] !== undefined);
}

describe('exec over WebSocket', () => {
  let demo: DemoCluster;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 3 });
    await eventually(() => expect(isRunning(demo, 'lab', 'web') && isRunning(demo, 'states', 'noshell')).toBe(true), 60_000);
  }, 90_000);

  afterAll(async () => {
    await demo.close();
  });

  it('runs a command: an empty stdout frame first, the output, a Success status, close 1000', async () => {
    const client = await openOrFail(demo, execPath('lab', 'web', ['sh', '-c', 'echo ok']));
    expect(client.protocol).toBe('v4.channel.k8s.io');
    const { code } = await client.closed;
    expect(code).toBe(1000);
    const expected = recorded('exec-ok-v4.jsonl').filter((frame) => frame.dir === 'in');
    expect(client.frames).toEqual(expected.map((frame) => ({ channel: frame.channel, text: frame.text })));
  });

  it('reports a non-zero exit exactly as recorded, with stdout and stderr on their channels', async () => {
    const command = ['sh', '-c', 'echo out; echo err >&2; exit 7'];
    const client = await openOrFail(demo, execPath('lab', 'web', command));
    await client.closed;
    expect(client.frames[0]).toEqual({ channel: 1, text: '' });
    expect(client.text(1)).toBe('out\n');
    expect(client.text(2)).toBe('err\n');
    const status = client.frames.filter((frame) => frame.channel === 3);
    expect(status).toHaveLength(1);
    expect(status[0]?.text).toBe(statusFrameOf('exec-exit7-v4.jsonl'));
    expect(client.frames.at(-1)?.channel).toBe(3);
  });

  it('answers an image without a shell with the runtime error (InternalError 500) on channel 3', async () => {
    const client = await openOrFail(demo, execPath('states', 'noshell', ['sh'], { stdin: true, stdout: true, tty: true }));
    await client.closed;
    const expected = JSON.parse(statusFrameOf('exec-noshell-v4.jsonl')) as JsonObject;
    const actual = JSON.parse(client.text(3)) as JsonObject;
    const withoutExecId = (text: unknown): string => String(text).replace(/exec \\?"[0-9a-f]{64}\\?"/g, 'exec "ID"');
    expect(withoutExecId(actual['message'])).toBe(withoutExecId(expected['message']));
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(actual['reason']).toBe('InternalError');
    expect(actual['code']).toBe(500);
    expect(client.frames[0]).toEqual({ channel: 1, text: '' });
  });

  it('runs an interactive shell in a pseudo-terminal: resize → stty size, arithmetic, exit code', async () => {
    const client = await openOrFail(demo, execPath('lab', 'web', ['sh'], { stdin: true, stdout: true, tty: true }));
    client.send(4, JSON.stringify({ Width: 100, Height: 30 }));
    client.send(0, 'stty size\n');
    await eventually(() => expect(client.text(1)).toContain('30 100'));
    client.send(0, 'echo $((6*7))\n');
    await eventually(() => expect(client.text(1)).toMatch(/\r\n42\r\n/));
    client.send(0, 'exit 3\n');
    await client.closed;
    expect(client.text(3)).toBe(statusFrameOf('exec-tty-resize-v4.jsonl'));
  });

  it('kills an exec session whose WebSocket closes', async () => {
    const client = await openOrFail(demo, execPath('lab', 'web', ['sh'], { stdin: true, stdout: true, tty: true }));
    client.send(0, 'echo pid=$$\n');
    await eventually(() => expect(client.text(1)).toMatch(/pid=\d+/));
    const pid = Number(/pid=(\d+)/.exec(client.text(1))?.[1]);
    client.close();
    await eventually(() => expect(() => process.kill(pid, 0)).toThrow());
  });

  it('speaks base64.channel.k8s.io (text frames, no Success status) and picks v4 from v5+v4', async () => {
    const base64 = await openOrFail(demo, execPath('lab', 'web', ['sh', '-c', 'echo ok']), ['base64.channel.k8s.io']);
    expect(base64.protocol).toBe('base64.channel.k8s.io');
    await base64.closed;
    expect(base64.frames[0]).toEqual({ channel: 49, text: '' });
    expect(base64.frames.filter((frame) => frame.channel === 51)).toEqual([]);
    const both = await openOrFail(demo, execPath('lab', 'web', ['sh', '-c', 'true']), ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    expect(both.protocol).toBe('v4.channel.k8s.io');
    await both.closed;
  });

  it('refuses a client offering only v5.channel.k8s.io with an empty 403, as 1.24 does', async () => {
    const result = await openStream(demo, execPath('lab', 'web', ['sh', '-c', 'true']), ['v5.channel.k8s.io']);
    const expected = recorded('exec-v5-on-1.24.jsonl')[0];
    expect(result).toEqual({ kind: 'refused', status: expected?.status, body: '' });
  });

  it('answers a missing pod with 404 and a missing command with 400', async () => {
    const missing = await openStream(demo, execPath('lab', 'nosuchpod', ['sh']));
    expect(missing.kind === 'refused' && missing.status).toBe(404);
    const noCommand = await openStream(demo, '/api/v1/namespaces/lab/pods/web/exec?stdout=true');
    expect(noCommand.kind === 'refused' && noCommand.status).toBe(400);
  });
});
