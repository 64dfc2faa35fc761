import { spawn as spawnChild } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { spawnPseudoTerminal, type PseudoTerminal } from './pseudoTerminal.js';
import { PromptLine } from './promptLine.js';

/*
 * SECURITY: the demo cluster's "containers" run REAL processes on this machine, as the current user:
 * `kubectl exec` into a demo pod is a local shell. This is acceptable only because the demo API server
 * binds 127.0.0.1 and every exec/attach needs the bearer token from the demo kubeconfig (a file only
 * the user can read). Each process starts in a throw-away directory, removed when it ends.
 */

export type OutputStream = 'stdout' | 'stderr';

export interface LocalProcess {
  /** Writes to the process's stdin (ignored when it has none). */
  write(data: Buffer | string): void;
  /** Resizes the terminal (tty processes only). */
  resize(columns: number, rows: number): void;
  /** Output as it comes; with a tty everything is `stdout`. Returns an unsubscribe function. */
  onOutput(listener: (stream: OutputStream, data: Buffer) => void): () => void;
  /** Resolves with the exit code (128 + signal number when killed by a signal). */
  readonly exited: Promise<number>;
  isRunning(): boolean;
  /** Kills the process and everything it started (its whole session). */
  kill(): void;
}

export interface LocalProcessOptions {
  /** The container's command; a shell (`sh`, `/bin/sh`, `ash`, `bash`) runs the host's /bin/sh. */
  command: readonly string[];
  tty: boolean;
  stdin: boolean;
  /** The pod's name, the shell's $HOSTNAME. */
  hostname: string;
  columns?: number;
  rows?: number;
  /** Scripts by name, put first on the process's PATH (the demo's `ps` of a debug container); a function gets the process's directory. */
  tools?: Readonly<Record<string, string>> | ((directory: string) => Readonly<Record<string, string>>);
  /** Files written under the process's directory before it starts (a path ending in `/` is a directory): a node's root seen at /host. */
  files?: (directory: string) => Readonly<Record<string, string>>;
  /** More environment variables; a function gets the process's directory. */
  env?: (directory: string) => Readonly<Record<string, string>>;
}

const shells = new Set(['sh', '/bin/sh', 'ash', '/bin/ash', 'bash', '/bin/bash', '/usr/bin/bash', 'busybox']);

/** The host executable that plays `name`, or undefined when there is none ("executable file not found in $PATH"). */
export function resolveExecutable(name: string): string | undefined {
  if (shells.has(name)) return '/bin/sh';
  const candidates = name.includes('/') ? [name] : (process.env['PATH'] ?? '').split(delimiter).filter((directory) => directory !== '').map((directory) => join(directory, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Writes the tools into a hidden directory of the process's own and puts it first on PATH. */
function withTools(directory: string, given: LocalProcessOptions['tools'], path: string): string {
  const tools = typeof given === 'function' ? given(directory) : given;
  if (tools === undefined || Object.keys(tools).length === 0) return path;
  const bin = join(directory, '.bin');
  mkdirSync(bin);
  for (const [name, script] of Object.entries(tools)) writeFileSync(join(bin, name), script, { mode: 0o755 });
  return `${bin}${delimiter}${path}`;
}

function writeFiles(directory: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(directory, path);
    if (path.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

function signalNumber(signal: NodeJS.Signals | number | null | undefined): number {
  if (typeof signal === 'number') return signal;
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 };
  return signal === null || signal === undefined ? 0 : (numbers[signal] ?? 1);
}

/** Processes of the session `sid` (Linux /proc); both node-pty and a detached child start a new session. */
function sessionMembers(sid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp session …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) === sid) members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/** Kills the process and everything it started, as stopping a container would (background jobs of an interactive shell have process groups of their own). */
function killSession(pid: number | undefined): void {
  if (pid === undefined) return;
  for (const member of [pid, ...sessionMembers(pid)]) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `command` on the host like a container runtime would inside the container: with a pseudo
 * terminal (node-pty, else util-linux `script`) for tty sessions, with pipes otherwise. Throws when the executable does not exist.
 */
export function startLocalProcess(options: LocalProcessOptions): LocalProcess {
  const [name, ...args] = options.command;
  const executable = name === undefined ? undefined : resolveExecutable(name);
  if (executable === undefined) throw new Error(`executable file not found in $PATH: ${name ?? ''}`);
  const directory = mkdtempSync(join(tmpdir(), 'podscope-container-'));
  writeFiles(directory, options.files?.(directory) ?? {});
  const env: Record<string, string> = {
    PATH: withTools(directory, options.tools, process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin'),
    HOME: directory,
    PWD: directory,
    HOSTNAME: options.hostname,
    PS1: '/ # ',
    ...options.env?.(directory),
  };
  if (options.tty) env['TERM'] = 'xterm';
  const prompt = new PromptLine(env['PS1'] ?? '');
  const listeners = new Set<(stream: OutputStream, data: Buffer) => void>();
  const emit = (stream: OutputStream, data: Buffer): void => {
    for (const listener of listeners) listener(stream, data);
  };
  let running = true;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  let leader: number | undefined;
  const finish = (code: number): void => {
    if (!running) return;
    running = false;
    // Like a stopped container: what the command left running in the background ends with it.
    killSession(leader);
    rmSync(directory, { recursive: true, force: true });
    resolveExit(code);
  };

  if (options.tty) {
    let size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
    let terminal: PseudoTerminal;
    try {
      terminal = spawnPseudoTerminal(executable, args, { cols: size.columns, rows: size.rows, cwd: directory, env });
    } catch (error) {
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
    leader = terminal.pid;
    terminal.onData((text) => {
      prompt.feed(text);
      emit('stdout', Buffer.from(text, 'utf8'));
    });
    terminal.onExit(({ exitCode, signal }) => finish(signal !== undefined && signal > 0 ? 128 + signal : exitCode));
    return {
      write: (data) => {
        if (running && options.stdin) terminal.write(typeof data === 'string' ? data : data.toString('utf8'));
      },
      resize: (columns, rows) => {
        if (!running) return;
        terminal.resize(columns, rows);
        if (columns === size.columns && rows === size.rows) return;
        size = { columns, rows };
        // Like busybox's ash on SIGWINCH (which the kernel sends only for a real change): the prompt again.
        const redraw = prompt.redraw();
        if (redraw !== undefined) emit('stdout', Buffer.from(redraw, 'utf8'));
      },
      onOutput: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      exited,
      isRunning: () => running,
      kill: () => killSession(terminal.pid),
    };
  }

  const child = spawnChild(executable, args, { cwd: directory, env, detached: true, stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  leader = child.pid;
  child.stdout?.on('data', (chunk: Buffer) => emit('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => emit('stderr', chunk));
  child.stdin?.on('error', () => undefined);
  child.on('error', () => finish(127));
  // 'close' waits for the output pipes to drain, so no output comes after the exit code.
  child.on('close', (code, signal) => finish(code ?? 128 + signalNumber(signal)));
  return {
    write: (data) => {
      if (running) child.stdin?.write(data);
    },
    resize: () => undefined,
    onOutput: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exited,
    isRunning: () => running,
    kill: () => killSession(child.pid),
  };
}
