import type { ContainerStateTerminated, Pod } from '../apiObjects.js';
import { humanDuration } from '../duration.js';
import { clean, cleanName, EMPTY, p, type Printable } from '../printable.js';
import { toMillis } from '../time.js';
import { exitWords, isOomKilled } from './exitWords.js';
import { latestEvent, occurrences, type PodEvent } from './podEvents.js';
import type { ContainerFacts } from './podContainers.js';
import { probeFailures } from './probes.js';
import type { Diagnosis, LogTail } from './types.js';
import { logQuote, runtimeReason, type Wording } from './wording.js';

/** A restart this recent still deserves a line on a pod that is running and ready again. */
export const RECENT_RESTART_MS = 60 * 60 * 1000;

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'RegistryUnavailable', 'SignatureValidationFailed', 'ImageInspectError']);
const CONFIG_FAILURES = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerCannotRun', 'PreStartHookError', 'PostStartHookError', 'StartError']);

export interface RuleContext {
  pod: Pod;
  events: readonly PodEvent[];
  w: Wording;
  tail: LogTail | undefined;
  /** Several containers run side by side: a line about one names it. */
  severalContainers: boolean;
}

function who(container: ContainerFacts): Printable {
  return container.kind === 'init' ? p`init container ${cleanName(container.name)}` : p`container ${cleanName(container.name)}`;
}

function eventsOf(container: ContainerFacts, events: readonly PodEvent[]): PodEvent[] {
  return events.filter((e) => e.container === container.name);
}

