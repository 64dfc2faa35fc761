import type { ContainerStateView, LabelPart, TerminatedView } from '../containerTree.js';
import { age } from '../duration.js';
import { clean, cleanName, p, type Printable } from '../printable.js';

/** How a container's state reads in the tree: the one-word summary and the detail line. */
export function stateSummary(state: ContainerStateView): Printable {
  switch (state.kind) {
    case 'none':
      return p`NoStatus`;
    case 'running':
      return p`Running`;
    case 'waiting':
      return state.reason ? p`Waiting: ${cleanName(state.reason)}` : p`Waiting`;
    case 'terminated':
      return p`Terminated: ${terminationName(state)}`;
  }
}

function terminationName(t: TerminatedView): Printable {
  if (t.reason) return cleanName(t.reason);
  return t.signal ? p`Signal:${t.signal}` : p`ExitCode:${t.exitCode}`;
}

export function stateDetail(state: ContainerStateView, now: Date): LabelPart[] {
  const key: LabelPart = { text: p`state`, role: 'key' };
  switch (state.kind) {
    case 'none':
      return [key, { text: p`not started`, role: 'state' }, { text: p`(no status reported)`, role: 'dim' }];
    case 'running':
      return state.startedAt === undefined
        ? [key, { text: p`running`, role: 'state' }]
        : [key, { text: p`running`, role: 'state' }, { text: p`since ${age(new Date(state.startedAt), now)} ago`, role: 'time' }];
    case 'waiting': {
      const parts: LabelPart[] = [key, { text: p`waiting`, role: 'state' }];
      if (state.reason) parts.push({ text: cleanName(state.reason), role: 'reason' });
      if (state.message) parts.push({ text: clean(state.message), role: 'message' });
      return parts;
    }
    case 'terminated':
      return [key, ...terminatedParts(state, now)];
  }
}

/** Exit codes above 128 mean "killed by signal N-128"; naming the common ones saves a lookup. */
const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };

export function exitCodeHint(exitCode: number, signal?: number): string | undefined {
  const sig = signal ?? (exitCode > 128 && exitCode < 160 ? exitCode - 128 : undefined);
  if (sig === undefined) return undefined;
  return SIGNAL_NAMES[sig] ?? `signal ${sig}`;
}

export function terminatedParts(t: TerminatedView, now: Date): LabelPart[] {
  const parts: LabelPart[] = [{ text: p`terminated`, role: 'state' }, { text: terminationName(t), role: 'reason' }];
  const hint = exitCodeHint(t.exitCode, t.signal);
  parts.push({ text: hint ? p`exit ${t.exitCode} (${clean(hint)})` : p`exit ${t.exitCode}`, role: 'value' });
  if (t.signal) parts.push({ text: p`signal ${t.signal}`, role: 'value' });
  if (t.finishedAt !== undefined) parts.push({ text: p`${age(new Date(t.finishedAt), now)} ago`, role: 'time' });
  if (t.startedAt !== undefined && t.finishedAt !== undefined) {
    parts.push({ text: p`ran ${age(new Date(t.startedAt), new Date(t.finishedAt))}`, role: 'dim' });
  }
  if (t.message) parts.push({ text: clean(t.message), role: 'message' });
  return parts;
}
