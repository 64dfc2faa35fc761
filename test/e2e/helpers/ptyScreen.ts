import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';

const { Terminal } = xterm;

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const binPath = join(repoRoot, 'bin', 'podscope.js');

export interface PtyScreenOptions {
  args: string[];
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run this instead of `node bin/podscope.js args` (e.g. a shell that runs podscope, then `stty -a`). */
  command?: { file: string; args: string[] };
}

/** The terminal modes a program can leave switched on, as the terminal itself holds them. */
export interface ScreenModes {
  alternateScreen: boolean;
  mouseTracking: string;
  bracketedPaste: boolean;
  applicationCursorKeys: boolean;
  applicationKeypad: boolean;
  focusEvents: boolean;
  cursorHidden: boolean;
}

/**
 * The real `bin/podscope.js` in a pseudo-terminal, with a headless xterm interpreting what it writes,
 * so tests read the screen a person would see (not the raw escape stream).
 */
export class PtyScreen {
  readonly pty: IPty;
  private readonly terminal: InstanceType<typeof Terminal>;
  private exitInfo: { exitCode: number; signal?: number } | undefined;
  private readonly exitWaiters: Array<() => void> = [];
  private raw = '';
  private readonly chunks: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');

  constructor(options: PtyScreenOptions) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.terminal = new Terminal({ cols, rows, allowProposedApi: true });
    // Answer the queries a real terminal answers (cursor position for busybox sh, device attributes).
    this.terminal.onData((reply) => this.pty.write(reply));
    const env: Record<string, string> = {};
    // The test runner's own CI/VITEST variables are not the program's; a test can still set CI itself.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'CI' && !key.startsWith('VITEST')));
    // PODSCOPE_CONFIG='': the developer's own config file must not change what the tests see.
    for (const [key, value] of Object.entries({ ...inherited, LANG: 'C.UTF-8', TERM: 'xterm-256color', PODSCOPE_CONFIG: '', ...options.env })) {
      if (value !== undefined) env[key] = value;
    }
    const file = options.command?.file ?? process.execPath;
    const args = options.command?.args ?? [binPath, ...options.args];
    // Bytes, not strings: tests of what reaches the terminal look at exactly what was written.
    this.pty = spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: options.cwd ?? repoRoot, env, encoding: null });
    this.pty.onData((data: string | Buffer) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      this.chunks.push(bytes);
      this.raw += this.decoder.write(bytes);
      this.terminal.write(bytes);
    });
    this.pty.onExit((info) => {
      this.exitInfo = info;
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  /** Everything the program wrote, escape sequences included. */
  get output(): string {
    return this.raw;
  }

  /** The same as the bytes written to the terminal. */
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get exited(): { exitCode: number; signal?: number } | undefined {
    return this.exitInfo;
  }

  /** The visible screen, one string per row, trailing spaces trimmed. */
  async screen(): Promise<string[]> {
    await new Promise<void>((resolve) => this.terminal.write('', resolve));
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return lines;
  }

  async text(): Promise<string> {
    return (await this.screen()).join('\n');
  }

  /** True while the program shows the alternate screen (full-screen TUI mode). */
  get inAlternateScreen(): boolean {
    return this.terminal.buffer.active.type === 'alternate';
  }

  /** What the terminal's modes are now (after everything written so far is interpreted). */
  async modes(): Promise<ScreenModes> {
    await new Promise<void>((resolve) => this.terminal.write('', resolve));
    const modes = this.terminal.modes;
    // Cursor visibility is not in the public modes; the core service holds it (DECTCEM, CSI ? 25 l/h).
    const core = (this.terminal as unknown as { _core?: { coreService?: { isCursorHidden?: boolean } } })._core;
    return {
      alternateScreen: this.inAlternateScreen,
      mouseTracking: modes.mouseTrackingMode,
      bracketedPaste: modes.bracketedPasteMode,
      applicationCursorKeys: modes.applicationCursorKeysMode,
      applicationKeypad: modes.applicationKeypadMode,
      focusEvents: modes.sendFocusMode,
      cursorHidden: core?.coreService?.isCursorHidden === true,
    };
  }

  /** The pids of every process under the pty's own (Linux /proc), e.g. podscope under a wrapper shell. */
  descendants(): number[] {
    const found: number[] = [];
    const visit = (pid: number): void => {
      let children: string;
      try {
        children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
      } catch {
        return;
      }
      for (const child of children.trim().split(/\s+/).filter((c) => c !== '').map(Number)) {
        found.push(child);
        visit(child);
      }
    };
    visit(this.pty.pid);
    return found;
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  resize(cols: number, rows: number): void {
    this.pty.resize(cols, rows);
    this.terminal.resize(cols, rows);
  }

  async waitFor(predicate: (screenText: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.text();
      if (predicate(last)) return last;
      if (this.exitInfo) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    last = await this.text();
    if (predicate(last)) return last;
    const raw = process.env['PTY_DEBUG'] ? `\nraw tail: ${JSON.stringify(this.raw.slice(-3000))}` : '';
    throw new Error(`timed out waiting for ${what}; exit=${JSON.stringify(this.exitInfo)}; screen:\n${last}${raw}`);
  }

  /**
   * Types `keys` again every second until the screen satisfies `predicate`. For questions whose
   * answer depends on a signal racing the keys, e.g. `stty size` right after a resize: SIGWINCH
   * and the typed line reach the program in either order, so one ask may see the old size.
   */
  async askUntil(keys: string, predicate: (screenText: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.write(keys);
      try {
        return await this.waitFor(predicate, what, Math.min(1_000, Math.max(0, deadline - Date.now())));
      } catch (error) {
        if (Date.now() >= deadline || this.exitInfo) throw error;
      }
    }
  }

  waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((screen) => screen.includes(text), JSON.stringify(text), timeoutMs);
  }

  waitForExit(timeoutMs = 15_000): Promise<{ exitCode: number; signal?: number }> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for exit')), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.exitInfo!);
      });
    });
  }

  kill(signal?: string): void {
    if (!this.exitInfo) this.pty.kill(signal);
  }

  dispose(): void {
    this.kill();
    this.terminal.dispose();
  }
}
