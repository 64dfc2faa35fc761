import { rmSync } from 'node:fs';
import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { AsciicastRecorder } from '../../src/audit/asciicast.js';
import { cursorShownAfter } from './escapes.js';
import { captureFrame, frameText, type ScreenFrame } from './screenModel.js';

const { Terminal } = xterm;

/** Longest pause a recording keeps: waiting on the cluster longer than this is cut, as asciinema's -i does. */
export const IDLE_LIMIT_SECONDS = 1.5;

export interface SessionOptions {
  command: string;
  args: readonly string[];
  cols: number;
  rows: number;
  env: Record<string, string>;
  cwd: string;
  /** Record to this asciicast v2 file (overwritten). */
  castPath?: string;
  title?: string;
  /** Shown typed at a `$ ` prompt before the program starts (the command line a viewer would type). */
  prompt?: string;
}

/**
 * A program in a pseudo-terminal with a headless xterm reading its output: the screen as a person
 * would see it, for screenshots, and every byte with its time, for a recording. Time in the
 * recording is the wall clock with idle stretches cut to IDLE_LIMIT_SECONDS, and starts at 0, so
 * two recordings of the same tour differ only where the program drew something different.
 */
export class PtySession {
  private pty!: IPty;
  private readonly terminal: InstanceType<typeof Terminal>;
  private recorder: AsciicastRecorder | undefined;
  private cursorVisible = true;
  private exitCode: number | undefined;
  private readonly exitWaiters: Array<() => void> = [];
  /** Recording time: wall clock with gaps capped. */
  private virtualMs = 0;
  private lastRealMs = Date.now();
  /** A pause asked for by hold(): the next gap may be this long. */
  private holdMs = 0;

  private constructor(options: SessionOptions) {
    this.terminal = new Terminal({ cols: options.cols, rows: options.rows, allowProposedApi: true });
    // Answer what a real terminal answers (a shell asking where the cursor is); answers are input, not recorded.
    this.terminal.onData((reply) => this.pty.write(reply));
  }

  private launch(options: SessionOptions): void {
    this.pty = spawn(options.command, [...options.args], { name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env });
    this.pty.onData((data) => this.output(data));
    this.pty.onExit(({ exitCode }) => {
      this.exitCode = exitCode;
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  static async start(options: SessionOptions): Promise<PtySession> {
    const session = new PtySession(options);
    if (options.castPath !== undefined) {
      rmSync(options.castPath, { force: true });
      const slash = options.castPath.lastIndexOf('/');
      session.recorder = await AsciicastRecorder.create(options.castPath.slice(0, slash), options.castPath.slice(slash + 1), {
        width: options.cols,
        height: options.rows,
        env: { SHELL: '/bin/sh', TERM: 'xterm-256color' },
        ...(options.title === undefined ? {} : { title: options.title }),
        now: () => session.clock(),
      });
    }
    if (options.prompt !== undefined) {
      session.show('\x1b[H\x1b[2J$ ');
      await session.hold(400);
      for (const key of options.prompt) {
        session.show(key);
        await sleep(90);
      }
      await session.hold(300);
      session.show('\r\n');
    }
    session.launch(options);
    return session;
  }

  private clock(): number {
    const real = Date.now();
    this.virtualMs += Math.min(real - this.lastRealMs, Math.max(IDLE_LIMIT_SECONDS * 1000, this.holdMs));
    this.holdMs = 0;
    this.lastRealMs = real;
    return this.virtualMs;
  }

  /** Leaves the screen as it is for `ms`, kept whole in the recording (a pause for the viewer to read). */
  async hold(ms: number): Promise<void> {
    await sleep(ms);
    this.holdMs = ms + 100;
  }

  /** Output that did not come from the program (the prompt and the command typed at it), recorded and shown. */
  show(text: string): void {
    this.output(text);
  }

  private output(data: string): void {
    this.recorder?.output(data);
    this.cursorVisible = cursorShownAfter(data, this.cursorVisible);
    this.terminal.write(data);
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  /** Types like a person: one key at a time. */
  async type(text: string, perKeyMs = 70): Promise<void> {
    for (const key of text) {
      this.write(key);
      await sleep(perKeyMs);
    }
  }

  async frame(): Promise<ScreenFrame> {
    await new Promise<void>((resolve) => this.terminal.write('', resolve));
    return captureFrame(this.terminal, this.cursorVisible);
  }

  async text(): Promise<string> {
    return frameText(await this.frame()).join('\n');
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.text();
      if (predicate(screen)) return screen;
      if (this.exitCode !== undefined || Date.now() > deadline) throw new Error(`timed out waiting for ${what}; exit=${String(this.exitCode)}; screen:\n${screen}`);
      await sleep(50);
    }
  }

  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((screen) => (typeof text === 'string' ? screen.includes(text) : text.test(screen)), String(text), timeoutMs);
  }

  async waitForExit(timeoutMs = 20_000): Promise<number> {
    if (this.exitCode !== undefined) return this.exitCode;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the program to exit')), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.exitCode ?? -1;
  }

  /** Stops the recording and the program (if it still runs). */
  async close(): Promise<void> {
    if (this.exitCode === undefined) this.pty.kill();
    await this.recorder?.close();
    this.recorder = undefined;
    this.terminal.dispose();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
