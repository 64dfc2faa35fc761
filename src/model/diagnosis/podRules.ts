import type { Pod } from '../apiObjects.js';
import { humanDuration } from '../duration.js';
import { clean, cleanName, EMPTY, joinPrintable, p, type Printable } from '../printable.js';
import { toMillis } from '../time.js';
import { latestEvent, type PodEvent } from './podEvents.js';
import { runningSetOf } from './podContainers.js';
import type { Diagnosis } from './types.js';
import { listText, type Wording } from './wording.js';

/** Deleted, not gone: how long, against the grace period, and what it still waits for. */
export function terminating(pod: Pod, w: Wording): Diagnosis | undefined {
  const meta = pod.metadata;
  const deadline = toMillis(meta?.deletionTimestamp);
  const phase = pod.status?.phase;
  if (deadline === undefined || phase === 'Succeeded' || phase === 'Failed') return undefined;
  const grace = meta?.deletionGracePeriodSeconds;
  // deletionTimestamp is when the grace period ends; the delete came that many seconds before it.
  const since = grace === undefined || grace === null ? EMPTY : p` for ${humanDuration(w.nowMs - (deadline - grace * 1000))}`;
  const graceText = grace === undefined || grace === null ? p`grace period ends` : p`grace period ${grace}s`;
  const left = w.nowMs > deadline ? p`, ${humanDuration(w.nowMs - deadline)} past it` : p` (${humanDuration(deadline - w.nowMs)} left)`;
  const running = runningSetOf(pod)
    .filter((c) => c.status?.state?.running !== undefined)
    .map((c) => c.name);
  const runningText = running.length === 0 ? EMPTY : p`, container${running.length === 1 ? EMPTY : p`s`} ${listText(running)} still running`;
  const finalizers = meta?.finalizers ?? [];
  const finalizerText = finalizers.length === 0 ? EMPTY : p`, finalizers ${listText(finalizers)}`;
  const nodeLost = pod.status?.reason === 'NodeLost' ? p`node ${cleanName(pod.spec?.nodeName)} unreachable, ` : EMPTY;
  return {
    code: 'terminating',
    severity: w.nowMs > deadline ? 'warning' : 'progressing',
    text: p`${nodeLost}terminating${since}: ${graceText}${left}${runningText}${finalizerText}`,
  };
}

const AVAILABLE = /^0\/(\d+) nodes are available: (.*?)\.?(?: preemption: .*)?$/s;
const SELECTOR_MISMATCH = /^(\d+) node\(s\) didn't match Pod's node affinity\/selector$/;

/** What the pod asks of a node: `nodeSelector disktype=nvme`, `node affinity`, both. */
function placementText(pod: Pod): Printable {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {}).map(([key, value]) => `${key}=${value}`);
  const parts: Printable[] = [];
  if (selector.length > 0) parts.push(p`nodeSelector ${listText(selector)}`);
  if (pod.spec?.affinity?.nodeAffinity !== undefined) parts.push(p`its node affinity`);
  return joinPrintable(parts, p` and `);
}

/** Not on a node yet: gated, refused by the scheduler (its own words, shortened when they say one thing), or not seen yet. */
export function notScheduled(pod: Pod, events: readonly PodEvent[], w: Wording): Diagnosis | undefined {
  if (pod.spec?.nodeName) return undefined;
  if (pod.status?.phase !== 'Pending' && pod.status?.phase !== undefined) return undefined;
  const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
  if (gates.length > 0) return { code: 'schedulingGated', severity: 'progressing', text: p`scheduling gated: waiting for ${listText(gates)} to be removed` };
  const condition = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const event = latestEvent(events, (e) => e.reason === 'FailedScheduling');
  const message = (condition?.message ?? event?.message ?? '').trim();
  if (condition?.reason === 'Unschedulable' || event !== undefined) {
    return { code: 'unschedulable', severity: 'failed', text: p`unschedulable: ${schedulerWords(pod, message)}` };
  }
  const created = toMillis(pod.metadata?.creationTimestamp);
  const waited = created === undefined ? EMPTY : p` for ${humanDuration(w.nowMs - created)}`;
  const scheduler = pod.spec?.schedulerName && pod.spec.schedulerName !== 'default-scheduler' ? p` (scheduler ${cleanName(pod.spec.schedulerName)})` : EMPTY;
  return { code: 'notScheduled', severity: 'progressing', text: p`not scheduled yet: no node assigned${waited}${scheduler}` };
}

function schedulerWords(pod: Pod, message: string): Printable {
  if (message === '') return p`the scheduler gave no reason`;
  const placement = placementText(pod);
  const available = AVAILABLE.exec(message);
  if (available !== null) {
    const total = Number(available[1]);
    const reasons = (available[2] ?? '').split(', ');
    const only = reasons.length === 1 ? SELECTOR_MISMATCH.exec(reasons[0] ?? '') : null;
    if (only !== null && Number(only[1]) === total && placement !== EMPTY) return p`0/${total} nodes match ${placement}`;
    const mentionsPlacement = reasons.some((r) => SELECTOR_MISMATCH.test(r)) && placement !== EMPTY;
    return p`0/${total} nodes are available: ${clean(available[2])}${mentionsPlacement ? p` (${placement})` : EMPTY}`;
  }
  return clean(message);
}

/** A pod the kubelet or a controller failed as a whole (Evicted, DeadlineExceeded, ...): its own reason and message. */
export function podFailed(pod: Pod): Diagnosis | undefined {
  const status = pod.status;
  if (status?.phase !== 'Failed' || !status.reason) return undefined;
  const message = (status.message ?? '').trim();
  return { code: 'podFailed', severity: 'failed', text: message === '' ? p`${cleanName(status.reason)}: the pod failed` : p`${cleanName(status.reason)}: ${clean(message)}` };
}

/** Every container ready, the pod still not: its readiness gates. */
export function readinessGates(pod: Pod): Diagnosis | undefined {
  const gates = pod.spec?.readinessGates ?? [];
  const conditions = pod.status?.conditions ?? [];
  const unmet = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status !== 'True').map((g) => g.conditionType);
  if (unmet.length === 0) return undefined;
  return { code: 'notReady', severity: 'warning', text: p`not ready: readiness gate${unmet.length === 1 ? EMPTY : p`s`} ${listText(unmet)} not True` };
}

/** Nothing more specific applies: the printed status and every condition that is not True, in the pod's own words. */
export function whatIsKnown(pod: Pod, status: string): Diagnosis {
  const unmet = (pod.status?.conditions ?? []).filter((c) => c.status !== 'True');
  const parts = unmet.map((c) => {
    const detail = [c.reason, c.message].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join(': ');
    return detail === '' ? p`${cleanName(c.type)} ${cleanName(c.status)}` : p`${cleanName(c.type)} ${cleanName(c.status)} (${clean(detail)})`;
  });
  const message = (pod.status?.message ?? '').trim();
  if (message !== '') parts.unshift(clean(message));
  const phase = pod.status?.phase ? p`phase ${cleanName(pod.status.phase)}` : p`no phase reported`;
  return { code: 'unknown', severity: 'warning', text: p`${cleanName(status || 'Unknown')}: ${joinPrintable([phase, ...parts], p`; `)}` };
}
