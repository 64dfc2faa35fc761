import type { Clock } from '../clock.js';
import type { HttpReply, HttpRequestView, ServedPort } from '../network/podNetwork.js';
import type { LogStream } from './logStore.js';
import type { Random } from './random.js';
import { TimerGroup } from './timers.js';

/**
 * A container's process as the simulated runtime runs it: a plan of output over time, how it ends on
 * its own (exit code, OOM kill) or keeps running, how it reacts to SIGTERM, and what its readiness
 * probe would answer.
 */
export interface OutputLine {
  text: string;
  stream: LogStream;
}

export interface ProcessContext {
  /** Simulated wall-clock time (what `date` prints inside the container). */
  now(): number;
  /** A stream of randomness for this instance only. */
  random: Random;
  /** 0 for the container's first run in this pod, then its restart count. */
  instance: number;
  namespace: string;
  pod: string;
  container: string;
  node: string;
  podIP: string;
}

export type ProbeOutcome = { ok: true } | { ok: false; output: string };

export interface ScriptStep {
  /** Wait before printing, after the previous step. */
  afterMs: number;
  /** A function when the text depends on the moment it is printed (timestamps). */
  lines: readonly OutputLine[] | (() => readonly OutputLine[]);
}

export interface ProcessPlan {
  /** Output printed in order after start. */
  script?: ScriptStep[];
  /** Ends on its own this long after the script: with `code`, or killed by the kernel for memory. */
  exit?: { afterMs: number; code: number; oomKilled?: boolean };
  /** Output produced for as long as it keeps running after the script (called again after each batch). */
  steady?: () => ScriptStep;
  /** SIGTERM: ignored until the grace period ends (PID 1 without a handler), or exits after a moment. */
  onTerm: { ignore: true } | { afterMs: number; code: number; lines?: OutputLine[] };
  /** What a readiness probe answers, `sinceStartMs` after the process started (undefined: success). */
  readiness?: (sinceStartMs: number) => ProbeOutcome;
  /** Ports the process listens on while it runs (real sockets: port-forward reaches them). */
  serves?: readonly ServedPort[];
  /** The log line the process writes for each request it answers (an access log). */
  accessLog?: (request: HttpRequestView, reply: HttpReply) => OutputLine | undefined;
}

export type ContainerProgram = (context: ProcessContext) => ProcessPlan;

export interface ProcessExit {
  code: number;
  oomKilled: boolean;
}

export interface ProcessHandle {
  readonly startedAt: number;
  isRunning(): boolean;
  /** SIGTERM. */
  term(): void;
  /** SIGKILL: exit code 137 at once. */
  kill(): void;
  /** The process ends by itself now (an interactive shell whose user typed `exit`). */
  exit(code: number): void;
  probeReadiness(): ProbeOutcome;
}

export interface ProcessOptions {
  clock: Clock;
  write: (line: OutputLine) => void;
  onExit: (exit: ProcessExit) => void;
  /** Forces the interval between steady output batches (a log firehose for benchmarks). */
  steadyIntervalMs?: number;
}

/** The firehose wakes up this often; slower rates keep one timer per line. */
const firehoseTickMs = 4;

export function stdout(text: string): OutputLine {
  return { text, stream: 'stdout' };
}

export function stderr(text: string): OutputLine {
  return { text, stream: 'stderr' };
}

export function startProcess(plan: ProcessPlan, options: ProcessOptions): ProcessHandle {
  const { clock } = options;
  const timers = new TimerGroup(clock);
  const startedAt = clock.now();
  let running = true;
  let terminating = false;

  const finish = (exit: ProcessExit): void => {
    if (!running) return;
    running = false;
    timers.close();
    options.onExit(exit);
  };
  const print = (lines: ScriptStep['lines']): void => {
    for (const line of typeof lines === 'function' ? lines() : lines) if (running) options.write(line);
  };

  // Faster than a timer can fire (--log-rate above ~250 lines/s): every few milliseconds, the lines
  // that fell due since the start, so a firehose of 50,000 lines a second is one.
  const runFirehose = (intervalMs: number): void => {
    const started = clock.now();
    let printed = 0;
    const tick = (): void => {
      timers.after(firehoseTickMs, () => {
        const due = Math.floor((clock.now() - started) / intervalMs);
        const burst = Math.min(due - printed, Math.ceil(1000 / intervalMs));
        for (let i = 0; i < burst && running; i++) print(plan.steady?.().lines ?? []);
        printed = Math.max(printed + burst, due - Math.ceil(1000 / intervalMs));
        tick();
      });
    };
    tick();
  };

  const runSteady = (): void => {
    if (plan.steady === undefined) return;
    if (options.steadyIntervalMs !== undefined && options.steadyIntervalMs < firehoseTickMs) {
      runFirehose(options.steadyIntervalMs);
      return;
    }
    const step = plan.steady();
    const interval = options.steadyIntervalMs ?? step.afterMs;
    timers.after(interval, () => {
      print(step.lines);
      runSteady();
    });
  };
  const afterScript = (): void => {
    const exit = plan.exit;
    if (exit !== undefined) {
      timers.after(exit.afterMs, () => finish({ code: exit.code, oomKilled: exit.oomKilled === true }));
    }
    runSteady();
  };
  const runScript = (index: number): void => {
    const step = plan.script?.[index];
    if (step === undefined) {
      afterScript();
      return;
    }
    const printStep = (): void => {
      print(step.lines);
      runScript(index + 1);
    };
    if (step.afterMs <= 0) printStep();
    else timers.after(step.afterMs, printStep);
  };
  runScript(0);

  return {
    startedAt,
    isRunning: () => running,
    term() {
      if (!running || terminating) return;
      terminating = true;
      const onTerm = plan.onTerm;
      if ('ignore' in onTerm) return;
      timers.cancelAll();
      timers.after(onTerm.afterMs, () => {
        print(onTerm.lines ?? []);
        finish({ code: onTerm.code, oomKilled: false });
      });
    },
    kill: () => finish({ code: 137, oomKilled: false }),
    exit: (code) => finish({ code, oomKilled: false }),
    probeReadiness: () => plan.readiness?.(clock.now() - startedAt) ?? { ok: true },
  };
}
