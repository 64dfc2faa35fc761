import type { Pod } from './apiObjects.js';
import { allContainerNames, defaultContainerName } from './containers.js';

/** The controller that owns a pod (its ownerReference with `controller: true`). */
export interface WorkloadOwner {
  kind: string;
  name: string;
  uid: string;
}

export function controllerOf(pod: Pod): WorkloadOwner | undefined {
  const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller === true);
  return owner === undefined ? undefined : { kind: owner.kind, name: owner.name, uid: owner.uid };
}

/**
 * One container stream of the workload log. `label` names it on every line: `pod` or
 * `pod/container`; `key` tells streams apart (a pod deleted and created again under its name, as a
 * StatefulSet's, is a new pod with a new uid).
 */
export interface WorkloadTarget {
  pod: string;
  container: string;
  label: string;
  key: string;
}

export type WorkloadContainers = 'default' | 'all';

/**
 * The streams of a workload's log: each pod of the namespace whose controller is `ownerUid`, by
 * name, and of each its default container or all of them (init, app, ephemeral). A pod's label is
 * its name alone when one container per pod is read.
 */
export function workloadTargets(pods: readonly Pod[], namespace: string, ownerUid: string, containers: WorkloadContainers): WorkloadTarget[] {
  const members = pods
    .filter((pod) => pod.metadata?.namespace === namespace && controllerOf(pod)?.uid === ownerUid)
    .map((pod) => ({ pod, name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const targets: WorkloadTarget[] = [];
  for (const { pod, name, uid } of members) {
    if (containers === 'all') {
      for (const ref of allContainerNames(pod)) targets.push({ pod: name, container: ref.name, label: `${name}/${ref.name}`, key: `${uid}/${ref.name}` });
    } else {
      const container = defaultContainerName(pod);
      if (container !== undefined) targets.push({ pod: name, container, label: name, key: `${uid}/${container}` });
    }
  }
  return targets;
}

/** What changes when the set of pods changes: streams to start, streams to stop (keys: their pod left), streams held back by the cap. */
export interface TargetPlan {
  start: WorkloadTarget[];
  stop: string[];
  /** Wanted but not streamed: more than `maxStreams` at once. */
  waiting: number;
}

/**
 * stern's shape: every wanted stream that is not running starts, in order, while fewer than
 * `maxStreams` run; a running stream whose target is no longer wanted stops. A stream that stops
 * frees its place for a waiting one at the next plan.
 */
export function planTargets(running: ReadonlySet<string>, wanted: readonly WorkloadTarget[], maxStreams: number): TargetPlan {
  const wantedKeys = new Set(wanted.map((target) => target.key));
  const stop = [...running].filter((key) => !wantedKeys.has(key));
  let count = running.size - stop.length;
  const start: WorkloadTarget[] = [];
  let waiting = 0;
  for (const target of wanted) {
    if (running.has(target.key)) continue;
    if (count < maxStreams) {
      start.push(target);
      count++;
    } else waiting++;
  }
  return { start, stop, waiting };
}

/** stern's cap on streams at once; beyond it the view says how many pods are not streamed. */
export const DEFAULT_WORKLOAD_STREAMS = 50;

export function workloadJoinedMarker(pod: string): string {
  return `── ${pod} joined ──`;
}

export function workloadLeftMarker(pod: string): string {
  return `── ${pod} went away ──`;
}