/** The image cannot be had: the runtime's words from the latest Failed event, and how the kubelet goes on. */
export function imageProblem(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const waiting = container.status?.state?.waiting;
  const reason = waiting?.reason ?? '';
  const image = clean(container.spec.image ?? container.status?.image ?? '');
  const forWhom = ctx.severalContainers || container.kind !== 'app' ? p` (${who(container)})` : EMPTY;
  const base = { code: 'imagePull' as const, severity: 'failed' as const, container: container.name };
  if (reason === 'ErrImageNeverPull') {
    const node = ctx.pod.spec?.nodeName ? p` on node ${cleanName(ctx.pod.spec.nodeName)}` : EMPTY;
    return { ...base, text: p`image ${image}${forWhom} is not present${node} and its imagePullPolicy is Never` };
  }
  if (reason === 'InvalidImageName') {
    const message = (waiting?.message ?? '').trim();
    return { ...base, text: p`invalid image name ${image}${forWhom}${message === '' ? EMPTY : p`: ${clean(message)}`}` };
  }
  if (!PULL_FAILURES.has(reason)) return undefined;
  const mine = eventsOf(container, ctx.events);
  const failed = latestEvent(mine, (e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'));
  let why: Printable;
  if (failed !== undefined) why = clean(pullError(failed.message));
  else if (reason === 'ErrImagePull' && (waiting?.message ?? '').trim() !== '') why = clean(pullError(waiting?.message ?? ''));
  else why = p`no pull error in the pod's events (${cleanName(reason)})`;
  const pulls = occurrences(mine, (e) => e.reason === 'Pulling');
  const tried = pulls === undefined ? EMPTY : p`, tried ${ctx.w.occurrences(pulls)}`;
  const next = reason === 'ImagePullBackOff' ? p`; retrying with back-off${tried}` : p`; retrying${tried}`;
  return { ...base, text: p`image ${image}${forWhom} cannot be pulled: ${why}${next}` };
}

/** `Failed to pull image "x": rpc error: code = NotFound desc = failed to pull and unpack image "x": ...` without the parts that only repeat the image. */
function pullError(message: string): string {
  const afterImage = message.replace(/^Failed to pull image "[^"]*": /, '');
  return runtimeReason(afterImage)
    .replace(/^failed to pull and unpack image "[^"]*": /, '')
    .replace(/^failed to resolve reference "[^"]*": /, '');
}

/** The kubelet could not create or start it: its reason and message (a missing Secret, a bad command). */
export function configProblem(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const waiting = container.status?.state?.waiting;
  if (waiting?.reason === undefined || !CONFIG_FAILURES.has(waiting.reason)) return undefined;
  const fromEvent = latestEvent(eventsOf(container, ctx.events), (e) => e.warning && e.reason === 'Failed')?.message;
  const message = (waiting.message ?? '').trim() || (fromEvent ?? '').replace(/^Error: /, '');
  return {
    code: 'containerConfig',
    severity: 'failed',
    container: container.name,
    text: p`${cleanName(waiting.reason)}: ${who(container)} cannot start${message === '' ? EMPTY : p`: ${clean(message)}`}`,
  };
}

/** The run that ended and whether its log is the previous one (the container is waiting to start again) or the current one. */
function lastRun(container: ContainerFacts, restartAlways: boolean): { terminated: ContainerStateTerminated | undefined; previous: boolean; looping: boolean } | undefined {
  const state = container.status?.state;
  if (state?.waiting?.reason === 'CrashLoopBackOff') return { terminated: container.status?.lastState?.terminated, previous: true, looping: true };
  const terminated = state?.terminated;
  if (terminated === undefined) return undefined;
  if (terminated.exitCode !== 0 || isOomKilled(terminated) || restartAlways) return { terminated, previous: false, looping: false };
  return undefined;
}

/** Crashed, crash-looping, OOM-killed, or (in a failed pod) exited: how the last run ended, how often, and its last log lines. */
export function crashed(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const restartAlways = container.kind === 'sidecar' || (container.kind === 'app' && (ctx.pod.spec?.restartPolicy ?? 'Always') === 'Always');
  const run = lastRun(container, restartAlways);
  if (run === undefined) return undefined;
  const { terminated, previous } = run;
  const oom = isOomKilled(terminated);
  const podFailed = ctx.pod.status?.phase === 'Failed';
  const prefix = oom ? p`OOMKilled: ` : run.looping ? p`CrashLoopBackOff: ` : podFailed ? p`failed: ` : EMPTY;
  const how = terminated === undefined ? p` has stopped (its last run is not in the status)` : p` ${exitWords(container, terminated)}`;
  const restarts = container.status?.restartCount ?? 0;
  const finished = ctx.w.ago(toMillis(terminated?.finishedAt));
  let when: Printable = EMPTY;
  if (restarts > 0) when = finished === undefined ? p`, restarted ${ctx.w.count(restarts)}` : p`, restarted ${ctx.w.count(restarts)}, last ${finished}`;
  else if (finished !== undefined) when = p`, ${finished}`;
  const liveness = probeFailures(container, 'liveness', eventsOf(container, ctx.events), ctx.w);
  const livenessText = liveness === undefined ? EMPTY : p`; ${liveness}`;
  const quote = logQuote(ctx.tail, container.name, previous);
  const diagnosis: Diagnosis = {
    code: oom ? 'oomKilled' : run.looping || restarts > 0 ? 'crashLoop' : 'exited',
    severity: 'failed',
    container: container.name,
    text: p`${prefix}${who(container)}${how}${when}${livenessText}${quote}`,
  };
  if (quote === EMPTY) diagnosis.logWanted = { container: container.name, previous };
  return diagnosis;
}

/** A blocking init container that is running or waiting (failures and image trouble have their own rules). */
export function initInProgress(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const state = container.status?.state;
  const place = p`(${container.position} of ${container.of})`;
  if (state?.running !== undefined) {
    const started = toMillis(state.running.startedAt);
    const since = started === undefined ? EMPTY : p` after ${humanDuration(ctx.w.nowMs - started)}`;
    return { code: 'initRunning', severity: 'progressing', container: container.name, text: p`${who(container)} ${place} still running${since}` };
  }
  const reason = state?.waiting?.reason;
  const message = (state?.waiting?.message ?? '').trim();
  const detail = reason === undefined ? p`not started yet` : p`waiting: ${cleanName(reason)}${message === '' ? EMPTY : p`: ${clean(message)}`}`;
  return { code: 'initWaiting', severity: 'progressing', container: container.name, text: p`${who(container)} ${place} ${detail}${latestFailure(ctx)}` };
}

/** `; FailedMount: ...`: the latest failure the kubelet reported about the pod, if it reported one. */
function latestFailure(ctx: RuleContext): Printable {
  const failure = latestEvent(ctx.events, (e) => e.warning && e.reason.startsWith('Failed') && e.container === undefined);
  return failure === undefined ? EMPTY : p`; ${cleanName(failure.reason)} ${ctx.w.ago(failure.lastMs) ?? EMPTY}: ${clean(failure.message)}`;
}

/** Running but not ready: the failing probe with its failures from the events, or what is known. */
export function notReady(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const status = container.status;
  if (status?.state?.running === undefined || status.ready) return undefined;
  const mine = eventsOf(container, ctx.events);
  const base = { container: container.name, severity: 'warning' as const };
  if (container.spec.startupProbe !== undefined && status.started !== true) {
    const failing = probeFailures(container, 'startup', mine, ctx.w);
    if (failing !== undefined) return { ...base, code: 'probeFailing', text: failing };
  }
  const failing = probeFailures(container, 'readiness', mine, ctx.w);
  if (failing !== undefined) return { ...base, code: 'probeFailing', text: failing };
  const started = toMillis(status.state.running.startedAt);
  const since = started === undefined ? EMPTY : p` for ${humanDuration(ctx.w.nowMs - started)}`;
  const probe = container.spec.startupProbe !== undefined && status.started !== true ? p`startup` : container.spec.readinessProbe !== undefined ? p`readiness` : undefined;
  const detail = probe === undefined ? p`, no probe has failed` : p`, its ${probe} probe has not passed yet and no failure is in the events`;
  return { ...base, code: 'notReady', text: p`not ready: ${who(container)} running${since}${detail}` };
}

/** Waiting for a reason no other rule knows (ContainerCreating, PodInitializing): the reason, and the latest failure reported. */
export function waiting(container: ContainerFacts, ctx: RuleContext): Diagnosis | undefined {
  const state = container.status?.state;
  const reason = state?.waiting?.reason;
  if (state !== undefined && state.waiting === undefined) return undefined;
  const message = (state?.waiting?.message ?? '').trim();
  const started = toMillis(ctx.pod.status?.startTime);
  const since = started === undefined ? EMPTY : p`, pod started ${ctx.w.ago(started) ?? EMPTY}`;
  const what = reason === undefined ? p`not started yet` : p`${cleanName(reason)}${message === '' ? EMPTY : p`: ${clean(message)}`}`;
  return { code: 'waiting', severity: 'progressing', container: container.name, text: p`${who(container)} waiting: ${what}${since}${latestFailure(ctx)}` };
}

/** Running and ready now, but restarted within RECENT_RESTART_MS: the latest restart and how that run ended. */
export function restartedRecently(containers: readonly ContainerFacts[], ctx: RuleContext): Diagnosis | undefined {
  let latest: { container: ContainerFacts; terminated: ContainerStateTerminated; at: number } | undefined;
  for (const container of containers) {
    const terminated = container.status?.lastState?.terminated;
    const at = toMillis(terminated?.finishedAt);
    if (terminated === undefined || at === undefined || (container.status?.restartCount ?? 0) === 0) continue;
    if (ctx.w.nowMs - at > RECENT_RESTART_MS) continue;
    if (latest === undefined || at > latest.at) latest = { container, terminated, at };
  }
  if (latest === undefined) return undefined;
  const { container, terminated, at } = latest;
  const restarts = container.status?.restartCount ?? 0;
  const oom = isOomKilled(terminated) ? p`OOMKilled, ` : EMPTY;
  const quote = logQuote(ctx.tail, container.name, true);
  const diagnosis: Diagnosis = {
    code: 'restarted',
    severity: 'warning',
    container: container.name,
    text: p`restarted ${ctx.w.count(restarts)}, last ${ctx.w.ago(at) ?? EMPTY}: ${who(container)} ${oom}${exitWords(container, terminated)}; running and ready now${quote}`,
  };
  if (quote === EMPTY) diagnosis.logWanted = { container: container.name, previous: true };
  return diagnosis;
}
