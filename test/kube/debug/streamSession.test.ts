import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStreamStatus } from '../../../src/kube/debug/channelStatus.js';
import { containerExitCode } from '../../../src/kube/debug/containerExit.js';
import { DebugError } from '../../../src/kube/debug/debugError.js';
import { launchDebugContainer } from '../../../src/kube/debug/launchDebugContainer.js';
import { execPath, openAttach, openExec, STREAM_PROTOCOLS, type StreamSession } from '../../../src/kube/debug/streamSession.js';
import { waitForContainer } from '../../../src/kube/debug/waitForContainer.js';
import { readFixtureText } from '../../helpers/fixtures.js';
import { eventually } from '../demoHarness.js';
import { containerState, startDebugHarness, type DebugHarness } from './debugHarness.js';

function collect(stream: StreamSession): { text: (channel?: 'stdout' | 'stderr') => string } {
  const chunks: Array<[string, string]> = [];
  stream.onOutput((data, channel) => chunks.push([channel, data.toString('utf8')]));
  return { text: (channel) => chunks.filter(([c]) => channel === undefined || c === channel).map(([, t]) => t).join('') };
}

function recordedStatus(file: string): string {
  const line = readFixtureText(`streams/${file}`)
    .split('\n')
    .find((l) => l.includes('"channel":3'));
  return (JSON.parse(line ?? '{}') as { text: string }).text;
}

describe('channel status', () => {
  it('reads the recorded Status frames', () => {
    expect(parseStreamStatus(recordedStatus('exec-ok-v4.jsonl'))).toEqual({ exitCode: 0 });
    expect(parseStreamStatus(recordedStatus('exec-exit7-v4.jsonl'))).toEqual({ exitCode: 7 });
    expect(parseStreamStatus(recordedStatus('exec-tty-resize-v4.jsonl'))).toEqual({ exitCode: 3 });
    const noshell = parseStreamStatus(recordedStatus('exec-noshell-v4.jsonl'));
    expect('error' in noshell && noshell.error).toMatch(/^Internal error occurred: .*executable file not found in \$PATH: unknown$/);
  });

  it('URL-encodes each exec argument as its own command parameter', () => {
    const path = execPath({ namespace: 'lab', pod: 'web', container: 'web', command: ['sh', '-c', 'echo a; echo b'] });
    expect(path).toBe('/api/v1/namespaces/lab/pods/web/exec?command=sh&command=-c&command=echo+a%3B+echo+b&container=web&stdin=false&stdout=true&stderr=true&tty=false');
  });
});

describe('attach and exec streams on the demo cluster', () => {
  let harness: DebugHarness;

  beforeAll(async () => {
    harness = await startDebugHarness();
  }, 90_000);

  afterAll(async () => {
    await harness.close();
  });

  async function runningDebugger(): Promise<string> {
    const launched = await launchDebugContainer(harness.session, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' });
    await waitForContainer(harness.session, { namespace: 'lab', pod: 'web', container: launched.container });
    return launched.container;
  }

  it('attaches with a TTY: 42, the size it was told, and the exit code', async () => {
    const container = await runningDebugger();
    const stream = await openAttach(harness.session, { namespace: 'lab', pod: 'web', container });
    expect(STREAM_PROTOCOLS).toContain(stream.protocol);
    expect(stream.protocol).toBe('v4.channel.k8s.io');
    const output = collect(stream);
    stream.resize({ columns: 100, rows: 30 });
    stream.write('echo $((6*7))\n');
    await eventually(() => expect(output.text()).toMatch(/\r\n42\r\n/));
    stream.write('stty size\n');
    await eventually(() => expect(output.text()).toContain('30 100\r\n'));
    stream.write('exit 3\n');
    // Attach's Status is Success whatever the shell's code (as recorded); the code is the container's.
    expect(await stream.done).toEqual({ how: 'exited', exitCode: 0 });
    expect(await containerExitCode(harness.session, { namespace: 'lab', pod: 'web', container, timeoutMs: 20_000 })).toBe(3);
    const counters = stream.counters();
    expect(counters.bytesIn).toBe(Buffer.byteLength('echo $((6*7))\nstty size\nexit 3\n'));
    expect(counters.bytesOut).toBe(Buffer.byteLength(output.text()));

    // The container has exited: the kubelet's 500 text comes back as the error.
    const refused = await openAttach(harness.session, { namespace: 'lab', pod: 'web', container }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DebugError);
    expect(refused).toMatchObject({ kind: 'streamRefused', message: `container ${container} not found in pod web_lab`, extra: { status: 500 } });
  });

  it('detaches by closing: the container keeps running and the same shell is there again', async () => {
    const container = await runningDebugger();
    const first = await openAttach(harness.session, { namespace: 'lab', pod: 'web', container });
    const firstOut = collect(first);
    first.write('echo pid=$$\n');
    await eventually(() => expect(firstOut.text()).toMatch(/pid=\d+\r\n/));
    const pid = /pid=(\d+)\r\n/.exec(firstOut.text())?.[1];
    first.close();
    expect(await first.done).toEqual({ how: 'closed' });
    expect((await containerState(harness.session, 'lab', 'web', container))?.running).toBeDefined();

    const second = await openAttach(harness.session, { namespace: 'lab', pod: 'web', container });
    const secondOut = collect(second);
    second.write('echo again=$$\n');
    await eventually(() => expect(secondOut.text()).toContain(`again=${pid}`));
    second.write('exit\n');
    expect(await second.done).toEqual({ how: 'exited', exitCode: 0 });
  });

  it('execs a command: stdout and stderr apart, and its exit code', async () => {
    const stream = await openExec(harness.session, { namespace: 'lab', pod: 'web', container: 'web', command: ['sh', '-c', 'echo out; echo err >&2; exit 7'] });
    const output = collect(stream);
    expect(await stream.done).toEqual({ how: 'exited', exitCode: 7 });
    expect(output.text('stdout')).toBe('out\n');
    expect(output.text('stderr')).toBe('err\n');
  });

  it('returns the runtime error for a shell-less image', async () => {
    const stream = await openExec(harness.session, { namespace: 'states', pod: 'noshell', container: 'app', command: ['sh'] });
    const end = await stream.done;
    expect(end.how).toBe('exited');
    expect(end.exitCode).toBeUndefined();
    expect(end.error).toContain('executable file not found in $PATH');
  });
});
