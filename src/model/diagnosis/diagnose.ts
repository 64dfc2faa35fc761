import type { Pod } from '../apiObjects.js';
import { podFacts } from '../podColumns.js';
import { configProblem, crashed, imageProblem, initInProgress, notReady, restartedRecently, waiting, type RuleContext } from './containerRules.js';
import { eventsOfPod } from './podEvents.js';
import { blockingInitContainer, runningSetOf, type ContainerFacts } from './podContainers.js';
import { notScheduled, podFailed, readinessGates, terminating, whatIsKnown } from './podRules.js';
import type { Diagnosis, DiagnosisInput } from './types.js';
import { wordingFor } from './wording.js';

export type { Diagnosis, DiagnosisCode, DiagnosisInput, DiagnosisSeverity, LogTail, LogWanted } from './types.js';

/** Running with every container ready and the Ready condition not False: nothing to explain but a recent restart. */
function runningAndReady(pod: Pod, status: string, ready: number, total: number): boolean {
  const readyCondition = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
  return status === 'Running' && ready === total && readyCondition?.status !== 'False';
}

type ContainerRule = (container: ContainerFacts, ctx: RuleContext) => Diagnosis | undefined;

/** The first container a rule explains, trying the rule on every container before the next rule. */
function firstOf(rules: readonly ContainerRule[], containers: readonly ContainerFacts[], ctx: RuleContext): Diagnosis | undefined {
  for (const rule of rules) {
    for (const container of containers) {
      const found = rule(container, ctx);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Why a pod is not healthy, in one line, from its status, its spec and its events (and, when given,
 * the last lines of the log the line quotes). Undefined for a healthy pod: one that completed, or
 * runs with every container ready and no restart in the last hour. The first rule that applies
 * wins: deleting, not scheduled, failed as a whole, init containers, image pulls, containers that
 * cannot start, crashes and OOM kills, probes, waiting, readiness gates, recent restarts. Where the
 * facts do not say why, the line says what they do say: never a guess.
 */
export function diagnose(input: DiagnosisInput): Diagnosis | undefined {
  const { pod } = input;
  const facts = podFacts(pod);
  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const phase = pod.status?.phase;
  const events = eventsOfPod(input);
  const w = wordingFor(input, events);
  const containers = runningSetOf(pod);
  const ctx: RuleContext = { pod, events, w, tail: input.logTail, severalContainers: containers.length > 1 };

  if (phase === 'Succeeded' && !deleting) return undefined;
  if (runningAndReady(pod, facts.status, facts.readyContainers, facts.totalContainers) && !deleting) return restartedRecently(containers, ctx);

  const podLevel = terminating(pod, w) ?? notScheduled(pod, events, w) ?? podFailed(pod);
  if (podLevel !== undefined) return podLevel;

  const init = blockingInitContainer(pod);
  if (init !== undefined) return firstOf([imageProblem, configProblem, crashed, initInProgress], [init], ctx) ?? whatIsKnown(pod, facts.status);

  return firstOf([imageProblem, configProblem, crashed, notReady, waiting], containers, ctx) ?? readinessGates(pod) ?? whatIsKnown(pod, facts.status);
}
