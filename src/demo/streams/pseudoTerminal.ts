import { spawn as spawnChild, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The part of node-pty's IPty the demo's container processes use. */
export interface PseudoTerminal {
  readonly pid: number | undefined;
  onData(listener: (text: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(text: string): void;
  resize(columns: number, rows: number): void;
}

export interface PseudoTerminalOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
}

type NodePty = typeof import('node-pty');

let nodePty: NodePty | null | undefined;

/**
 * node-pty is an optional dependency: it needs a C++ toolchain to install, and only the demo
 * cluster's shells (and the tests) use it. Loaded on first use, never at start-up.
 */
function loadNodePty(): NodePty | null {
  if (nodePty !== undefined) return nodePty;
  try {
    nodePty = createRequire(import.meta.url)('node-pty') as NodePty;
  } catch {
    nodePty = null;
  }
  return nodePty;
}

let scriptAvailable: boolean | undefined;

function hasScript(): boolean {
  scriptAvailable ??= spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  return scriptAvailable;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Without node-pty: util-linux `script` allocates the terminal and copies it to pipes. It cannot be
 * resized after the start (the size is set once with stty), which is all a demo shell loses.
 */
function scriptTerminal(file: string, args: readonly string[], options: PseudoTerminalOptions): PseudoTerminal {
  const command = `stty rows ${options.rows} cols ${options.cols} 2>/dev/null; exec ${[file, ...args].map(shellQuote).join(' ')}`;
  const child = spawnChild('script', ['-q', '-f', '-e', '-c', command, '/dev/null'], {
    cwd: options.cwd,
    env: { ...options.env, SHELL: '/bin/sh' },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.on('error', () => undefined);
  return {
    pid: child.pid,
    onData: (listener) => {
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', listener);
      child.stderr.on('data', listener);
    },
    onExit: (listener) => {
      child.on('error', () => listener({ exitCode: 127 }));
      child.on('close', (code, signal) => listener({ exitCode: code ?? 1, signal: signal === null ? undefined : signalNumber(signal) }));
    },
    write: (text) => {
      child.stdin.write(text);
    },
    resize: () => undefined,
  };
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 };
  return numbers[signal] ?? 1;
}

export class NoPseudoTerminalError extends Error {
  constructor() {
    super('the demo cluster cannot give this shell a terminal: neither node-pty nor util-linux `script` is installed');
    this.name = 'NoPseudoTerminalError';
  }
}

/** How the demo cluster gets terminals here: "node-pty", "script", or undefined for none. */
export function pseudoTerminalKind(): 'node-pty' | 'script' | undefined {
  if (process.env['PODSCOPE_DEMO_PTY'] !== 'script' && loadNodePty() !== null) return 'node-pty';
  return hasScript() ? 'script' : undefined;
}

/** A process in a new pseudo-terminal: node-pty where installed, else `script`; throws NoPseudoTerminalError. */
export function spawnPseudoTerminal(file: string, args: readonly string[], options: PseudoTerminalOptions): PseudoTerminal {
  const kind = pseudoTerminalKind();
  if (kind === undefined) throw new NoPseudoTerminalError();
  if (kind === 'script') return scriptTerminal(file, args, options);
  const pty = loadNodePty();
  if (pty === null) throw new NoPseudoTerminalError();
  const terminal = pty.spawn(file, [...args], { name: 'xterm', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env });
  return {
    pid: terminal.pid,
    onData: (listener) => void terminal.onData(listener),
    onExit: (listener) => void terminal.onExit(listener),
    write: (text) => terminal.write(text),
    resize: (columns, rows) => terminal.resize(columns, rows),
  };
}
