import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough } from 'node:stream';
import { Log, type LogOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { LogStore, type LogWriter } from '../../../src/demo/controlPlane/logStore.js';
import { logRoutes } from '../../../src/demo/routes/logRoutes.js';
import { readFixtureJson, readFixtureText } from '../../helpers/fixtures.js';
import { adminToken, janeToken, kubeConfigFor, startTestServer, type TestServer } from '../helpers.js';
import { eventually, followLog, getLog } from './logHttp.js';

/**
 * The recorded pods in the store and, behind them, a container runtime whose output is written here by
 * hand with the recorded lines and times: every answer can then be compared with the recording.
 */
let t: TestServer;
let logTime = 0;
const logs = new LogStore(() => logTime);

const clockTime = (millis: number): string => new Date(millis).toISOString().slice(11, 19);

/** Sub-millisecond digits are beyond the simulated clock: the recorded ones read as zeros. */
const toMillisecondTimestamps = (text: string): string => text.replace(/(T\d{2}:\d{2}:\d{2}\.\d{3})\d{6}Z /g, '$1000000Z ');

/** Recorded times of the web pod's lines that carry a timestamp in the recordings. */
function recordedTickTimes(): Map<number, number> {
  const times = new Map<number, number>();
  for (const file of ['logs/web-tail5-timestamps.txt', 'logs/web-since3s.txt']) {
    for (const line of readFixtureText(file).trimEnd().split('\n')) {
      const match = /^(\S+) \S+ web tick (\d+)$/.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) times.set(Number(match[2]), Date.parse(match[1]));
    }
  }
  return times;
}

function writeAt(writer: LogWriter, time: number, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  logTime = time;
  writer.write(text, stream);
}

function seedRuntime(): void {
  // The run before the restart, line by line as recorded (its one-second sleeps drifted now and then).
  const previousWeb = logs.startInstance('lab', 'web', 'web', 0);
  for (const line of readFixtureText('logs/web-previous-none.json').trimEnd().split('\n')) {
    writeAt(previousWeb, Date.parse(`2026-11-23T${line.slice(0, 8)}.400Z`), line);
  }
  previousWeb.end();
  const recorded = recordedTickTimes();
  const web = logs.startInstance('lab', 'web', 'web', 1);
  for (let tick = 1; tick <= 191; tick++) {
    const time = recorded.get(tick) ?? Date.parse('2026-11-23T09:13:03.500Z') + (tick - 1) * 1000;
    writeAt(web, time, `${clockTime(time)} web tick ${tick}`);
  }
  // The crash loop's ninth restart; the runtime has already pruned the instance before it.
  const crashy = logs.startInstance('lab', 'crashy', 'crashy', 9);
  const started = Date.parse('2026-11-23T09:16:08.2Z');
  writeAt(crashy, started, 'starting crashy');
  writeAt(crashy, started, 'line 3: about to fail', 'stderr');
  writeAt(crashy, started, 'line 2');
  writeAt(crashy, started + 2000, 'exiting with 1');
  crashy.end();
  const initOk = logs.startInstance('lab', 'initwait', 'init-ok', 1);
  writeAt(initOk, Date.parse('2026-11-23T09:13:02.3Z'), 'init-ok done');
  initOk.end();
  logs.startInstance('states', 'notready', 'app', 0);
  logTime = Date.parse('2026-11-23T09:16:13.800Z');
}

beforeAll(async () => {
  t = await startTestServer({ routes: logRoutes(logs) });
  for (const name of ['lab-web', 'lab-duo', 'lab-crashy', 'lab-initwait', 'lab-badimage', 'states-unsched', 'states-notready']) {
    t.store.create('pods', readFixtureJson<JsonObject>(`pods/${name}.json`));
  }
  seedRuntime();
});

afterAll(async () => {
  await t?.close();
});

const get = (pod: string, query = '', namespace = 'lab') => getLog(t.server, adminToken, namespace, pod, query);
/** The recorded Status in kube-apiserver's compact encoding, key order included. */
const recordedStatus = (file: string): string => `${JSON.stringify(JSON.parse(readFixtureText(`logs/${file}`)))}\n`;

