import { PassThrough, Writable } from 'node:stream';
import { Attach, Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index.js';
import { readFixtureText } from '../../helpers/fixtures.js';
import { eventually, request } from '../helpers.js';
import { openOrFail, openStream } from '../streams/streamClient.js';

const strategic = 'application/strategic-merge-patch+json';

function ephemeralStatus(demo: DemoCluster, namespace: string, pod: string, container: string): JsonObject | undefined {
  const object = demo.store.get({ resource: 'pods', namespace, name: pod });
  const statuses = ((object?.['status'] as JsonObject | undefined)?.['ephemeralContainerStatuses'] ?? []) as JsonObject[];
  return statuses.find((status) => status['name'] === container);
}

function stateOf(status: JsonObject | undefined): JsonObject {
  return (status?.['state'] ?? {}) as JsonObject;
}

function eventsFor(demo: DemoCluster, namespace: string, fieldPath: string): Array<{ reason: string; message: string }> {
  return demo.store
    .list('events', namespace)
    .filter((event) => (event['involvedObject'] as JsonObject)['fieldPath'] === fieldPath)
    .map((event) => ({ reason: String(event['reason']), message: String(event['message']) }));
}

async function addDebugContainer(demo: DemoCluster, namespace: string, pod: string, container: JsonObject): Promise<number> {
  const response = await request(demo.server, `/api/v1/namespaces/${namespace}/pods/${pod}/ephemeralcontainers`, {
    method: 'PATCH',
    token: demo.token,
    headers: { 'Content-Type': strategic },
    body: { spec: { ephemeralContainers: [container] } },
  });
  return response.status;
}

function appRunning(demo: DemoCluster, namespace: string, pod: string): boolean {
  const object = demo.store.get({ resource: 'pods', namespace, name: pod });
  const statuses = ((object?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[];
  return statuses.length > 0 && statuses.every((status) => stateOf(status)['running'] !== undefined);
}

function attachPath(namespace: string, pod: string, container: string): string {
  return `/api/v1/namespaces/${namespace}/pods/${pod}/attach?container=${container}&stdin=true&stdout=true&tty=true`;
}

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('debug containers in the demo cluster', () => {
  let demo: DemoCluster;
  let kubeConfig: KubeConfig;

  beforeAll(async () => {
    demo = await startDemoCluster({ seed: 5 });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(demo.kubeconfigPath);
    await eventually(() => expect(appRunning(demo, 'lab', 'web')).toBe(true), 60_000);
  }, 90_000);

  afterAll(async () => {
    await demo.close();
  });

  it('pulls, creates and starts an added debug container, then attaches to its shell, shared and surviving a detach', async () => {
    expect(await addDebugContainer(demo, 'lab', 'web', { name: 'debugger-att01', image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true, targetContainerName: 'web' })).toBe(200);
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-att01'))['waiting']).toEqual({ reason: 'ContainerCreating' }));
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-att01'))['running']).toBeDefined(), 30_000);
    expect(eventsFor(demo, 'lab', 'spec.ephemeralContainers{debugger-att01}').map((event) => event.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);

    const first = await openOrFail(demo, attachPath('lab', 'web', 'debugger-att01'));
    await eventually(() => expect(first.frames[0]).toEqual({ channel: 1, text: '' }));
    first.send(4, JSON.stringify({ Width: 81, Height: 25 }));
    first.send(0, 'echo pid=$$ $((6*7))\n');
    await eventually(() => expect(first.text(1)).toMatch(/pid=\d+ 42/));
    const pid = /pid=(\d+) 42/.exec(first.text(1))?.[1];
    first.close();
    expect((await first.closed).code).toBe(1005);

    // Detaching left the container running; a second attach reaches the same shell.
    const second = await openOrFail(demo, attachPath('lab', 'web', 'debugger-att01'));
    second.send(0, 'echo pid=$$ again\n');
    await eventually(() => expect(second.text(1)).toContain(`pid=${pid} again`));
    second.send(0, 'exit 5\n');
    expect((await second.closed).code).toBe(1000);
    const expectedStatus = readFixtureText('streams/attach-ephemeral-tty-v4.jsonl')
      .split('\n')
      .filter((line) => line.includes('"channel":3'))
      .map((line) => (JSON.parse(line) as { text: string }).text);
    expect(second.frames.filter((frame) => frame.channel === 3).map((frame) => frame.text)).toEqual(expectedStatus);

    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-att01'))['terminated']).toMatchObject({ exitCode: 5, reason: 'Error' }));
    const refused = await openStream(demo, attachPath('lab', 'web', 'debugger-att01'));
    const recorded = JSON.parse(readFixtureText('streams/attach-exited-ephemeral-v4.jsonl')) as { status: number; body: string };
    expect(refused).toEqual({ kind: 'refused', status: recorded.status, body: recorded.body });
  });

  it('shows ErrImagePull then ImagePullBackOff, with events, for an image that cannot be pulled', async () => {
    const image = 'registry.invalid/tools/does-not-exist:1.0';
    expect(await addDebugContainer(demo, 'lab', 'web', { name: 'debugger-bad01', image, stdin: true, tty: true })).toBe(200);
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-bad01'))['waiting']).toMatchObject({ reason: 'ErrImagePull' }), 30_000);
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-bad01'))['waiting']).toMatchObject({ reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` }), 30_000);
    const events = eventsFor(demo, 'lab', 'spec.ephemeralContainers{debugger-bad01}');
    expect(events.map((event) => event.reason)).toEqual(expect.arrayContaining(['Pulling', 'Failed', 'BackOff']));
    expect(events.map((event) => event.message)).toEqual(expect.arrayContaining(['Error: ErrImagePull', 'Error: ImagePullBackOff']));
  });

  it('serves client-node Exec (status callback) and Attach (v5+v4 offered, v4 picked)', async () => {
    const output = collect();
    const status = new Promise<V1Status>((resolve) => {
      void new Exec(kubeConfig).exec('lab', 'web', 'web', ['sh', '-c', 'echo $((6*7)); exit 7'], output.stream, null, null, false, resolve);
    });
    const result = await status;
    expect(output.text()).toBe('42\n');
    expect(result.status).toBe('Failure');
    expect(result.details?.causes?.[0]?.message).toBe('7');

    expect(await addDebugContainer(demo, 'lab', 'web', { name: 'debugger-cn01', image: 'busybox:latest', imagePullPolicy: 'Never', command: ['sh'], stdin: true, tty: true })).toBe(200);
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-cn01'))['running']).toBeDefined(), 30_000);
    const attached = collect();
    const stdin = new PassThrough();
    const socket = await new Attach(kubeConfig).attach('lab', 'web', 'debugger-cn01', attached.stream, null, stdin, true);
    expect(socket.protocol).toBe('v4.channel.k8s.io');
    stdin.write('echo $((6*7))\n');
    await eventually(() => expect(attached.text()).toMatch(/\r\n42\r\n/));
    stdin.write('exit\n');
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'lab', 'web', 'debugger-cn01'))['terminated']).toMatchObject({ exitCode: 0, reason: 'Completed' }));
  });

  it("ps in a debugger that targets a container shows the target's processes, as a shared process namespace does", async () => {
    await eventually(() => expect(appRunning(demo, 'states', 'noshell')).toBe(true), 60_000);
    expect(await addDebugContainer(demo, 'states', 'noshell', { name: 'debugger-ps01', image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true, targetContainerName: 'app' })).toBe(200);
    await eventually(() => expect(stateOf(ephemeralStatus(demo, 'states', 'noshell', 'debugger-ps01'))['running']).toBeDefined(), 30_000);
    const session = await openOrFail(demo, attachPath('states', 'noshell', 'debugger-ps01'));
    session.send(4, JSON.stringify({ Width: 80, Height: 24 }));
    session.send(0, 'ps\n');
    // busybox's table, as recorded on the real cluster: the pause container of the image without a shell is PID 1.
    await eventually(() => expect(session.text(1)).toMatch(/PID   USER     COMMAND\r\n    1 65535    \/pause\r\n +\d+ root     sh\r\n +\d+ root     ps\r\n/));
    session.send(0, 'exit\n');
    await session.closed;
  });
});
