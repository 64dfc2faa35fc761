import type { Container } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { probeTarget } from '../describe/describeContainers.js';
import { age, humanDuration } from '../duration.js';
import { clean, joinPrintable, p, type Printable } from '../printable.js';
import type { ProbeFailures, ProbeKind } from './probeFailures.js';
import { dim, leaf, value } from './nodes.js';

type Probe = NonNullable<Container['livenessProbe']>;

const PROBES: readonly { kind: ProbeKind; field: 'livenessProbe' | 'readinessProbe' | 'startupProbe'; label: Printable }[] = [
  { kind: 'liveness', field: 'livenessProbe', label: p`liveness` },
  { kind: 'readiness', field: 'readinessProbe', label: p`readiness` },
  { kind: 'startup', field: 'startupProbe', label: p`startup` },
];

/**
 * kubectl DescribeProbe's attributes, those at their default left out so period and threshold fit:
 * `period=5s timeout=1s #failure=3`, plus `delay=` when set and `#success=` when above 1.
 */
function probeAttributes(probe: Probe): Printable {
  const attrs: Printable[] = [p`period=${probe.periodSeconds ?? 10}s`, p`timeout=${probe.timeoutSeconds ?? 1}s`, p`#failure=${probe.failureThreshold ?? 3}`];
  if ((probe.initialDelaySeconds ?? 0) > 0) attrs.push(p`delay=${probe.initialDelaySeconds ?? 0}s`);
  if ((probe.successThreshold ?? 1) > 1) attrs.push(p`#success=${probe.successThreshold ?? 1}`);
  return joinPrintable(attrs, p` `);
}

/** The probes a container declares, in kubectl describe's order (liveness, readiness, startup). */
export function probeNodes(id: string, container: Container): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const { kind, field, label } of PROBES) {
    const probe = container[field];
    if (probe === undefined || probe === null) continue;
    nodes.push(leaf(`${id}/probe/${kind}`, label, [value(clean(probeTarget(probe).trimEnd())), dim(probeAttributes(probe))]));
  }
  return nodes;
}

/**
 * `readiness failed 12× in 42s, last 32s ago: HTTP probe failed with statuscode: 503`, from the
 * pod's Unhealthy events; one line per probe that failed, shown next to the container's state.
 */
export function probeFailureNodes(id: string, containerName: string, failures: ReadonlyMap<string, ProbeFailures>, now: Date): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (const { kind, label } of PROBES) {
    const failure = failures.get(`${containerName}/${kind}`);
    if (failure === undefined) continue;
    const parts: LabelPart[] = [{ text: failure.count > 1 ? p`failed ${failure.count}×` : p`failed`, role: 'reason' }];
    if (failure.count > 1 && failure.firstMs !== undefined && failure.lastMs !== undefined) {
      parts.push({ text: p`in ${humanDuration(failure.lastMs - failure.firstMs)},`, role: 'dim' });
    }
    if (failure.lastMs !== undefined) parts.push({ text: p`${failure.count > 1 ? p`last ` : p``}${age(new Date(failure.lastMs), now)} ago`, role: 'time' });
    // The message repeats the probe kind (`Readiness probe failed: …`): keep only what the probe said.
    const said = failure.message.replace(/^\w+ probe (?:failed|errored):\s*/, '').trim();
    if (said !== '') parts.push({ text: clean(said), role: 'message' });
    nodes.push(leaf(`${id}/probe/${kind}/failures`, label, parts, 'warning'));
  }
  return nodes;
}
