import { describe, expect, it } from 'vitest';
import type { StreamEnd, TerminalSize } from '../../src/kube/debug/streamSession.js';
import { DetachKeyMatcher } from '../../src/terminal/detachKeys.js';
import { restoreActiveHandovers } from '../../src/terminal/activeHandovers.js';
import { attachBanner, handTerminalTo, PROMPT_HINT, type HandoverStream } from '../../src/terminal/handover.js';
import { TerminalModeTracker } from '../../src/terminal/terminalModes.js';
import { FakeStdin, FakeStdout } from './handoverFakes.js';

class FakeStream implements HandoverStream {
  events: Array<{ kind: 'write'; text: string } | { kind: 'resize'; size: TerminalSize } | { kind: 'close' }> = [];
  private listeners = new Set<(data: Buffer, channel: 'stdout' | 'stderr') => void>();
  private finish!: (end: StreamEnd) => void;
  readonly done = new Promise<StreamEnd>((resolve) => (this.finish = resolve));
  write(data: Uint8Array): void {
    this.events.push({ kind: 'write', text: Buffer.from(data).toString('latin1') });
  }
  resize(size: TerminalSize): void {
    this.events.push({ kind: 'resize', size });
  }
  onOutput(listener: (data: Buffer, channel: 'stdout' | 'stderr') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  stdinClosed = false;
  closeStdin(): void {
    this.stdinClosed = true;
  }
  close(): void {
    this.events.push({ kind: 'close' });
    this.finish({ how: 'closed' });
  }
  output(text: string, channel: 'stdout' | 'stderr' = 'stdout'): void {
    for (const listener of this.listeners) listener(Buffer.from(text), channel);
  }
  end(end: StreamEnd): void {
    this.finish(end);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  get typed(): string {
    return this.events.map((e) => (e.kind === 'write' ? e.text : '')).join('');
  }
}

function setup() {
  return { stdin: new FakeStdin(), stdout: new FakeStdout(), stream: new FakeStream() };
}

function expectClean(stdin: FakeStdin, stdout: FakeStdout, stream: FakeStream): void {
  expect(stdin.isRaw).toBe(false);
  expect(stdin.paused).toBe(true);
  expect(stdin.listenerCount('data')).toBe(0);
  expect(stdout.listenerCount('resize')).toBe(0);
  expect(stream.listenerCount).toBe(0);
}

describe('DetachKeyMatcher', () => {
  it('detaches on Ctrl-P Ctrl-Q, also split across reads, and forwards what came before', () => {
    expect(new DetachKeyMatcher().feed(Buffer.from('ls\x10\x11rest'))).toEqual({ forward: Buffer.from('ls'), detach: true });
    const split = new DetachKeyMatcher();
    expect(split.feed(Buffer.from('a\x10'))).toEqual({ forward: Buffer.from('a'), detach: false });
    expect(split.feed(Buffer.from('\x11'))).toEqual({ forward: Buffer.alloc(0), detach: true });
  });

  it('forwards a lone Ctrl-P followed by another key, and Ctrl-P Ctrl-P Ctrl-Q detaches after forwarding one', () => {
    const matcher = new DetachKeyMatcher();
    expect(matcher.feed(Buffer.from('\x10'))).toEqual({ forward: Buffer.alloc(0), detach: false });
    expect(matcher.feed(Buffer.from('x'))).toEqual({ forward: Buffer.from('\x10x'), detach: false });
    expect(new DetachKeyMatcher().feed(Buffer.from('\x10\x10\x11'))).toEqual({ forward: Buffer.from('\x10'), detach: true });
  });
});

describe('handTerminalTo with fake streams', () => {
  it('sends the size first, pipes both ways, follows resizes and resolves with the exit', async () => {
    const { stdin, stdout, stream } = setup();
    const done = handTerminalTo(stream, { stdin, stdout, preamble: [attachBanner('web', 'debugger-abcde')] });
    expect(stdin.isRaw).toBe(true);
    expect(stdin.paused).toBe(false);
    expect(stream.events[0]).toEqual({ kind: 'resize', size: { columns: 80, rows: 24 } });
    expect(stdout.written).toBe('attached to pod/web container debugger-abcde — Ctrl-P Ctrl-Q to detach; exit the shell to return\r\n');
    stdin.type('echo hi\r');
    stream.output('hi\r\n/ # ');
    stdout.resizeTo(100, 30);
    expect(stream.events.at(-1)).toEqual({ kind: 'resize', size: { columns: 100, rows: 30 } });
    expect(stream.typed).toBe('echo hi\r');
    expect(stdout.written.endsWith('hi\r\n/ # ')).toBe(true);
    stream.end({ how: 'exited', exitCode: 3 });
    expect(await done).toEqual({ how: 'exited', exitCode: 3 });
    expectClean(stdin, stdout, stream);
    expect(stdin.rawHistory).toEqual([true, false]);
  });

  it('detaches on Ctrl-P Ctrl-Q without sending them, and a lone Ctrl-P reaches the shell', async () => {
    const { stdin, stdout, stream } = setup();
    const recorded: string[] = [];
    const done = handTerminalTo(stream, { stdin, stdout, onOutput: (data) => recorded.push(data.toString()) });
    stream.output('prompt');
    stdin.type('\x10a');
    stdin.type('b\x10');
    stdin.type('\x11');
    expect(await done).toEqual({ how: 'detached' });
    expect(stream.typed).toBe('\x10ab');
    expect(stream.events.at(-1)).toEqual({ kind: 'close' });
    expect(recorded).toEqual(['prompt']);
    expectClean(stdin, stdout, stream);
  });

  it('reports a dropped connection and an exec error, restoring the terminal both times', async () => {
    const first = setup();
    const dropped = handTerminalTo(first.stream, { stdin: first.stdin, stdout: first.stdout });
    first.stream.end({ how: 'disconnected' });
    expect(await dropped).toEqual({ how: 'disconnected' });
    expectClean(first.stdin, first.stdout, first.stream);

    const second = setup();
    const failed = handTerminalTo(second.stream, { stdin: second.stdin, stdout: second.stdout });
    second.stream.end({ how: 'exited', error: 'executable file not found in $PATH' });
    expect(await failed).toEqual({ how: 'exited', error: 'executable file not found in $PATH' });
    expectClean(second.stdin, second.stdout, second.stream);
  });

  it('with piped stdin: no raw mode, no size, no detach keys', async () => {
    const { stdin, stdout, stream } = setup();
    stdin.isTTY = false;
    stdout.isTTY = false;
    const errors: string[] = [];
    const done = handTerminalTo(stream, { stdin, stdout, stderr: { write: (chunk) => errors.push(String(chunk)) > 0 } });
    stream.output('err\n', 'stderr');
    stream.output('out\n');
    expect(errors).toEqual(['err\n']);
    expect(stdout.written).toBe('out\n');
    stdin.type('data \x10\x11 more');
    expect(stream.typed).toBe('data \x10\x11 more');
    expect(stream.events.some((e) => e.kind === 'resize')).toBe(false);
    stream.end({ how: 'exited', exitCode: 0 });
    expect(await done).toEqual({ how: 'exited', exitCode: 0 });
    expect(stdin.rawHistory).toEqual([]);
    expect(stdin.listenerCount('data')).toBe(0);
  });

  it('clears the screen and scrollback, then prints the banner and the hint, and nudges the shell to redraw its prompt', async () => {
    const { stdin, stdout, stream } = setup();
    const done = handTerminalTo(stream, { stdin, stdout, clearScreen: true, preamble: [attachBanner('web', 'debugger-abcde'), PROMPT_HINT], redraw: true });
    expect(stdout.written).toBe(
      '\x1b[H\x1b[2J\x1b[3J' + 'attached to pod/web container debugger-abcde — Ctrl-P Ctrl-Q to detach; exit the shell to return\r\n' + "If you don't see a command prompt, press Enter.\r\n",
    );
    // One row less, then the real size: the kernel signals only a change, and busybox redraws on it.
    expect(stream.events.slice(0, 2)).toEqual([
      { kind: 'resize', size: { columns: 80, rows: 23 } },
      { kind: 'resize', size: { columns: 80, rows: 24 } },
    ]);
    stream.end({ how: 'exited', exitCode: 0 });
    await done;
  });

  it('sends what was typed while the session opened before anything typed now', async () => {
    const { stdin, stdout, stream } = setup();
    const done = handTerminalTo(stream, { stdin, stdout, typeahead: 'ls\r' });
    stdin.type('pwd\r');
    expect(stream.typed).toBe('ls\rpwd\r');
    stream.end({ how: 'exited', exitCode: 0 });
    await done;
  });

  it('undoes every mode the remote program switched on when the session ends', async () => {
    const { stdin, stdout, stream } = setup();
    const done = handTerminalTo(stream, { stdin, stdout });
    stream.output('\x1b[?1049h\x1b[?1000;1006h\x1b[?2004h\x1b[?25l\x1b=\x1b[?1h');
    stdout.written = '';
    stream.end({ how: 'disconnected' });
    await done;
    const undo = stdout.written;
    for (const reset of ['\x1b[?1049l', '\x1b[?1000l', '\x1b[?1006l', '\x1b[?1002l', '\x1b[?1003l', '\x1b[?2004l', '\x1b[?25h', '\x1b>', '\x1b[?1l']) expect(undo).toContain(reset);
  });

  it('a signal while the shell has the terminal restores it at once: modes, cooked tty, listeners', () => {
    const { stdin, stdout, stream } = setup();
    void handTerminalTo(stream, { stdin, stdout });
    stream.output('\x1b[?1049h\x1b[?1003h');
    stdout.written = '';
    // What the exit handlers (and TerminalGuard.leave) call on SIGTERM, SIGINT, SIGHUP or a crash.
    restoreActiveHandovers();
    expect(stdout.written).toContain('\x1b[?1049l');
    expect(stdout.written).toContain('\x1b[?1003l');
    expectClean(stdin, stdout, stream);
    // Only once: a second exit path finds nothing left to restore.
    stdout.written = '';
    restoreActiveHandovers();
    expect(stdout.written).toBe('');
  });

  it('with piped stdin, the end of the input closes the remote stdin (v5)', async () => {
    const { stdin, stdout, stream } = setup();
    stdin.isTTY = false;
    stdout.isTTY = false;
    const done = handTerminalTo(stream, { stdin, stdout });
    stdin.type('exit\n');
    stdin.emit('end');
    expect(stream.stdinClosed).toBe(true);
    stream.end({ how: 'exited', exitCode: 0 });
    await done;
    expect(stdin.listenerCount('end')).toBe(0);
  });
});

describe('TerminalModeTracker', () => {
  it('follows set and reset of private modes, also split across chunks', () => {
    const tracker = new TerminalModeTracker();
    tracker.feed('text \x1b[?10');
    tracker.feed('49h more \x1b[?1000;1006h\x1b[?2004h');
    expect(tracker.inAlternateScreen).toBe(true);
    expect(tracker.switchedOn().privateModes).toEqual([1000, 1006, 1049, 2004]);
    tracker.feed(Buffer.from('\x1b[?1000l\x1b[?1049l'));
    expect(tracker.inAlternateScreen).toBe(false);
    expect(tracker.switchedOn().privateModes).toEqual([1006, 2004]);
    tracker.feed('\x1b');
    tracker.feed('=');
    expect(tracker.switchedOn().applicationKeypad).toBe(true);
    tracker.feed('\x1bc');
    expect(tracker.switchedOn()).toEqual({ privateModes: [], applicationKeypad: false });
  });

  it('leaves the alternate screen only if it was entered, and resets the harmless ones always', () => {
    const plain = new TerminalModeTracker().restoreSequence();
    expect(plain).not.toContain('\x1b[?1049l');
    expect(plain).toContain('\x1b[?1000l');
    expect(plain).toContain('\x1b[?25h');
    const tracker = new TerminalModeTracker();
    tracker.feed('\x1b[?47h');
    expect(tracker.restoreSequence()).toContain('\x1b[?47l');
  });
});
