import type { Severity } from '../model/containerTree.js';
import type { LogOutputText, Printable } from '../model/printable.js';
import { detectDisplay } from '../ui/glyphs.js';

/**
 * The CLI's one way to the terminal. Everything a command prints passes here, typed: Printable
 * lines (cluster text cleaned at the boundary, see model/printable), sanitised log lines, or — only
 * for `podscope logs --raw`, which asks for them — the log's bytes as the server sent them. Colour
 * is added here and only here: on a terminal, unless NO_COLOR. (The shell hand-over in src/terminal
 * is the other raw path: a remote shell's output is the session the user asked for.)
 */

/** One printed line and how it is coloured on a terminal (a tree line's severity, a warning event). */
export interface PrintLine {
  text: Printable;
  tone?: Severity;
}

/** A completion candidate as the shell scripts read it (src/cli/commands/completionScripts.ts). */
export interface CompletionLine {
  value: Printable;
  describe?: Printable;
}

export interface CliOutput {
  /** Colour on stdout: a terminal, and NO_COLOR unset. */
  readonly colour: boolean;
  /** ASCII glyphs: the locale is not UTF-8. */
  readonly ascii: boolean;
  line(text: Printable, tone?: Severity): void;
  lines(lines: readonly PrintLine[]): void;
  /** A line on stderr (notices, the one-line error). */
  error(text: Printable): void;
  /** A log line on stdout, sanitised (colours kept or not, see cleanLogOutputLine); `newline: false` for a log's unfinished last line. */
  logLine(text: LogOutputText, newline?: boolean): void;
  /** `podscope logs --raw`: the log's bytes exactly as the server sent them. */
  rawLogBytes(bytes: Uint8Array): void;
  /** `podscope __complete`: one candidate a line, its description after a tab (values may hold spaces). */
  candidates(candidates: readonly CompletionLine[]): void;
  /** After a remote shell in raw mode: carriage return and line feed, so the next line starts clean. */
  freshLine(): void;
}

interface Stream {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
}

const TONE_SGR: Readonly<Record<Severity, string>> = {
  ok: '32',
  progress: '36',
  warning: '33',
  error: '31',
  completed: '2',
  muted: '2',
};

export function cliOutput(
  streams: { stdout: Stream; stderr: Stream } = { stdout: process.stdout, stderr: process.stderr },
  env: Readonly<Record<string, string | undefined>> = process.env,
): CliOutput {
  const display = detectDisplay(env);
  const colour = display.color && streams.stdout.isTTY === true;
  const paint = (text: Printable, tone: Severity | undefined): string => (colour && tone !== undefined ? `\x1b[${TONE_SGR[tone]}m${text}\x1b[0m` : text);
  return {
    colour,
    ascii: !display.unicode,
    line: (text, tone) => void streams.stdout.write(`${paint(text, tone)}\n`),
    lines: (lines) => {
      if (lines.length > 0) streams.stdout.write(lines.map((l) => `${paint(l.text, l.tone)}\n`).join(''));
    },
    error: (text) => void streams.stderr.write(`${text}\n`),
    logLine: (text, newline = true) => void streams.stdout.write(newline ? `${text}\n` : text),
    rawLogBytes: (bytes) => void streams.stdout.write(bytes),
    freshLine: () => void streams.stdout.write('\r\n'),
    candidates: (candidates) => {
      if (candidates.length > 0) streams.stdout.write(candidates.map((c) => (c.describe === undefined ? `${c.value}\n` : `${c.value}\t${c.describe}\n`)).join(''));
    },
  };
}