describe('GET pods/{name}/log: the recorded answers', () => {
  it('tailLines=5&timestamps=true', async () => {
    const response = await get('web', 'tailLines=5&timestamps=true');
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/plain');
    expect(response.text).toBe(toMillisecondTimestamps(readFixtureText('logs/web-tail5-timestamps.txt')));
  });

  it('sinceSeconds=3&timestamps=true counts back from the server clock', async () => {
    const response = await get('web', 'sinceSeconds=3&timestamps=true');
    expect(response.text).toBe(toMillisecondTimestamps(readFixtureText('logs/web-since3s.txt')));
  });

  it('limitBytes=40 cuts at the byte', async () => {
    const response = await get('web', 'limitBytes=40');
    expect(response.body.equals(Buffer.from(readFixtureText('logs/web-limitbytes40.txt')))).toBe(true);
  });

  it('previous=true answers the instance before the restart', async () => {
    const response = await get('web', 'previous=true');
    expect(response.status).toBe(200);
    expect(response.text).toBe(readFixtureText('logs/web-previous-none.json'));
  });

  it("a crash-looping container's terminated instance, stderr and stdout in the order written", async () => {
    const response = await get('crashy');
    expect(response.status).toBe(200);
    expect(response.text).toBe(readFixtureText('logs/crashy-current.txt'));
  });

  it('previous of an instance the runtime has pruned: the kubelet\'s 200 "unable to retrieve"', async () => {
    const response = await get('crashy', 'previous=true');
    expect(response.status).toBe(Number(readFixtureText('logs/crashy-previous.txt.status')));
    expect(response.text).toBe(readFixtureText('logs/crashy-previous.txt'));
  });

  it('an init container by name', async () => {
    const response = await get('initwait', 'container=init-ok');
    expect(response.text).toBe(readFixtureText('logs/initwait-init-ok.txt'));
  });

  it.each([
    ['duo', '', 'duo-no-container.json'],
    ['initwait', 'container=main', 'initwait-main-waiting.json'],
    ['badimage', '', 'badimage.json'],
    ['nosuchpod', '', 'nosuchpod.json'],
    ['web', 'container=nope', 'web-nosuchcontainer.json'],
  ])('%s?%s answers %s byte for byte', async (pod, query, file) => {
    const response = await get(pod, query);
    expect(response.status).toBe(Number(readFixtureText(`logs/${file}.status`)));
    expect(response.contentType).toBe('application/json');
    expect(response.text).toBe(recordedStatus(file));
  });

  it('an unscheduled pod answers 204 with an empty body', async () => {
    const response = await get('unsched', '', 'states');
    expect(response.status).toBe(Number(readFixtureText('logs/unsched.json.status')));
    expect(response.body).toHaveLength(0);
  });
});

describe('GET pods/{name}/log: the other parameters and answers', () => {
  it('previous=true without a terminated instance is the kubelet\'s 400', async () => {
    const response = await get('notready', 'previous=true', 'states');
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      `${JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'previous terminated container "app" in pod "notready" not found', reason: 'BadRequest', code: 400 })}\n`,
    );
  });

  it('tailLines=0 is nothing, a large tailLines everything; insecureSkipTLSVerifyBackend is ignored', async () => {
    expect((await get('web', 'tailLines=0')).text).toBe('');
    const all = await get('web', 'tailLines=100000&insecureSkipTLSVerifyBackend=true');
    expect(all.text.split('\n')).toHaveLength(192);
  });

  it('sinceTime keeps whole seconds and combines with tailLines and timestamps', async () => {
    const response = await get('web', `sinceTime=${encodeURIComponent('2026-11-23T09:16:11.999Z')}&tailLines=4&timestamps=true`);
    expect(toMillisecondTimestamps(response.text)).toBe(toMillisecondTimestamps(readFixtureText('logs/web-since3s.txt')));
  });

  it('validates options before looking for the pod', async () => {
    const response = await get('nosuchpod', 'tailLines=-1');
    expect(response.status).toBe(422);
    expect((JSON.parse(response.text) as JsonObject)['message']).toBe('PodLogOptions "nosuchpod" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    expect((await get('web', 'limitBytes=x')).status).toBe(400);
  });

  it('needs get on pods/log in the namespace', async () => {
    expect((await getLog(t.server, janeToken, 'lab', 'web', 'tailLines=1')).status).toBe(200);
    const forbidden = await getLog(t.server, janeToken, 'states', 'notready');
    expect(forbidden.status).toBe(403);
    expect((JSON.parse(forbidden.text) as JsonObject)['message']).toBe('pods "notready" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "states"');
  });
});

