import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchDebugContainer } from '../../src/kube/debug/launchDebugContainer.js';
import { waitForContainer } from '../../src/kube/debug/waitForContainer.js';
import { openTerminalSession, runTerminalSession } from '../../src/terminal/handoverSession.js';
import { SessionFilesError } from '../../src/audit/sessionFiles.js';
import { DebugError } from '../../src/kube/debug/debugError.js';
import { writeFileSync } from 'node:fs';
import { eventually } from '../kube/demoHarness.js';
import { containerState, startDebugHarness, type DebugHarness } from '../kube/debug/debugHarness.js';
import { FakeStdin, FakeStdout } from './handoverFakes.js';

describe('runTerminalSession against the demo cluster', () => {
  let harness: DebugHarness;
  let dir: string;

  beforeAll(async () => {
    harness = await startDebugHarness();
    dir = mkdtempSync(join(tmpdir(), 'podscope-handover-'));
  }, 90_000);

  afterAll(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runningDebugger(): Promise<{ container: string; image: string }> {
    const launched = await launchDebugContainer(harness.session, { namespace: 'lab', pod: 'web', image: 'busybox:1.36', target: 'web' });
    await waitForContainer(harness.session, { namespace: 'lab', pod: 'web', container: launched.container });
    return { container: launched.container, image: launched.image };
  }

  it('runs a shell to its exit code, writing the audit line and the recording', async () => {
    const { container, image } = await runningDebugger();
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const auditPath = join(dir, 'state', 'podscope', 'audit.jsonl');
    const session = runTerminalSession(harness.session, {
      kind: 'debug',
      namespace: 'lab',
      pod: 'web',
      container,
      image,
      target: 'web',
      profile: 'general',
      stdin,
      stdout,
      recordDir: join(dir, 'casts'),
      auditPath,
    });
    await eventually(() => expect(stdin.listenerCount('data')).toBe(1));
    stdin.type('echo $((6*7))\r');
    await eventually(() => expect(stdout.written).toMatch(/\r\n42\r\n/));
    stdout.resizeTo(100, 30);
    stdin.type('stty size\r');
    await eventually(() => expect(stdout.written).toContain('30 100'));
    stdin.type('exit 3\r');
    const result = await session;
    expect(result).toMatchObject({ how: 'exited', exitCode: 3 });
    expect(stdin.isRaw).toBe(false);
    expect(stdin.listenerCount('data')).toBe(0);

    const line = JSON.parse(readFileSync(auditPath, 'utf8').trim()) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(
      ['time', 'kind', 'user', 'context', 'server', 'namespace', 'pod', 'container', 'image', 'target', 'profile', 'start', 'end', 'outcome', 'exitCode', 'bytesIn', 'bytesOut'].sort(),
    );
    expect(line).toMatchObject({ kind: 'debug', user: harness.session.user, context: 'podscope-demo', server: harness.demo.url, namespace: 'lab', pod: 'web', container, image, target: 'web', profile: 'general', outcome: 'exited', exitCode: 3 });
    expect(line['bytesIn']).toBe(Buffer.byteLength('echo $((6*7))\rstty size\rexit 3\r'));
    expect(line['bytesOut']).toBeGreaterThan(0);

    const cast = readFileSync(result.castPath ?? '', 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(cast[0]).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(cast[1]).toEqual([expect.any(Number), 'r', '80x24']);
    expect(cast).toContainEqual([expect.any(Number), 'r', '100x30']);
    const output = cast.filter((e): e is [number, string, string] => Array.isArray(e) && e[1] === 'o').map((e) => e[2]).join('');
    expect(output).toContain('42');
  });

  it('detaches on Ctrl-P Ctrl-Q and leaves the container running', async () => {
    const { container } = await runningDebugger();
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const session = runTerminalSession(harness.session, { kind: 'attach', namespace: 'lab', pod: 'web', container, stdin, stdout, auditPath: null });
    await eventually(() => expect(stdin.listenerCount('data')).toBe(1));
    stdin.type('echo still-here\r');
    await eventually(() => expect(stdout.written).toContain('still-here\r\n'));
    stdin.type('\x10\x11');
    expect(await session).toEqual({ how: 'detached' });
    expect((await containerState(harness.session, 'lab', 'web', container))?.running).toBeDefined();
  });

  it('rejects with the server text when the container has exited, and audits the failure', async () => {
    const { container } = await runningDebugger();
    const first = new FakeStdin();
    const done = runTerminalSession(harness.session, { kind: 'attach', namespace: 'lab', pod: 'web', container, stdin: first, stdout: new FakeStdout(), auditPath: null });
    await eventually(() => expect(first.listenerCount('data')).toBe(1));
    first.type('exit\r');
    expect(await done).toMatchObject({ how: 'exited', exitCode: 0 });

    const auditPath = join(dir, 'failed.jsonl');
    await expect(runTerminalSession(harness.session, { kind: 'attach', namespace: 'lab', pod: 'web', container, stdin: new FakeStdin(), stdout: new FakeStdout(), auditPath })).rejects.toThrow(
      `container ${container} not found in pod web_lab`,
    );
    expect(JSON.parse(readFileSync(auditPath, 'utf8'))).toMatchObject({ outcome: 'failed', exitCode: null, error: `container ${container} not found in pod web_lab` });
  });

  it('an attach shows the prompt the shell printed before anyone came: banner, hint, and the redraw a resize makes', async () => {
    const { container } = await runningDebugger();
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const opened = await openTerminalSession(harness.session, { kind: 'attach', namespace: 'lab', pod: 'web', container, stdin, stdout, auditPath: null });
    // Opened, not handed over: nothing reached the terminal yet.
    expect(stdout.written).toBe('');
    const done = opened.handOver({ clearScreen: true });
    await eventually(() => expect(stdout.written).toContain('/ # '));
    expect(stdout.written.startsWith('\x1b[H\x1b[2J\x1b[3J' + `attached to pod/web container ${container}`)).toBe(true);
    expect(stdout.written).toContain("If you don't see a command prompt, press Enter.\r\n");
    // The redraw, as busybox's ash answers a size change (attach-ephemeral-tty-v4.jsonl): \r/ # \e[J
    expect(stdout.written).toContain('\r/ # \x1b[J');
    stdin.type('exit\r');
    expect(await done).toMatchObject({ how: 'exited', exitCode: 0 });
  });

  it('an exec in an image without a shell fails while the caller still owns the screen, and is audited', async () => {
    const auditPath = join(dir, 'noshell.jsonl');
    const stdout = new FakeStdout();
    const failure = openTerminalSession(harness.session, { kind: 'exec', namespace: 'states', pod: 'noshell', container: 'app', command: ['sh'], stdin: new FakeStdin(), stdout, auditPath });
    await expect(failure).rejects.toBeInstanceOf(DebugError);
    await expect(failure).rejects.toThrow(/exec: "sh": executable file not found in \$PATH/);
    expect(stdout.written).toBe('');
    expect(JSON.parse(readFileSync(auditPath, 'utf8'))).toMatchObject({ kind: 'exec', pod: 'noshell', command: ['sh'], outcome: 'failed', exitCode: null });
  });

  it('an exec of a shell is confirmed by its prompt and handed over without the hint', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const opened = await openTerminalSession(harness.session, { kind: 'exec', namespace: 'lab', pod: 'web', container: 'web', command: ['sh'], stdin, stdout, auditPath: null });
    const done = opened.handOver();
    await eventually(() => expect(stdout.written).toContain('/ # '));
    expect(stdout.written).not.toContain("If you don't see a command prompt");
    stdin.type('exit 127\r');
    expect(await done).toMatchObject({ how: 'exited', exitCode: 127 });
  });

  it('an unwritable --record directory stops the session before anything is sent, with one line', async () => {
    const { container } = await runningDebugger();
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, '');
    const failure = openTerminalSession(harness.session, { kind: 'attach', namespace: 'lab', pod: 'web', container, stdin: new FakeStdin(), stdout: new FakeStdout(), auditPath: null, recordDir: join(file, 'casts') });
    await expect(failure).rejects.toBeInstanceOf(SessionFilesError);
    await expect(failure).rejects.toThrow(`cannot write recordings (--record) in ${join(file, 'casts')}: a parent is not a directory`);
  });
});