/** A pod of its own for a follow test: one container `app` running its first instance. */
function runningPod(name: string): LogWriter {
  t.store.create('pods', {
    metadata: { name, namespace: 'lab' },
    spec: { nodeName: 'vm', containers: [{ name: 'app', image: 'busybox' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: { startedAt: '2026-11-23T09:16:00Z' } }, lastState: {}, restartCount: 0, containerID: `containerd://${name}-0` }] },
  });
  return logs.startInstance('lab', name, 'app', 0);
}

/** The container exits and the kubelet starts it again: new instance, status with its restart count. */
function restart(name: string, restartCount: number): LogWriter {
  const writer = logs.startInstance('lab', name, 'app', restartCount);
  t.store.update({ resource: 'pods', namespace: 'lab', name }, (pod) => {
    const status = pod['status'] as { containerStatuses: JsonObject[] };
    status.containerStatuses = [{ name: 'app', state: { running: { startedAt: '2026-11-23T09:16:30Z' } }, lastState: { terminated: { exitCode: 1, containerID: `containerd://${name}-${restartCount - 1}` } }, restartCount, containerID: `containerd://${name}-${restartCount}` }];
  });
  return writer;
}

describe('GET pods/{name}/log?follow=true', () => {
  it('streams each line as it is written, one chunk per line, and ends when the instance stops', async () => {
    const app = runningPod('follow-restart');
    const follow = await followLog(t.server, adminToken, 'lab', 'follow-restart', 'timestamps=true');
    expect(follow.status).toBe(200);
    writeAt(app, Date.parse('2026-11-23T09:16:14.001Z'), 'first');
    await eventually(() => expect(follow.text).toBe('2026-11-23T09:16:14.001000000Z first\n'));
    writeAt(app, Date.parse('2026-11-23T09:16:16.002Z'), 'second', 'stderr');
    await eventually(() => expect(follow.text.split('\n')).toHaveLength(3));
    expect(follow.chunks).toBe(2);
    expect(follow.ended).toBe(false);
    // A restart starts a new instance: the stream of the old one is over, the client reconnects.
    const next = restart('follow-restart', 1);
    await eventually(() => expect(follow.ended).toBe(true));
    expect(follow.text).toBe('2026-11-23T09:16:14.001000000Z first\n2026-11-23T09:16:16.002000000Z second\n');
    writeAt(next, Date.parse('2026-11-23T09:16:31Z'), 'second life');
    const reconnected = await followLog(t.server, adminToken, 'lab', 'follow-restart');
    await eventually(() => expect(reconnected.text).toBe('second life\n'));
    expect((await get('follow-restart', 'previous=true')).text).toBe('first\nsecond\n');
    reconnected.close();
  });

  it('sends the lines one turn wrote together, as a kubelet copies its log file in blocks, every one of them in order', async () => {
    const app = runningPod('follow-burst');
    const follow = await followLog(t.server, adminToken, 'lab', 'follow-burst');
    const burst = Array.from({ length: 1000 }, (_, i) => `burst line ${i}`);
    for (const line of burst) writeAt(app, Date.parse('2026-11-23T09:16:14Z'), line);
    await eventually(() => expect(follow.text).toBe(`${burst.join('\n')}\n`));
    // One write, not one per line (the socket may still cut it).
    expect(follow.chunks).toBeLessThan(50);
    follow.close();
  });

  it('starts with the selected backlog, then stays open (the recorded three seconds of web)', async () => {
    const app = runningPod('follow-web');
    const recordedFollow = readFixtureText('logs/web-follow-3s.txt').trimEnd().split('\n');
    writeAt(app, Date.parse('2026-11-23T09:16:12.5Z'), '09:16:12 web tick 190');
    writeAt(app, Date.parse('2026-11-23T09:16:13.5Z'), recordedFollow[0] ?? '');
    const follow = await followLog(t.server, adminToken, 'lab', 'follow-web', 'tailLines=1');
    await eventually(() => expect(follow.text).toBe(`${recordedFollow[0]}\n`));
    recordedFollow.slice(1).forEach((line, index) => writeAt(app, Date.parse('2026-11-23T09:16:14.5Z') + index * 1000, line));
    await eventually(() => expect(follow.text).toBe(readFixtureText('logs/web-follow-3s.txt')));
    expect(follow.ended).toBe(false);
    follow.close();
  });

  it('ends once limitBytes are written', async () => {
    const app = runningPod('follow-limit');
    const follow = await followLog(t.server, adminToken, 'lab', 'follow-limit', 'limitBytes=20');
    writeAt(app, Date.parse('2026-11-23T09:16:18Z'), 'alpha 09:16:18');
    writeAt(app, Date.parse('2026-11-23T09:16:20Z'), 'alpha 09:16:20');
    await eventually(() => expect(follow.ended).toBe(true));
    expect(follow.text).toBe('alpha 09:16:18\nalpha');
  });

  it('of a container that is not running answers what there is and ends', async () => {
    const follow = await followLog(t.server, adminToken, 'lab', 'crashy');
    await eventually(() => expect(follow.ended).toBe(true));
    expect(follow.text).toBe(readFixtureText('logs/crashy-current.txt'));
  });

  it('drops whole lines instead of buffering without bound for a follower that does not read', async () => {
    const app = runningPod('follow-slow');
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpsRequest(
        `${t.server.url}/api/v1/namespaces/lab/pods/follow-slow/log?follow=true`,
        { headers: { Authorization: `Bearer ${adminToken}` }, ca: t.server.certificateAuthority, agent: false },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    response.pause();
    const line = `${'x'.repeat(95)}`;
    const written = 200_000;
    for (let index = 0; index < written; index++) writeAt(app, Date.parse('2026-11-23T09:16:40Z'), `${String(index).padStart(6, '0')} ${line}`);
    app.end();
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve) => response.on('end', () => resolve()));
    response.resume();
    await ended;
    const received = Buffer.concat(chunks).toString('utf8').split('\n').filter((text) => text !== '');
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(written);
    for (const text of received) expect(text).toMatch(/^\d{6} x{95}$/);
    const numbers = received.map((text) => Number(text.slice(0, 6)));
    expect(numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? 0))).toBe(true);
  });

  it('ends when the pod and its containers are removed', async () => {
    const app = runningPod('follow-delete');
    const follow = await followLog(t.server, adminToken, 'lab', 'follow-delete');
    writeAt(app, Date.parse('2026-11-23T09:16:22Z'), 'still here');
    await eventually(() => expect(follow.text).toBe('still here\n'));
    logs.removePod('lab', 'follow-delete');
    await eventually(() => expect(follow.ended).toBe(true));
  });
});

describe("client-node's Log against the endpoint", () => {
  function collect(): { stream: PassThrough; text: () => string; ended: () => boolean } {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      ended = true;
    });
    return { stream, text: () => Buffer.concat(chunks).toString('utf8'), ended: () => ended };
  }

  it('reads tailLines/timestamps, previous, sinceSeconds and limitBytes', async () => {
    const log = new Log(kubeConfigFor(t.server));
    const cases: Array<[LogOptions, string]> = [
      [{ tailLines: 5, timestamps: true }, toMillisecondTimestamps(readFixtureText('logs/web-tail5-timestamps.txt'))],
      [{ previous: true }, readFixtureText('logs/web-previous-none.json')],
      [{ sinceSeconds: 3, timestamps: true }, toMillisecondTimestamps(readFixtureText('logs/web-since3s.txt'))],
      [{ limitBytes: 40 }, readFixtureText('logs/web-limitbytes40.txt')],
    ];
    for (const [options, expected] of cases) {
      const sink = collect();
      await log.log('lab', 'web', 'web', sink.stream, options);
      await eventually(() => expect(sink.ended()).toBe(true));
      expect(sink.text()).toBe(expected);
    }
  });

  it('follows until the container restarts', async () => {
    const sink = collect();
    const app = runningPod('client-follow');
    writeAt(app, Date.parse('2026-11-23T09:16:23Z'), 'before');
    const controller = await new Log(kubeConfigFor(t.server)).log('lab', 'client-follow', 'app', sink.stream, { follow: true, tailLines: 1 });
    writeAt(app, Date.parse('2026-11-23T09:16:24Z'), 'after');
    await eventually(() => expect(sink.text()).toBe('before\nafter\n'));
    restart('client-follow', 1);
    await eventually(() => expect(sink.ended()).toBe(true));
    controller.abort();
  });

  it('rejects with the status code of a refusal', async () => {
    const sink = collect();
    await expect(new Log(kubeConfigFor(t.server)).log('lab', 'badimage', 'bad', sink.stream)).rejects.toMatchObject({ code: 400 });
  });
});
